// Given: an association ledger with members and their bound operator identities, for deals and shipments tests.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import {
    type ChaincodeErrorPayload,
    type Member,
    type MemberStatus,
    decodeChaincodeError,
    identityIdOf as modelIdentityIdOf,
} from '@bia/model';
import { DealsContract } from '@bia/chaincode/dist/deals/index.js';
import { ShipmentsContract } from '@bia/chaincode/dist/shipments/index.js';
import { InMemoryLedger, compositeKey, type InvokeResult } from '../../../fixtures/chaincode-harness';
import { TestIdentities, type TestIdentity } from '../../../fixtures/identities';

export const contracts = [DealsContract, ShipmentsContract];

export const mspIds = ['SecretariatMSP', 'HealthcoMSP', 'HealthCentresMSP', 'CarrierMSP'] as const;

/** Who acts for whom: member ID, hosting MSP, status, and the operator identity's common name. */
const roster = {
    healthco: { memberId: 'healthco', mspId: 'HealthcoMSP', status: 'active', operator: 'alice' },
    north: { memberId: 'centre-north', mspId: 'HealthCentresMSP', status: 'active', operator: 'nora' },
    south: { memberId: 'centre-south', mspId: 'HealthCentresMSP', status: 'active', operator: 'sam' },
    carrier: { memberId: 'coldchain', mspId: 'CarrierMSP', status: 'active', operator: 'carl' },
    outsider: { memberId: 'startup', mspId: 'SecretariatMSP', status: 'active', operator: 'oscar' },
    suspended: { memberId: 'lapsed-lab', mspId: 'SecretariatMSP', status: 'suspended', operator: 'lena' },
} as const satisfies Record<string, { memberId: string; mspId: string; status: MemberStatus; operator: string }>;

export type Role = keyof typeof roster;

export interface Association {
    readonly ledger: InMemoryLedger;
    readonly contracts: typeof contracts;
    /** The bound operator identity of each member. */
    readonly as: Readonly<Record<Role, TestIdentity>>;
    readonly memberId: Readonly<Record<Role, string>>;
    /** A client of CarrierMSP that no admin has bound to a member. */
    readonly unbound: TestIdentity;
    /** The certificate authorities, for further identities (admins, unbound clients of any MSP). */
    readonly identities: TestIdentities;
    /** Like a gateway submit endorsed by every organisation's peer, so key-level policies are satisfied. */
    submit(
        as: TestIdentity,
        fcn: string,
        args: readonly string[],
        transient?: Record<string, string>,
    ): Promise<InvokeResult>;
    /** Simulates and, when it succeeds, commits; never throws for chaincode errors. */
    invoke(
        as: TestIdentity,
        fcn: string,
        args: readonly string[],
        transient?: Record<string, string>,
    ): Promise<InvokeResult>;
    evaluate(
        as: TestIdentity,
        fcn: string,
        args: readonly string[],
        transient?: Record<string, string>,
    ): Promise<InvokeResult>;
}

let identitiesOnce: Promise<TestIdentities> | undefined;

/** Certificates are slow to make: one authority per MSP for the whole run. */
function testIdentities(): Promise<TestIdentities> {
    identitiesOnce ??= TestIdentities.create(mspIds);
    return identitiesOnce;
}

/** The chaincode's own collections config (one collection per organisation), as it is deployed. */
export const collectionsConfig = path.resolve(__dirname, '../../../../chaincode/collections_config.json');

/** The identity ID the chaincode derives from the certificate (@bia/model identityIdOf). */
export function identityIdOf(identity: TestIdentity): string {
    return modelIdentityIdOf(identity.certificatePem);
}

export function memberRecord(memberId: string, mspId: string, status: MemberStatus): Member & { docType: string } {
    return {
        docType: 'member',
        memberId,
        hostMspId: mspId,
        legalName: `${memberId} Ltd`,
        kind: 'enterprise',
        sectors: ['healthcare'],
        website: `https://${memberId}.example`,
        contact: { name: 'Operations', email: `ops@${memberId}.example` },
        status,
        founding: false,
        appliedAt: '2026-01-01T00:00:00.000Z',
        transitions: [],
    };
}

export function bindIdentity(ledger: InMemoryLedger, identity: TestIdentity, memberId: string): void {
    const identityId = identityIdOf(identity);
    const key = createHash('sha256').update(`${identity.mspId}\n${identityId}`).digest('hex');
    ledger.seed(compositeKey('binding', [key]), {
        docType: 'binding',
        identityId,
        mspId: identity.mspId,
        memberId,
        boundAt: '2026-01-01T00:00:00.000Z',
        boundBy: 'x509::admin',
    });
}

export async function givenAssociation(): Promise<Association> {
    const identities = await testIdentities();
    const ledger = new InMemoryLedger({ collectionsConfig, time: new Date('2027-03-01T08:00:00.000Z') });
    const as = {} as Record<Role, TestIdentity>;
    const memberId = {} as Record<Role, string>;
    for (const [role, entry] of Object.entries(roster) as [Role, (typeof roster)[Role]][]) {
        const identity = await identities.client(entry.mspId, entry.operator);
        ledger.seed(compositeKey('member', [entry.memberId]), memberRecord(entry.memberId, entry.mspId, entry.status));
        bindIdentity(ledger, identity, entry.memberId);
        as[role] = identity;
        memberId[role] = entry.memberId;
    }
    const unbound = await identities.client('CarrierMSP', 'mallory');
    const options = (identity: TestIdentity, transient: Record<string, string> | undefined) => ({
        as: identity,
        endorsingMspIds: mspIds,
        ...(transient === undefined ? {} : { transient }),
    });
    return {
        ledger,
        contracts,
        as,
        memberId,
        unbound,
        identities,
        submit: (identity, fcn, args, transient) => ledger.submit(contracts, fcn, args, options(identity, transient)),
        invoke: (identity, fcn, args, transient) => ledger.invoke(contracts, fcn, args, options(identity, transient)),
        evaluate: (identity, fcn, args, transient) =>
            ledger.evaluate(contracts, fcn, args, options(identity, transient)),
    };
}

let counter = 0;

/** IDs unique within the test run. */
export function uniqueId(prefix: string): string {
    counter += 1;
    return `${prefix}-${process.pid}-${counter}`;
}

/** The decoded chaincode error in a failed result's message. */
export function errorOf(result: InvokeResult): ChaincodeErrorPayload {
    const error = decodeChaincodeError(result.message);
    if (error === undefined) {
        throw new Error(`not a chaincode error: ${result.message}`);
    }
    return error;
}

// Test helper for the membership, governance and scenarios contracts: a bootstrapped association on an in-memory
// ledger, operators bound to members, and assertions for refusals.
import { randomUUID } from 'node:crypto';
import chai, { expect } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import {
    type ErrorCode,
    type IdentityInfo,
    type Member,
    type MemberKind,
    type MembershipApplication,
    decodeChaincodeError,
} from '@bia/model';
import { MembershipContract, ScenariosContract } from '@bia/chaincode';
import { InMemoryLedger, type InvokeResult, TransactionFailedError } from '../../../fixtures/chaincode-harness';
import { TestIdentities, type TestIdentity } from '../../../fixtures/identities';

chai.use(chaiAsPromised);

export const contracts = [MembershipContract, ScenariosContract];

export const mspIds = ['SecretariatMSP', 'HealthcoMSP', 'HealthCentresMSP', 'CarrierMSP'] as const;

/** IDs unique to this test run, so no test depends on another's leftovers. */
export function uniqueId(prefix: string): string {
    return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export function application(
    memberId: string,
    hostMspId: string,
    overrides: Partial<MembershipApplication> = {},
): MembershipApplication {
    return {
        memberId,
        hostMspId,
        legalName: `${memberId} Ltd`,
        kind: 'enterprise',
        sectors: ['healthcare'],
        website: `https://${memberId}.example`,
        contact: { name: 'Contact Person', email: `office@${memberId}.example` },
        ...overrides,
    };
}

export interface FoundingSpec {
    readonly mspId: string;
    readonly kind: MemberKind;
    readonly sectors: readonly string[];
}

/** The founding members of every test association, keyed by a short name. */
export const founding = {
    secretariat: { mspId: 'SecretariatMSP', kind: 'industry-body', sectors: ['association'] },
    healthco: { mspId: 'HealthcoMSP', kind: 'enterprise', sectors: ['healthcare'] },
    centres: { mspId: 'HealthCentresMSP', kind: 'government-body', sectors: ['healthcare', 'public-sector'] },
    carrier: { mspId: 'CarrierMSP', kind: 'enterprise', sectors: ['logistics'] },
} as const satisfies Record<string, FoundingSpec>;

export type FoundingName = keyof typeof founding;

export interface CharterOptions {
    readonly quorumPercent?: number;
    readonly approvalPercent?: number;
    readonly votingWindowSeconds?: number;
    readonly maxRunningPilots?: number;
}

/** A ledger with the association bootstrapped: four founding members, all on the council. */
export class Association {
    readonly ledger: InMemoryLedger;
    readonly identities: TestIdentities;
    /** Founding member IDs by short name. */
    readonly ids: Readonly<Record<FoundingName, string>>;

    private constructor(ledger: InMemoryLedger, identities: TestIdentities, ids: Record<FoundingName, string>) {
        this.ledger = ledger;
        this.identities = identities;
        this.ids = ids;
    }

    /** An empty ledger, not bootstrapped. */
    static empty(identities: TestIdentities): Association {
        const ids = Object.fromEntries(Object.keys(founding).map((name) => [name, uniqueId(name)]));
        return new Association(new InMemoryLedger(), identities, ids as Record<FoundingName, string>);
    }

    static async bootstrapped(identities: TestIdentities, charter: CharterOptions = {}): Promise<Association> {
        const association = Association.empty(identities);
        await association.submit('membership:Bootstrap', [JSON.stringify(association.bootstrapRequest(charter))], {
            as: await identities.admin('SecretariatMSP'),
        });
        return association;
    }

    bootstrapRequest(charter: CharterOptions = {}): { charter: object; foundingMembers: MembershipApplication[] } {
        return {
            charter: {
                name: 'Charter of the association',
                quorumPercent: 50,
                approvalPercent: 60,
                votingWindowSeconds: 3600,
                ...charter,
            },
            foundingMembers: (Object.keys(founding) as FoundingName[]).map((name) =>
                application(this.ids[name], founding[name].mspId, {
                    kind: founding[name].kind,
                    sectors: founding[name].sectors,
                }),
            ),
        };
    }

    admin(mspId: string): Promise<TestIdentity> {
        return this.identities.admin(mspId);
    }

    /** A new client identity of the member's hosting MSP, bound to the member by that MSP's admin. */
    async operator(memberId: string): Promise<TestIdentity> {
        const member = await this.member(memberId);
        const identity = await this.identities.client(member.hostMspId, uniqueId(`operator-${memberId}`));
        await this.submit('membership:BindIdentity', [memberId, await this.identityIdOf(identity)], {
            as: await this.admin(member.hostMspId),
        });
        return identity;
    }

    /** A client identity bound to nothing. */
    stranger(mspId: string): Promise<TestIdentity> {
        return this.identities.client(mspId, uniqueId('stranger'));
    }

    /** A new member admitted by a council vote, with its operator. */
    async admittedMember(mspId = 'SecretariatMSP', overrides: Partial<MembershipApplication> = {}): Promise<Operator> {
        const memberId = overrides.memberId ?? uniqueId('member');
        const identity = await this.identities.client(mspId, uniqueId(`applicant-${memberId}`));
        await this.submit('membership:Apply', [JSON.stringify(application(memberId, mspId, overrides))], {
            as: identity,
        });
        await this.carry(`admit-${memberId}`);
        return { memberId, identity };
    }

    /** Three of the four council members vote yes, which decides the motion; then it is closed. */
    async carry(motionId: string): Promise<InvokeResult> {
        for (const name of ['secretariat', 'healthco', 'centres'] as const) {
            await this.vote(name, motionId, 'yes');
        }
        return this.submit('membership:CloseMotion', [motionId], { as: await this.stranger('CarrierMSP') });
    }

    async vote(name: FoundingName, motionId: string, choice: string): Promise<InvokeResult> {
        return this.submit('membership:Vote', [motionId, choice], { as: await this.councillor(name) });
    }

    /** One operator per founding member, created on first use. */
    readonly #councillors = new Map<FoundingName, Promise<TestIdentity>>();

    councillor(name: FoundingName): Promise<TestIdentity> {
        let identity = this.#councillors.get(name);
        if (identity === undefined) {
            identity = this.operator(this.ids[name]);
            this.#councillors.set(name, identity);
        }
        return identity;
    }

    /** The identity's ID as the chaincode sees it (ctx.clientIdentity.getID()), asked through WhoAmI. */
    async identityIdOf(identity: TestIdentity): Promise<string> {
        const result = await this.evaluate('membership:WhoAmI', [], { as: identity });
        return result.json<IdentityInfo>().identityId;
    }

    async member(memberId: string): Promise<Member> {
        const result = await this.evaluate('membership:GetMember', [memberId], {
            as: await this.stranger('SecretariatMSP'),
        });
        return result.json<Member>();
    }

    submit(fcn: string, args: readonly string[], options: { as: TestIdentity }): Promise<InvokeResult> {
        return this.ledger.submit(contracts, fcn, args, options);
    }

    invoke(
        fcn: string,
        args: readonly string[],
        options: { as: TestIdentity; commit?: boolean },
    ): Promise<InvokeResult> {
        return this.ledger.invoke(contracts, fcn, args, options);
    }

    evaluate(fcn: string, args: readonly string[], options: { as: TestIdentity }): Promise<InvokeResult> {
        return this.ledger.evaluate(contracts, fcn, args, options);
    }
}

export interface Operator {
    readonly memberId: string;
    readonly identity: TestIdentity;
}

export async function createIdentities(): Promise<TestIdentities> {
    return TestIdentities.create([...mspIds]);
}

/**
 * Asserts a refused transaction: the chaincode error's code (and, when given, the field or a text in its message),
 * and that nothing was written or committed. Returns the decoded error.
 */
export async function expectRefusal(
    attempt: Promise<InvokeResult>,
    code: ErrorCode,
    expected: { field?: string; text?: string } = {},
): Promise<{ message: string; details: Readonly<Record<string, unknown>> }> {
    const error = (await expect(attempt).to.be.rejectedWith(TransactionFailedError)) as TransactionFailedError;
    const decoded = decodeChaincodeError(error.message);
    expect(decoded, error.message).to.not.equal(undefined);
    expect(decoded?.code, error.message).to.equal(code);
    if (expected.field !== undefined) {
        expect(decoded?.details.field, error.message).to.equal(expected.field);
    }
    if (expected.text !== undefined) {
        expect(decoded?.message).to.include(expected.text);
    }
    expect(error.result.writes.isEmpty, 'a refused transaction writes nothing').to.equal(true);
    expect(error.result.committed).to.equal(false);
    expect(error.result.event).to.equal(undefined);
    return { message: decoded?.message ?? '', details: decoded?.details ?? {} };
}

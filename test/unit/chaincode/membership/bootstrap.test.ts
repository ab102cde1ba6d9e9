import { expect } from 'chai';
import type { Charter, Member } from '@bia/model';
import { compositeKey, describeKey } from '../../../fixtures/chaincode-harness';
import type { TestIdentities, TestIdentity } from '../../../fixtures/identities';
import { Association, createIdentities, expectRefusal } from './association';

describe('membership:Bootstrap', () => {
    let identities: TestIdentities;
    let association: Association;

    before(async () => {
        identities = await createIdentities();
    });

    beforeEach(() => {
        association = Association.empty(identities);
    });

    async function bootstrap(request: object, mspId = 'SecretariatMSP', as?: TestIdentity) {
        return association.submit('membership:Bootstrap', [JSON.stringify(request)], {
            as: as ?? (await association.admin(mspId)),
        });
    }

    it('records the charter and the founding members, active, once', async () => {
        // Given an empty registry and the secretariat's admin
        const request = association.bootstrapRequest();
        const { ids } = association;

        // When it bootstraps the association
        const result = await bootstrap(request);

        // Then the charter has the founding members as its council and the default pilot cap
        const charter = result.json<Charter>();
        expect(charter).to.deep.equal({
            name: 'Charter of the association',
            secretariatMspId: 'SecretariatMSP',
            council: [ids.secretariat, ids.healthco, ids.centres, ids.carrier],
            quorumPercent: 50,
            approvalPercent: 60,
            votingWindowSeconds: 3600,
            maxRunningPilots: 10,
            version: 1,
            adoptedAt: association.ledger.time.toISOString(),
        });
        // And the write set holds the charter, each member and its index entries
        expect(result.writes.keys().map(describeKey)).to.have.members([
            'charter',
            ...Object.values(ids).map((id) => `member:${id}`),
            ...(
                [
                    [ids.secretariat, 'industry-body', ['association']],
                    [ids.healthco, 'enterprise', ['healthcare']],
                    [ids.centres, 'government-body', ['healthcare', 'public-sector']],
                    [ids.carrier, 'enterprise', ['logistics']],
                ] as const
            ).flatMap(([id, kind, sectors]) => [
                `member-kind:${kind}:${id}`,
                `member-status-kind:active:${kind}:${id}`,
                ...sectors.flatMap((sector) => [
                    `member-sector-kind:${sector}:${kind}:${id}`,
                    `member-sector-status-kind:${sector}:active:${kind}:${id}`,
                ]),
            ]),
        ]);
        const member = association.ledger.stateJson<Member & { docType: string }>(
            compositeKey('member', [ids.healthco]),
        );
        expect(member).to.include({ status: 'active', founding: true, hostMspId: 'HealthcoMSP', docType: 'member' });
        expect(member?.transitions).to.deep.equal([
            {
                from: null,
                to: 'active',
                reason: 'founding member',
                stamp: {
                    at: association.ledger.time.toISOString(),
                    byMemberId: 'msp:SecretariatMSP',
                    byMspId: 'SecretariatMSP',
                    txId: result.txId,
                },
            },
        ]);
    });

    it('takes an explicit council of founding members and pilot cap', async () => {
        const request = association.bootstrapRequest({ maxRunningPilots: 3 });
        const council = [association.ids.healthco, association.ids.centres];

        const result = await bootstrap({ ...request, charter: { ...request.charter, council } });

        expect(result.json<Charter>()).to.include({ maxRunningPilots: 3 });
        expect(result.json<Charter>().council).to.deep.equal(council);
    });

    it('refuses a client identity of the secretariat that is not an admin', async () => {
        const client = await identities.client('SecretariatMSP', 'not-an-admin');

        await expectRefusal(
            association.submit('membership:Bootstrap', [JSON.stringify(association.bootstrapRequest())], {
                as: client,
            }),
            'UNAUTHORIZED',
            { text: "only an admin identity of the secretariat's MSP SecretariatMSP" },
        );
    });

    it('refuses a client whose common name says "/OU=admin": the role comes from the certificate', async () => {
        const crafted = await identities.client('SecretariatMSP', 'mallory/OU=admin');

        await expectRefusal(bootstrap(association.bootstrapRequest(), 'SecretariatMSP', crafted), 'UNAUTHORIZED');
    });

    for (const mspId of ['HealthcoMSP', 'HealthCentresMSP', 'CarrierMSP']) {
        it(`refuses the admin of ${mspId} before the secretariat bootstraps: no race for the charter`, async () => {
            const { details } = await expectRefusal(bootstrap(association.bootstrapRequest(), mspId), 'UNAUTHORIZED', {
                text: 'may bootstrap',
            });
            expect(details).to.deep.equal({ mspId, secretariatMspId: 'SecretariatMSP' });
            expect(association.ledger.keys()).to.deep.equal([]);
        });
    }

    it("refuses another organisation's admin after bootstrap too (UNAUTHORIZED), the secretariat's with INVALID_STATE", async () => {
        await bootstrap(association.bootstrapRequest());
        const charter = association.ledger.state(compositeKey('charter', []));

        await expectRefusal(bootstrap(association.bootstrapRequest(), 'HealthcoMSP'), 'UNAUTHORIZED');
        await expectRefusal(bootstrap(association.bootstrapRequest()), 'INVALID_STATE', {
            text: 'already bootstrapped',
        });
        expect(association.ledger.state(compositeKey('charter', []))).to.deep.equal(charter);
    });

    it('refuses a council member who is not a founding member', async () => {
        const request = association.bootstrapRequest();

        await expectRefusal(
            bootstrap({ ...request, charter: { ...request.charter, council: [association.ids.healthco, 'outsider'] } }),
            'VALIDATION',
            { field: 'request.charter.council[1]' },
        );
    });

    const invalidCharters: [string, object, string][] = [
        ['a quorum of 0 %', { quorumPercent: 0 }, 'request.charter.quorumPercent'],
        ['an approval above 100 %', { approvalPercent: 101 }, 'request.charter.approvalPercent'],
        ['a fractional quorum', { quorumPercent: 50.5 }, 'request.charter.quorumPercent'],
        ['a voting window under a minute', { votingWindowSeconds: 59 }, 'request.charter.votingWindowSeconds'],
        [
            'a voting window over 90 days',
            { votingWindowSeconds: 90 * 86400 + 1 },
            'request.charter.votingWindowSeconds',
        ],
        ['a pilot cap of 0', { maxRunningPilots: 0 }, 'request.charter.maxRunningPilots'],
        ['a pilot cap above 1000', { maxRunningPilots: 1001 }, 'request.charter.maxRunningPilots'],
        ['an unknown charter field', { quorum: 50 }, 'request.charter.quorum'],
        ['an empty name', { name: ' ' }, 'request.charter.name'],
    ];
    for (const [what, change, field] of invalidCharters) {
        it(`refuses ${what}`, async () => {
            const request = association.bootstrapRequest();

            await expectRefusal(bootstrap({ ...request, charter: { ...request.charter, ...change } }), 'VALIDATION', {
                field,
            });
        });
    }

    it('refuses a founding member ID given twice', async () => {
        const request = association.bootstrapRequest();
        const [first] = request.foundingMembers;

        await expectRefusal(
            bootstrap({ ...request, foundingMembers: [...request.foundingMembers, first] }),
            'VALIDATION',
            { field: 'request.foundingMembers' },
        );
    });

    it('refuses a founding member with an invalid website', async () => {
        const request = association.bootstrapRequest();
        const [first, ...rest] = request.foundingMembers;

        await expectRefusal(
            bootstrap({ ...request, foundingMembers: [{ ...first, website: 'not a uri' }, ...rest] }),
            'VALIDATION',
            { field: 'request.foundingMembers[0].website' },
        );
    });

    it('refuses a request that is not JSON', async () => {
        await expectRefusal(
            association.submit('membership:Bootstrap', ['{not json'], {
                as: await association.admin('SecretariatMSP'),
            }),
            'VALIDATION',
            { field: 'request' },
        );
    });
});

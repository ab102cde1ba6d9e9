import { expect } from 'chai';
import type { Charter, IdentityInfo, Member, MemberHistoryEntry, Page } from '@bia/model';
import type { TestIdentities, TestIdentity } from '../../../fixtures/identities';
import { Association, application, createIdentities, expectRefusal, uniqueId } from './association';

describe('membership queries', () => {
    let identities: TestIdentities;
    let association: Association;
    let reader: TestIdentity;

    before(async () => {
        identities = await createIdentities();
    });

    beforeEach(async () => {
        association = await Association.bootstrapped(identities);
        reader = await association.stranger('CarrierMSP');
    });

    async function query(filter: object): Promise<{ page: Page<Member>; empty: boolean; richQueries: number }> {
        const result = await association.evaluate('membership:QueryMembers', [JSON.stringify(filter)], { as: reader });
        return {
            page: result.json<Page<Member>>(),
            empty: result.writes.isEmpty,
            richQueries: result.reads.richQueries().length,
        };
    }

    const ids = (page: Page<Member>): string[] => page.records.map((m) => m.memberId);

    it('gets one member and refuses an unknown one', async () => {
        const result = await association.evaluate('membership:GetMember', [association.ids.centres], { as: reader });

        expect(result.json<Member>()).to.deep.include({ memberId: association.ids.centres, kind: 'government-body' });
        expect(result.writes.isEmpty).to.equal(true);
        await expect(
            association.evaluate('membership:GetMember', [uniqueId('ghost')], { as: reader }),
        ).to.be.rejectedWith(/"code":"NOT_FOUND"/);
        await expect(association.evaluate('membership:GetMember', ['bad id'], { as: reader })).to.be.rejectedWith(
            /"code":"VALIDATION"/,
        );
    });

    it('lists members by status, kind and sector through composite-key indexes', async () => {
        const applicant = uniqueId('applicant');
        await association.submit(
            'membership:Apply',
            [JSON.stringify(application(applicant, 'HealthcoMSP', { kind: 'university', sectors: ['Logistics'] }))],
            { as: await association.stranger('HealthcoMSP') },
        );
        const { ids: founders } = association;

        const active = await query({ status: 'active' });
        const applied = await query({ status: 'applied' });
        const enterprises = await query({ kind: 'enterprise' });
        const logistics = await query({ sector: 'LOGISTICS' });
        const everyone = await query({});

        expect(ids(active.page)).to.have.members(Object.values(founders));
        expect(ids(applied.page)).to.deep.equal([applicant]);
        expect(ids(enterprises.page)).to.have.members([founders.healthco, founders.carrier]);
        expect(ids(logistics.page)).to.have.members([founders.carrier, applicant]);
        expect(ids(everyone.page)).to.have.members([...Object.values(founders), applicant]);
        for (const result of [active, applied, enterprises, logistics, everyone]) {
            expect(result.empty).to.equal(true);
            expect(result.richQueries).to.equal(0);
            expect(result.page.bookmark).to.equal('');
        }
    });

    it('combines filters through composite-key indexes, never a rich query', async () => {
        const { ids: founders } = association;

        const healthEnterprises = await query({ kind: 'enterprise', sector: 'healthcare' });
        const activeGovernment = await query({ status: 'active', kind: 'government-body' });
        const activeHealth = await query({ status: 'active', sector: 'Healthcare' });
        const all = await query({ status: 'active', kind: 'enterprise', sector: 'logistics' });

        expect(ids(healthEnterprises.page)).to.deep.equal([founders.healthco]);
        expect(ids(activeGovernment.page)).to.deep.equal([founders.centres]);
        expect(ids(activeHealth.page)).to.have.members([founders.healthco, founders.centres]);
        expect(ids(all.page)).to.deep.equal([founders.carrier]);
        for (const result of [healthEnterprises, activeGovernment, activeHealth, all]) {
            expect(result.richQueries).to.equal(0);
            expect(result.empty).to.equal(true);
        }
        expect(healthEnterprises.page.records[0]).to.not.have.property('docType');
    });

    it('pages through members with a bookmark', async () => {
        const first = await query({ status: 'active', pageSize: 3 });
        const second = await query({ status: 'active', pageSize: 3, bookmark: first.page.bookmark });

        expect(first.page.records).to.have.length(3);
        expect(first.page.bookmark).to.not.equal('');
        expect(second.page.records).to.have.length(1);
        expect(second.page.bookmark).to.equal('');
        expect([...ids(first.page), ...ids(second.page)]).to.have.members(Object.values(association.ids));
    });

    it('pages a combined-filter query with a bookmark', async () => {
        const first = await query({ status: 'active', kind: 'enterprise', pageSize: 1 });
        const second = await query({
            status: 'active',
            kind: 'enterprise',
            pageSize: 1,
            bookmark: first.page.bookmark,
        });

        expect([...ids(first.page), ...ids(second.page)]).to.have.members([
            association.ids.healthco,
            association.ids.carrier,
        ]);
    });

    for (const [what, filter, field] of [
        ['a bookmark that is not a string', { bookmark: 7 }, 'query.bookmark'],
        ['a page size of 0', { pageSize: 0 }, 'query.pageSize'],
        ['a page size above 100', { pageSize: 101 }, 'query.pageSize'],
        ['an unknown status', { status: 'dormant' }, 'query.status'],
        ['an unknown filter', { country: 'SE' }, 'query.country'],
    ] as const) {
        it(`refuses ${what}`, async () => {
            await expectRefusal(
                association.evaluate('membership:QueryMembers', [JSON.stringify(filter)], { as: reader }),
                'VALIDATION',
                { field },
            );
        });
    }

    it("returns a member's history, newest first", async () => {
        const operator = await association.operator(association.ids.carrier);
        const withdrawal = await association.submit('membership:Withdraw', [association.ids.carrier, 'leaving'], {
            as: operator,
        });

        const result = await association.evaluate('membership:GetMemberHistory', [association.ids.carrier], {
            as: reader,
        });

        const history = result.json<MemberHistoryEntry[]>();
        expect(history.map((entry) => entry.member?.status)).to.deep.equal(['withdrawn', 'active']);
        expect(history[0]).to.deep.include({ txId: withdrawal.txId, deleted: false });
        expect(history[0]?.at).to.equal(association.ledger.time.toISOString());
        expect(history[0]?.member).to.not.have.property('docType');
        await expect(
            association.evaluate('membership:GetMemberHistory', [uniqueId('ghost')], { as: reader }),
        ).to.be.rejectedWith(/"code":"NOT_FOUND"/);
    });

    it('reads the charter, and says when there is none yet', async () => {
        const result = await association.evaluate('membership:GetCharter', [], { as: reader });
        const empty = Association.empty(identities);

        expect(result.json<Charter>()).to.include({ version: 1, secretariatMspId: 'SecretariatMSP' });
        await expect(empty.evaluate('membership:GetCharter', [], { as: reader })).to.be.rejectedWith(
            /"code":"NOT_FOUND"/,
        );
    });

    it('tells an identity bound to no member who it is', async () => {
        const result = await association.evaluate('membership:WhoAmI', [], { as: reader });

        const info = result.json<IdentityInfo>();
        expect(info.mspId).to.equal('CarrierMSP');
        expect(info.identityId).to.match(/^x509::.*CN=stranger-[0-9a-f]{8}.*::.*$/);
        expect(info).to.not.have.property('memberId');
    });

    it('refuses a transaction the contract does not have', async () => {
        await expectRefusal(association.submit('membership:Nothing', [], { as: reader }), 'VALIDATION', {
            field: 'function',
        });
    });
});

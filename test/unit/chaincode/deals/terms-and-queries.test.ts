import { expect, use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import type { Deal, DealTermsCopy, Page, TermsCheck } from '@bia/model';
import { compositeKey } from '../../../fixtures/chaincode-harness';
import { type Association, errorOf, givenAssociation } from './association';
import { givenDraft, givenInkedDeal, newTerms } from './steps';

use(chaiAsPromised);

describe('deals: terms and queries', () => {
    let a: Association;

    beforeEach(async () => {
        a = await givenAssociation();
    });

    afterEach(() => {
        a.ledger.close();
    });

    describe('deals:VerifyTerms', () => {
        it('tells a party whether a copy of the terms matches the on-ledger hash, writing nothing', async () => {
            const { deal, terms } = await givenDraft(a);
            const same = await a.evaluate(a.as.north, 'deals:VerifyTerms', [deal.dealId], {
                terms: JSON.stringify(terms),
            });
            expect(same.json<TermsCheck>()).to.deep.equal({ dealId: deal.dealId, termsVersion: 1, matches: true });
            expect(same.writes.isEmpty).to.equal(true);
            const altered = { ...terms, text: `${terms.text} (and free delivery)` };
            const different = await a.evaluate(a.as.healthco, 'deals:VerifyTerms', [deal.dealId], {
                terms: JSON.stringify(altered),
            });
            expect(different.json<TermsCheck>().matches).to.equal(false);
        });

        it('refuses a non-party (UNAUTHORIZED) and missing terms (VALIDATION)', async () => {
            const { deal, terms } = await givenDraft(a);
            await expect(
                a.evaluate(a.as.carrier, 'deals:VerifyTerms', [deal.dealId], { terms: JSON.stringify(terms) }),
            ).to.be.rejectedWith('UNAUTHORIZED');
            await expect(a.evaluate(a.as.north, 'deals:VerifyTerms', [deal.dealId])).to.be.rejectedWith(
                'transient.terms',
            );
        });
    });

    describe('deals:GetDealTerms', () => {
        it("returns the calling party organisation's own copy from its collection", async () => {
            const { deal, terms } = await givenInkedDeal(a, { parties: ['healthco', 'north'] });
            const result = await a.evaluate(a.as.north, 'deals:GetDealTerms', [deal.dealId]);
            const copy: DealTermsCopy = { dealId: deal.dealId, termsVersion: 1, ...terms };
            expect(result.json<DealTermsCopy>()).to.deep.equal(copy);
            expect(result.reads.privateKeys('terms_HealthCentresMSP')).to.deep.equal([deal.dealId]);
            expect(result.writes.isEmpty).to.equal(true);
        });

        it('gives the amended copy after an amendment', async () => {
            const { deal } = await givenDraft(a);
            const terms = newTerms('Second version');
            await a.submit(a.as.healthco, 'deals:AmendDeal', [deal.dealId], { terms: JSON.stringify(terms) });
            const result = await a.evaluate(a.as.healthco, 'deals:GetDealTerms', [deal.dealId]);
            expect(result.json<DealTermsCopy>()).to.deep.equal({ dealId: deal.dealId, termsVersion: 2, ...terms });
        });

        it('refuses an organisation hosting no party: UNAUTHORIZED', async () => {
            const { deal } = await givenDraft(a);
            const result = await a.ledger.invoke(a.contracts, 'deals:GetDealTerms', [deal.dealId], {
                as: a.as.carrier,
                commit: false,
            });
            expect(errorOf(result)).to.deep.include({ code: 'UNAUTHORIZED' });
        });

        it("refuses identities of a party's organisation that do not act for a party: UNAUTHORIZED", async () => {
            // Given a deal between healthco and centre-north; HealthCentresMSP also hosts centre-south
            const { deal, terms } = await givenInkedDeal(a, { parties: ['healthco', 'north'] });
            const others = [
                a.as.south, // the operator of another member hosted by the same MSP
                await a.identities.client('HealthCentresMSP', 'unbound-clerk'), // bound to no member
                await a.identities.admin('HealthCentresMSP'), // the MSP's admin, bound to no member
            ];
            for (const as of others) {
                // When each asks for the terms or checks a copy of them, on the organisation's own peer
                const read = await a.ledger.invoke(a.contracts, 'deals:GetDealTerms', [deal.dealId], {
                    as,
                    commit: false,
                });
                const check = await a.ledger.invoke(a.contracts, 'deals:VerifyTerms', [deal.dealId], {
                    as,
                    commit: false,
                    transient: { terms: JSON.stringify(terms) },
                });
                // Then both are refused before any private read, and nothing is written
                for (const result of [read, check]) {
                    expect(errorOf(result).code, as.name).to.equal('UNAUTHORIZED');
                    expect(result.reads.privateKeys('terms_HealthCentresMSP')).to.deep.equal([]);
                    expect(result.writes.isEmpty).to.equal(true);
                }
            }
            // while the party's own operator reads them
            const own = await a.evaluate(a.as.north, 'deals:GetDealTerms', [deal.dealId]);
            expect(own.json<DealTermsCopy>().text).to.equal(terms.text);
        });

        it("reports NOT_FOUND, naming the holder, when evaluated on a peer outside the party's organisation", async () => {
            const { deal } = await givenInkedDeal(a, { parties: ['healthco', 'north'] });
            const result = await a.ledger.invoke(a.contracts, 'deals:GetDealTerms', [deal.dealId], {
                as: a.as.north,
                peerMspId: 'HealthcoMSP',
                commit: false,
            });
            expect(errorOf(result)).to.deep.include({ code: 'NOT_FOUND' });
            expect(errorOf(result).details).to.deep.equal({
                recordType: 'deal terms',
                id: deal.dealId,
                holderMspId: 'HealthCentresMSP',
                peerMspId: 'HealthcoMSP',
            });
            expect(result.reads.privateKeys('terms_HealthcoMSP')).to.deep.equal([]);
        });

        it("reports NOT_FOUND when the organisation's collection holds no copy", async () => {
            // Given a deal record whose terms never reached healthco's collection
            const { deal } = await givenDraft(a, { parties: ['north', 'carrier'] });
            const copied = {
                ...deal,
                dealId: 'copyless',
                parties: [...deal.parties, { memberId: 'healthco', mspId: 'HealthcoMSP' }],
            };
            a.ledger.seed(compositeKey('deal', ['copyless']), { ...copied, docType: 'deal' });
            // When healthco asks for its copy
            const result = await a.ledger.invoke(a.contracts, 'deals:GetDealTerms', ['copyless'], {
                as: a.as.healthco,
                commit: false,
            });
            // Then
            expect(errorOf(result)).to.deep.include({ code: 'NOT_FOUND' });
            expect(errorOf(result).details).to.deep.include({ recordType: 'deal terms', id: 'copyless' });
        });
    });

    describe('deals:GetDeal', () => {
        it('returns the public record to any channel member, without docType', async () => {
            const { deal } = await givenInkedDeal(a);
            const result = await a.evaluate(a.as.outsider, 'deals:GetDeal', [deal.dealId]);
            expect(result.json<Deal>()).to.deep.equal(deal);
            await expect(a.evaluate(a.as.outsider, 'deals:GetDeal', ['missing'])).to.be.rejectedWith('NOT_FOUND');
            await expect(a.evaluate(a.as.outsider, 'deals:GetDeal', ['bad id'])).to.be.rejectedWith('VALIDATION');
        });
    });

    describe('deals:QueryDeals', () => {
        async function givenDeals(): Promise<{ service: Deal; facility: Deal; inked: Deal }> {
            const { deal: service } = await givenDraft(a, { parties: ['healthco', 'north'], kind: 'service' });
            const { deal: facility } = await givenDraft(a, { parties: ['north', 'carrier'], kind: 'facility' });
            const { deal: inked } = await givenInkedDeal(a, { parties: ['healthco', 'carrier'], kind: 'service' });
            return { service, facility, inked };
        }

        function ids(page: Page<Deal>): string[] {
            return page.records.map((deal) => deal.dealId).sort();
        }

        async function query(filter: object): Promise<Page<Deal>> {
            return (await a.evaluate(a.as.outsider, 'deals:QueryDeals', [JSON.stringify(filter)])).json<Page<Deal>>();
        }

        it('lists by one filter through a composite-key index', async () => {
            const { service, facility, inked } = await givenDeals();
            expect(ids(await query({ partyMemberId: 'centre-north' }))).to.deep.equal(
                [service.dealId, facility.dealId].sort(),
            );
            expect(ids(await query({ kind: 'service' }))).to.deep.equal([service.dealId, inked.dealId].sort());
            expect(ids(await query({ status: 'inked' }))).to.deep.equal([inked.dealId]);
            expect(ids(await query({}))).to.deep.equal([service.dealId, facility.dealId, inked.dealId].sort());
            const result = await a.evaluate(a.as.outsider, 'deals:QueryDeals', [JSON.stringify({ kind: 'facility' })]);
            expect(result.reads.richQueries()).to.deep.equal([]);
            expect(result.json<Page<Deal>>().records[0]).to.deep.equal(facility);
        });

        it('combines filters through composite-key indexes, never a rich query', async () => {
            const { service, inked } = await givenDeals();
            expect(ids(await query({ partyMemberId: 'healthco', kind: 'service' }))).to.deep.equal(
                [service.dealId, inked.dealId].sort(),
            );
            expect(ids(await query({ partyMemberId: 'healthco', status: 'inked' }))).to.deep.equal([inked.dealId]);
            expect(ids(await query({ kind: 'service', status: 'draft' }))).to.deep.equal([service.dealId]);
            expect(ids(await query({ partyMemberId: 'coldchain', kind: 'service', status: 'inked' }))).to.deep.equal([
                inked.dealId,
            ]);
            const result = await a.evaluate(a.as.outsider, 'deals:QueryDeals', [
                JSON.stringify({ kind: 'service', status: 'draft' }),
            ]);
            expect(result.reads.richQueries()).to.deep.equal([]);
            expect(result.writes.isEmpty).to.equal(true);
        });

        it('pages with a bookmark', async () => {
            const { service, facility, inked } = await givenDeals();
            const first = await query({ pageSize: 2 });
            expect(first.records).to.have.length(2);
            expect(first.bookmark).not.to.equal('');
            const second = await query({ pageSize: 2, bookmark: first.bookmark });
            expect(second.records).to.have.length(1);
            expect(second.bookmark).to.equal('');
            expect([...ids(first), ...ids(second)].sort()).to.deep.equal(
                [service.dealId, facility.dealId, inked.dealId].sort(),
            );
        });

        it('refuses a page size above the cap, an unknown filter value and an unknown field: VALIDATION', async () => {
            await expect(query({ pageSize: 101 })).to.be.rejectedWith('query.pageSize');
            await expect(query({ status: 'signed' })).to.be.rejectedWith('query.status');
            await expect(query({ party: 'x' })).to.be.rejectedWith('query.party');
            await expect(query({ bookmark: 7 })).to.be.rejectedWith('query.bookmark');
            await expect(a.evaluate(a.as.outsider, 'deals:QueryDeals', ['[]'])).to.be.rejectedWith('VALIDATION');
        });
    });
});

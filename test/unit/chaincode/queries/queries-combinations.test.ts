// Every listing with every combination of its filters, paged to the end in small pages: each combination is served
// from composite-key indexes (no rich query, so it runs on LevelDB), lists exactly the records that match, each once.
import { expect } from 'chai';
import type { Deal, Member, Scenario, Shipment } from '@bia/model';
import type { TestIdentities } from '../../../fixtures/identities';
import { Association, application, createIdentities, uniqueId } from '../membership/association';
import { approved, piloting, proposed } from '../scenarios/scenario-helpers';
import { type Association as DealsAssociation, givenAssociation } from '../deals/association';
import { givenDraft, givenInkedDeal } from '../deals/steps';
import { givenShipment, handOver, shipmentRequest } from '../shipments/steps';
import { combinations, everyPage, sorted } from './listing';

describe('listings with every combination of filters', function () {
    this.timeout(120_000);
    let identities: TestIdentities;

    before(async () => {
        identities = await createIdentities();
    });

    it('lists members by status, kind and sector, alone and combined, paging to the end', async () => {
        // Given founders (active) and applicants of several kinds, one withdrawn, one whose profile changed
        const association = await Association.bootstrapped(identities);
        const reader = await association.stranger('CarrierMSP');
        const apply = async (mspId: string, kind: Member['kind'], sectors: string[]) => {
            const memberId = uniqueId('applicant');
            const identity = await association.identities.client(mspId, uniqueId('applicant'));
            await association.submit(
                'membership:Apply',
                [JSON.stringify(application(memberId, mspId, { kind, sectors }))],
                {
                    as: identity,
                },
            );
            return { memberId, identity };
        };
        await apply('HealthcoMSP', 'university', ['Logistics', 'healthcare']);
        await apply('SecretariatMSP', 'enterprise', ['healthcare']);
        const leaving = await apply('SecretariatMSP', 'university', ['logistics']);
        await association.submit('membership:Withdraw', [leaving.memberId, 'changed plans'], { as: leaving.identity });
        const carrier = await association.member(association.ids.carrier);
        await association.submit(
            'membership:UpdateProfile',
            [
                carrier.memberId,
                JSON.stringify({
                    legalName: carrier.legalName,
                    kind: 'research-institute',
                    sectors: ['Healthcare', 'public-sector'],
                    website: carrier.website,
                    contact: carrier.contact,
                }),
            ],
            { as: await association.councillor('carrier') },
        );
        const evaluate = (query: object) =>
            association.evaluate('membership:QueryMembers', [JSON.stringify(query)], { as: reader });
        const all = await everyPage<Member>(evaluate, {}, 3, (m) => m.memberId);
        expect(all.records).to.have.length(7);

        // When every combination is listed in pages of 2, then each lists exactly the matching members
        for (const filter of combinations({
            status: [undefined, 'active', 'applied', 'withdrawn'],
            kind: [undefined, 'enterprise', 'university', 'research-institute'],
            sector: [undefined, 'healthcare', 'logistics', 'public-sector'],
        })) {
            const listed = await everyPage<Member>(evaluate, filter, 2, (m) => m.memberId);
            const expected = all.records.filter(
                (m) =>
                    (filter.status === undefined || m.status === filter.status) &&
                    (filter.kind === undefined || m.kind === filter.kind) &&
                    (filter.sector === undefined || m.sectors.includes(filter.sector)),
            );
            expect(listed.ids, JSON.stringify(filter)).to.deep.equal(sorted(expected.map((m) => m.memberId)));
        }
        const moved = await everyPage<Member>(
            evaluate,
            { kind: 'enterprise', sector: 'logistics' },
            2,
            (m) => m.memberId,
        );
        expect(moved.ids, 'the changed profile left its old entries').to.deep.equal([]);
    });

    it('lists scenarios by status and sector, alone and combined, paging to the end', async () => {
        const association = await Association.bootstrapped(identities, { maxRunningPilots: 5 });
        const reader = await association.stranger('CarrierMSP');
        await proposed(association, { sector: 'Healthcare' });
        await proposed(association, { sector: 'logistics' });
        await approved(association, { sector: 'healthcare' });
        await piloting(association, { sector: 'energy' });
        await piloting(association, { sector: 'healthcare' });
        const withdrawn = await proposed(association, { sector: 'logistics' });
        await association.submit('scenarios:WithdrawScenario', [withdrawn.scenarioId, 'no budget'], {
            as: withdrawn.lead,
        });
        const evaluate = (query: object) =>
            association.evaluate('scenarios:QueryScenarios', [JSON.stringify(query)], { as: reader });
        const all = await everyPage<Scenario>(evaluate, {}, 4, (s) => s.scenarioId);
        expect(all.records).to.have.length(6);

        for (const filter of combinations({
            status: [undefined, 'proposed', 'approved', 'piloting', 'withdrawn', 'closed'],
            sector: [undefined, 'healthcare', 'logistics', 'energy'],
        })) {
            const listed = await everyPage<Scenario>(evaluate, filter, 1, (s) => s.scenarioId);
            const expected = all.records.filter(
                (s) =>
                    (filter.status === undefined || s.status === filter.status) &&
                    (filter.sector === undefined || s.sector === filter.sector),
            );
            expect(listed.ids, JSON.stringify(filter)).to.deep.equal(sorted(expected.map((s) => s.scenarioId)));
        }
    });

    describe('deals and shipments', () => {
        let a: DealsAssociation;

        beforeEach(async () => {
            a = await givenAssociation();
        });

        it('lists deals by party, kind and status, alone and combined, paging to the end', async () => {
            await givenDraft(a, { parties: ['healthco', 'north'], kind: 'service' });
            await givenDraft(a, { parties: ['north', 'carrier'], kind: 'facility' });
            await givenInkedDeal(a, { parties: ['healthco', 'carrier'], kind: 'service' });
            await givenInkedDeal(a, { parties: ['healthco', 'north', 'carrier'], kind: 'cooperation' });
            const { deal: done } = await givenInkedDeal(a, { parties: ['north', 'carrier'], kind: 'service' });
            await a.submit(a.as.north, 'deals:CompleteDeal', [done.dealId]);
            const evaluate = (query: object) => a.evaluate(a.as.outsider, 'deals:QueryDeals', [JSON.stringify(query)]);
            const all = await everyPage<Deal>(evaluate, {}, 2, (d) => d.dealId);
            expect(all.records).to.have.length(5);

            for (const filter of combinations({
                partyMemberId: [undefined, 'healthco', 'centre-north', 'coldchain', 'startup'],
                kind: [undefined, 'service', 'facility', 'cooperation'],
                status: [undefined, 'draft', 'inked', 'completed'],
            })) {
                const listed = await everyPage<Deal>(evaluate, filter, 2, (d) => d.dealId);
                const expected = all.records.filter(
                    (d) =>
                        (filter.partyMemberId === undefined ||
                            d.parties.some((p) => p.memberId === filter.partyMemberId)) &&
                        (filter.kind === undefined || d.kind === filter.kind) &&
                        (filter.status === undefined || d.status === filter.status),
                );
                expect(listed.ids, JSON.stringify(filter)).to.deep.equal(sorted(expected.map((d) => d.dealId)));
            }
        });

        it('lists shipments by status, party and deal, alone and combined, paging to the end', async () => {
            const first = await givenShipment(a);
            const { deal } = await givenInkedDeal(a, { parties: ['healthco', 'north'] });
            const onDeal = async (overrides: object = {}) =>
                (
                    await a.submit(a.as.healthco, 'shipments:CreateShipment', [
                        JSON.stringify(shipmentRequest(deal, overrides)),
                    ])
                ).json<Shipment>();
            const moving = await onDeal();
            await handOver(a, moving.shipmentId, 'healthco', 'carrier');
            await onDeal({ carrierMemberId: 'startup' });
            const delivered = await onDeal();
            await handOver(a, delivered.shipmentId, 'healthco', 'north');
            await a.submit(a.as.north, 'shipments:ConfirmDelivery', [delivered.shipmentId]);
            const evaluate = (query: object) =>
                a.evaluate(a.as.outsider, 'shipments:QueryShipments', [JSON.stringify(query)]);
            const all = await everyPage<Shipment>(evaluate, {}, 3, (s) => s.shipmentId);
            expect(all.records).to.have.length(4);

            for (const filter of combinations({
                status: [undefined, 'created', 'in-transit', 'delivered'],
                partyMemberId: [undefined, 'healthco', 'coldchain', 'startup', 'centre-north'],
                dealId: [undefined, first.dealId, deal.dealId],
            })) {
                const listed = await everyPage<Shipment>(evaluate, filter, 2, (s) => s.shipmentId);
                const expected = all.records.filter(
                    (s) =>
                        (filter.status === undefined || s.status === filter.status) &&
                        (filter.partyMemberId === undefined ||
                            [s.shipperMemberId, s.receiverMemberId, s.carrierMemberId].includes(
                                filter.partyMemberId,
                            )) &&
                        (filter.dealId === undefined || s.dealId === filter.dealId),
                );
                expect(listed.ids, JSON.stringify(filter)).to.deep.equal(sorted(expected.map((s) => s.shipmentId)));
            }
        });
    });
});

// Every listing through @bia/client with each filter alone and in every combination, paged to the end: on the devnet
// (LevelDB by default, which refuses rich queries) and unchanged on real Fabric (LevelDB). The ledger may hold earlier
// runs' records, so each check compares a listing with the whole ledger's listing (no filter, paged to the end)
// filtered here: a listing must hold exactly the matching records, each once, and never a record that does not match.
import { randomBytes } from 'node:crypto';
import { expect, use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import {
    type AssociationClient,
    type Deal,
    type Member,
    type Page,
    type Scenario,
    type Shipment,
    ValidationError,
} from '@bia/client';
import { type Association, association, closeAssociation } from '../support/association';

use(chaiAsPromised);

after(closeAssociation);

type Filter = Readonly<Record<string, string>>;

/** Every combination of the given values per filter; `undefined` leaves the filter out. */
function combinations(values: Readonly<Record<string, readonly (string | undefined)[]>>): Filter[] {
    let result: Record<string, string>[] = [{}];
    for (const [field, options] of Object.entries(values)) {
        result = result.flatMap((filter) =>
            options.map((value) => (value === undefined ? filter : { ...filter, [field]: value })),
        );
    }
    return result;
}

/** Every page of a listing, following bookmarks; each page holds at most pageSize records, none twice overall. */
async function everyPage<T>(
    list: (query: { pageSize: number; bookmark?: string }) => Promise<Page<T>>,
    pageSize: number,
    idOf: (record: T) => string,
): Promise<T[]> {
    const records: T[] = [];
    let bookmark: string | undefined;
    for (let pages = 1; ; pages++) {
        const page = await list({ pageSize, ...(bookmark === undefined ? {} : { bookmark }) });
        expect(page.records.length).to.be.at.most(pageSize);
        records.push(...page.records);
        if (page.bookmark === '') {
            break;
        }
        expect(pages, 'the listing ends').to.be.below(1000);
        bookmark = page.bookmark;
    }
    const ids = records.map(idOf);
    expect(new Set(ids).size, 'no record twice').to.equal(ids.length);
    return records;
}

/**
 * Lists every combination and compares it with the whole listing filtered by `matches`. Combinations that fix one
 * of this run's own values (`small`) are read in pages of 2, the others in pages of 100 (they span the ledger).
 */
async function expectEveryCombination<T>(
    values: Readonly<Record<string, readonly (string | undefined)[]>>,
    list: (query: object) => Promise<Page<T>>,
    idOf: (record: T) => string,
    matches: (record: T, filter: Filter) => boolean,
    small: (filter: Filter) => boolean,
): Promise<number> {
    const all = await everyPage((page) => list(page), 100, idOf);
    let checked = 0;
    for (const filter of combinations(values)) {
        const listed = await everyPage((page) => list({ ...filter, ...page }), small(filter) ? 2 : 100, idOf);
        const expected = all.filter((record) => matches(record, filter)).map(idOf);
        expect(listed.map(idOf).sort(), JSON.stringify(filter)).to.deep.equal(expected.sort());
        checked += 1;
    }
    return checked;
}

describe('listings through the client library: every filter alone and combined, paged to the end', function () {
    this.timeout(300_000);
    let run: Association;
    let reader: AssociationClient;

    before(async function () {
        this.timeout(180_000);
        run = await association();
        reader = await run.operator('carrier');
    });

    it('lists members by status, kind and sector', async () => {
        const university = run.id('university');
        const government = run.id('government');
        const first = await run.unboundIdentity('secretariat', 'User20');
        await first.membership.apply(run.application('secretariat', university, 'university'));
        const second = await run.unboundIdentity('secretariat', 'User21');
        await second.membership.apply({
            ...run.application('secretariat', government, 'government-body'),
            sectors: [run.sector, 'Logistics'],
        });
        await second.membership.withdraw(government, 'joined another association');

        const checked = await expectEveryCombination<Member>(
            {
                status: [undefined, 'active', 'applied', 'withdrawn'],
                kind: [undefined, 'enterprise', 'university', 'government-body'],
                sector: [undefined, run.sector, 'logistics'],
            },
            (query) => reader.membership.queryMembers(query),
            (member) => member.memberId,
            (member, { status, kind, sector }) =>
                (status === undefined || member.status === status) &&
                (kind === undefined || member.kind === kind) &&
                (sector === undefined || member.sectors.includes(sector)),
            (filter) => filter.sector === run.sector,
        );
        expect(checked).to.equal(48);
        const mine = await reader.membership.queryMembers({ sector: run.sector, status: 'withdrawn', pageSize: 10 });
        expect(mine.records.map((m) => m.memberId)).to.include(government);
        expect(mine.records.every((m) => m.status === 'withdrawn')).to.equal(true);
    });

    it('lists scenarios by status and sector', async () => {
        const lead = await run.operator('healthcentres');
        const otherSector = `${run.sector}-b`;
        const propose = (sector: string) =>
            lead.scenarios.propose({
                scenarioId: run.id('listed-scenario'),
                title: 'Listing pilot',
                sector,
                problem: 'Listings must work on every state database',
                expectedOutcome: 'Every combination of filters is served by an index',
                leadMemberId: run.members.healthcentres,
                plannedParticipants: [],
                plannedStart: '2027-01-01',
                plannedEnd: '2027-06-30',
            });
        await propose(run.sector);
        await propose(otherSector);
        const approved = await propose(run.sector);
        await run.carry(approved.motionId);
        const withdrawn = await propose(otherSector);
        await lead.scenarios.withdraw(withdrawn.scenarioId, 'no budget');

        await expectEveryCombination<Scenario>(
            {
                status: [undefined, 'proposed', 'approved', 'withdrawn', 'piloting'],
                sector: [undefined, run.sector, otherSector],
            },
            (query) => reader.scenarios.query(query),
            (scenario) => scenario.scenarioId,
            (scenario, { status, sector }) =>
                (status === undefined || scenario.status === status) &&
                (sector === undefined || scenario.sector === sector),
            (filter) => filter.sector !== undefined,
        );
    });

    async function inked(kind: Deal['kind'], orgs: readonly ('healthco' | 'healthcentres' | 'carrier')[]) {
        const [first] = orgs;
        const drafter = await run.operator(first ?? 'healthco');
        const terms = { text: `Listing terms ${run.id('terms')}`, salt: randomBytes(16).toString('hex') };
        const drafted = await drafter.deals.draft(
            {
                dealId: run.id('listed-deal'),
                kind,
                title: 'Listed deal',
                summary: 'A deal for the listing tests',
                partyMemberIds: orgs.map((org) => run.members[org]),
            },
            terms,
        );
        let deal = drafted;
        for (const org of orgs) {
            deal = await (await run.operator(org)).deals.sign(drafted.dealId, drafted.termsHash);
        }
        return deal;
    }

    it('lists deals by party, kind and status', async () => {
        const healthco = await run.operator('healthco');
        await healthco.deals.draft(
            {
                dealId: run.id('listed-draft'),
                kind: 'service',
                title: 'Draft deal',
                summary: 'Never signed',
                partyMemberIds: [run.members.healthco, run.members.carrier],
            },
            { text: 'draft terms', salt: randomBytes(16).toString('hex') },
        );
        await inked('facility', ['healthco', 'healthcentres']);
        const done = await inked('service', ['carrier', 'healthcentres']);
        await (await run.operator('carrier')).deals.complete(done.dealId);

        await expectEveryCombination<Deal>(
            {
                partyMemberId: [undefined, run.members.healthco, run.members.carrier, run.members.secretariat],
                kind: [undefined, 'service', 'facility'],
                status: [undefined, 'draft', 'inked', 'completed'],
            },
            (query) => reader.deals.query(query),
            (deal) => deal.dealId,
            (deal, { partyMemberId, kind, status }) =>
                (partyMemberId === undefined || deal.parties.some((party) => party.memberId === partyMemberId)) &&
                (kind === undefined || deal.kind === kind) &&
                (status === undefined || deal.status === status),
            (filter) => filter.partyMemberId !== undefined,
        );
    });

    it('lists shipments by status, party and deal', async () => {
        const shipper = await run.operator('healthco');
        const deal = await inked('service', ['healthco', 'healthcentres']);
        const other = await inked('service', ['healthco', 'healthcentres']);
        const create = (dealId: string, carrierMemberId: string) =>
            shipper.shipments.create({
                shipmentId: run.id('listed-shipment'),
                dealId,
                receiverMemberId: run.members.healthcentres,
                carrierMemberId,
                contents: { category: 'vaccine', description: 'Listing vaccine', quantity: 10, unit: 'doses' },
                conditions: { minTemperatureC: 2, maxTemperatureC: 8, maxTransitMinutes: 600 },
            });
        await create(deal.dealId, run.members.carrier);
        const moving = await create(deal.dealId, run.members.carrier);
        await shipper.shipments.offerHandover(moving.shipmentId, run.members.carrier);
        await (await run.operator('carrier')).shipments.acceptHandover(moving.shipmentId, 1);
        await create(other.dealId, run.members.secretariat);

        await expectEveryCombination<Shipment>(
            {
                status: [undefined, 'created', 'in-transit'],
                partyMemberId: [undefined, run.members.healthco, run.members.carrier, run.members.secretariat],
                dealId: [undefined, deal.dealId, other.dealId],
            },
            (query) => reader.shipments.query(query),
            (shipment) => shipment.shipmentId,
            (shipment, { status, partyMemberId, dealId }) =>
                (status === undefined || shipment.status === status) &&
                (partyMemberId === undefined ||
                    [shipment.shipperMemberId, shipment.receiverMemberId, shipment.carrierMemberId].includes(
                        partyMemberId,
                    )) &&
                (dealId === undefined || shipment.dealId === dealId),
            (filter) => filter.partyMemberId !== undefined || filter.dealId !== undefined,
        );
    });

    it("refuses another query's bookmark and a forged one (VALIDATION on query.bookmark)", async () => {
        const page = await reader.membership.queryMembers({ status: 'active', pageSize: 1 });
        expect(page.bookmark).to.not.equal('');
        const forged = Buffer.from('\u0000member\u0000x\u0000').toString('base64url');

        for (const attempt of [
            reader.membership.queryMembers({ status: 'applied', bookmark: page.bookmark }),
            reader.membership.queryMembers({ status: 'active', bookmark: forged }),
            reader.deals.query({ bookmark: page.bookmark }),
            reader.shipments.query({ bookmark: 'not a bookmark' }),
        ]) {
            await expect(attempt)
                .to.be.rejectedWith(ValidationError)
                .and.eventually.have.nested.property('details.field', 'query.bookmark');
        }
    });
});

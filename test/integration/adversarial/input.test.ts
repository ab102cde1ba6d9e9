// Hostile input, sent raw so no client-side check stands in front of the chaincode: forged and tampered bookmarks,
// numbers out of range, non-finite or imprecise, oversized and malformed documents and arguments, and transaction
// names the contracts do not have. Each is refused with the project's error (VALIDATION) and changes nothing.
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import type { DealDraft, DealTerms, Member, Page, Shipment, ShipmentRequest } from '@bia/model';
import {
    type Adversary,
    NumberLiteral,
    type RecordRead,
    adversary,
    closeAdversary,
    jsonWithLiterals,
} from '../support/adversary';
import type { RawConnection } from '../support/raw-gateway';

after(closeAdversary);

const literal = (text: string): NumberLiteral => new NumberLiteral(text);

/** Numbers every bounded field must refuse whatever its bounds: not finite once parsed, or not held exactly. */
const hostileNumbers: readonly (readonly [string, NumberLiteral])[] = [
    ['2^53 + 1 (would be stored as 2^53)', literal('9007199254740993')],
    ['1e999 (parses to Infinity)', literal('1e999')],
    ['-1e999 (parses to -Infinity)', literal('-1e999')],
    ['1e308 (finite, beyond every bound)', literal('1e308')],
    ['a decimal a double cannot hold exactly', literal('0.1000000000000000055511151231257827')],
];

describe('adversarial: hostile input', function () {
    this.timeout(180_000);
    let adv: Adversary;
    let healthco: RawConnection;
    let dealId: string;
    let shipment: Shipment;

    before(async function () {
        this.timeout(300_000);
        adv = await adversary();
        healthco = adv.as('healthco', 'User1');
        // An inked deal and a shipment under it, so a request's numbers are the only thing wrong with it.
        const shipper = await adv.run.operator('healthco');
        const carrier = await adv.run.operator('carrier');
        const draft = (title: string): DealDraft => ({
            dealId: adv.run.id('deal'),
            kind: 'service',
            title,
            summary: 'Carries the shipments hostile input aims at',
            partyMemberIds: [adv.run.members.healthco, adv.run.members.carrier],
        });
        const terms = (text: string): DealTerms => ({ text, salt: randomBytes(16).toString('hex') });
        const deal = await shipper.deals.draft(draft('Adversarial input deal'), terms('Vaccines at 2-8 °C'));
        await shipper.deals.sign(deal.dealId, deal.termsHash);
        await carrier.deals.sign(deal.dealId, deal.termsHash);
        dealId = deal.dealId;
        // A second deal, so the deals listing has a second page and its first page a bookmark.
        await shipper.deals.draft(draft('Second adversarial deal'), terms('Second deal'));
        shipment = await shipper.shipments.create(shipmentRequest({}));
    });

    function shipmentRequest(changes: {
        readonly quantity?: number | NumberLiteral;
        readonly maxTransitMinutes?: number | NumberLiteral;
        readonly minTemperatureC?: number | NumberLiteral;
    }): ShipmentRequest {
        const request = {
            shipmentId: adv.run.id('shipment'),
            dealId,
            receiverMemberId: adv.run.members.carrier,
            carrierMemberId: adv.run.members.carrier,
            contents: {
                category: 'vaccine',
                description: 'Influenza vaccine',
                quantity: changes.quantity ?? 100,
                unit: 'box',
            },
            conditions: {
                minTemperatureC: changes.minTemperatureC ?? 2,
                maxTemperatureC: 8,
                maxTransitMinutes: changes.maxTransitMinutes ?? 600,
            },
        };
        return request as unknown as ShipmentRequest;
    }

    function reading(changes: Readonly<Record<string, unknown>>): string {
        return jsonWithLiterals({
            shipmentId: shipment.shipmentId,
            readingId: adv.run.id('reading'),
            sensorId: 'sensor-1',
            readAt: new Date().toISOString(),
            location: 'Depot',
            temperatureC: 5,
            humidityPercent: 40,
            shock: false,
            ...changes,
        });
    }

    const provenance = (): RecordRead => ({ name: 'shipments:GetProvenance', args: [shipment.shipmentId] });

    describe('tampered and forged bookmarks', function () {
        const sectorQuery = (bookmark?: string): string =>
            JSON.stringify({ sector: adv.run.sector, pageSize: 1, ...(bookmark === undefined ? {} : { bookmark }) });

        /** `field`: what the refusal must name (an oversized bookmark may be refused as an oversized query). */
        async function refuseBookmark(bookmark: string, field = /bookmark/): Promise<void> {
            const { refusal } = await adv.refusedWithoutEffect({
                attempt: () => healthco.evaluate('membership:QueryMembers', [sectorQuery(bookmark)]),
                code: 'VALIDATION',
                records: [{ name: 'membership:QueryMembers', args: [sectorQuery()] }],
            });
            expect(refusal.chaincodeError?.details).to.have.property('field').that.matches(field);
        }

        it("follows its own bookmarks only through records that match the query's filter", async () => {
            let bookmark: string | undefined;
            const seen: string[] = [];
            do {
                const page: Page<Member> = await healthco.evaluateJson('membership:QueryMembers', [
                    sectorQuery(bookmark),
                ]);
                for (const member of page.records) {
                    expect(member.sectors.map((sector) => sector.toLowerCase())).to.include(
                        adv.run.sector.toLowerCase(),
                    );
                    seen.push(member.memberId);
                }
                bookmark = page.bookmark === '' ? undefined : page.bookmark;
            } while (bookmark !== undefined && seen.length < 50);
            expect(seen).to.include.members(Object.values(adv.run.members));
        });

        it("refuses another query's bookmark (deals listing → members by sector): VALIDATION", async () => {
            const deals: Page<unknown> = await healthco.evaluateJson('deals:QueryDeals', [
                JSON.stringify({ pageSize: 1 }),
            ]);
            expect(deals.bookmark, 'a bookmark of the deals listing').to.not.equal('');
            await refuseBookmark(deals.bookmark);
        });

        it('refuses a bookmark of the same listing with another filter (members by status): VALIDATION', async () => {
            const byStatus: Page<unknown> = await healthco.evaluateJson('membership:QueryMembers', [
                JSON.stringify({ status: 'active', pageSize: 1 }),
            ]);
            expect(byStatus.bookmark).to.not.equal('');
            await refuseBookmark(byStatus.bookmark);
        });

        it("refuses a forged bookmark pointing into another sector's range: VALIDATION", async () => {
            const page: Page<unknown> = await healthco.evaluateJson('membership:QueryMembers', [sectorQuery()]);
            expect(page.bookmark).to.not.equal('');
            // Whatever the encoding, swapping the sector inside the decoded bookmark aims it outside the query.
            const decoded = Buffer.from(page.bookmark, 'base64url').toString('utf8');
            const forged = decoded.split(adv.run.sector.toLowerCase()).join('healthcare');
            await refuseBookmark(Buffer.from(forged, 'utf8').toString('base64url'));
        });

        it('refuses truncated, non-base64 and oversized bookmarks: VALIDATION', async () => {
            const page: Page<unknown> = await healthco.evaluateJson('membership:QueryMembers', [sectorQuery()]);
            await refuseBookmark(page.bookmark.slice(0, -3));
            await refuseBookmark('\u0000member\u0000zzz\u0000');
            await refuseBookmark('A'.repeat(100_000), /bookmark|query/);
        });
    });

    describe('out-of-range, non-finite and imprecise numbers', function () {
        for (const [what, value] of hostileNumbers) {
            it(`refuses a shipment quantity of ${what}: VALIDATION`, async () => {
                const request = shipmentRequest({ quantity: value });
                await adv.refusedWithoutEffect({
                    attempt: () =>
                        healthco.submit('shipments:CreateShipment', { arguments: [jsonWithLiterals(request)] }),
                    code: 'VALIDATION',
                    records: [{ name: 'shipments:GetShipment', args: [request.shipmentId] }],
                });
            });
        }

        for (const [what, value] of [
            ['zero', 0],
            ['a negative number', -5],
        ] as const) {
            it(`refuses a shipment quantity of ${what}: VALIDATION`, async () => {
                const request = shipmentRequest({ quantity: value });
                await adv.refusedWithoutEffect({
                    attempt: () =>
                        healthco.submit('shipments:CreateShipment', { arguments: [jsonWithLiterals(request)] }),
                    code: 'VALIDATION',
                    records: [{ name: 'shipments:GetShipment', args: [request.shipmentId] }],
                });
            });
        }

        it('refuses a fractional, an imprecise and a negative-infinite limit in required conditions: VALIDATION', async () => {
            for (const request of [
                shipmentRequest({ maxTransitMinutes: 1.5 }),
                shipmentRequest({ maxTransitMinutes: literal('9007199254740993') }),
                shipmentRequest({ minTemperatureC: literal('-1e999') }),
            ]) {
                await adv.refusedWithoutEffect({
                    attempt: () =>
                        healthco.submit('shipments:CreateShipment', { arguments: [jsonWithLiterals(request)] }),
                    code: 'VALIDATION',
                    records: [{ name: 'shipments:GetShipment', args: [request.shipmentId] }],
                });
            }
        });

        it('refuses sensor readings that are non-finite, out of range or not numbers at all: VALIDATION', async () => {
            for (const changes of [
                { temperatureC: literal('1e999') },
                { temperatureC: literal('-1e999') },
                { temperatureC: 1000 },
                { humidityPercent: 101 },
                { humidityPercent: literal('9007199254740993') },
                { temperatureC: 'NaN' },
            ]) {
                await adv.refusedWithoutEffect({
                    attempt: () => healthco.submit('shipments:RecordCheckpoint', { arguments: [reading(changes)] }),
                    code: 'VALIDATION',
                    records: [provenance()],
                });
            }
        });

        it('refuses a reading taken before the shipment was created: VALIDATION', async () => {
            const before = new Date(Date.parse(shipment.created.at) - 3600_000).toISOString();
            await adv.refusedWithoutEffect({
                attempt: () =>
                    healthco.submit('shipments:RecordCheckpoint', { arguments: [reading({ readAt: before })] }),
                code: 'VALIDATION',
                records: [provenance()],
            });
        });

        it('refuses handover sequence numbers beyond 2^53, zero, negative or in exponent form: VALIDATION', async () => {
            for (const sequence of ['9007199254740993', '0', '-1', '1e3', '1.0']) {
                await adv.refusedWithoutEffect({
                    attempt: () =>
                        healthco.submit('shipments:AcceptHandover', { arguments: [shipment.shipmentId, sequence] }),
                    code: 'VALIDATION',
                    records: [provenance()],
                });
            }
        });

        it('refuses page sizes that are imprecise, non-finite, fractional or out of range: VALIDATION', async () => {
            for (const pageSize of [literal('9007199254740993'), literal('1e999'), 1.5, 0, 101]) {
                await adv.refusedWithoutEffect({
                    attempt: () =>
                        healthco.evaluate('membership:QueryMembers', [
                            jsonWithLiterals({ sector: adv.run.sector, pageSize }),
                        ]),
                    code: 'VALIDATION',
                    records: [],
                });
            }
        });

        it('refuses charter terms with an imprecise voting window or a quorum above 100%: VALIDATION', async () => {
            const secretariat = adv.as('secretariat', 'User1');
            for (const changes of [{ votingWindowSeconds: literal('9007199254740993') }, { quorumPercent: 150 }]) {
                const motionId = adv.run.id('motion');
                const request = {
                    motionId,
                    kind: 'amend-charter',
                    subjectId: 'charter',
                    reason: 'adversarial numbers',
                    charterTerms: { ...adv.run.charterTerms(), ...changes },
                };
                await adv.refusedWithoutEffect({
                    attempt: () =>
                        secretariat.submit('membership:ProposeMotion', { arguments: [jsonWithLiterals(request)] }),
                    code: 'VALIDATION',
                    records: [{ name: 'membership:GetCharter' }, { name: 'membership:GetMotion', args: [motionId] }],
                });
            }
        });
    });

    // Acting for another member on the shipment: only its custodian (healthco, the shipper) moves it.
    describe('custody taken by someone else', function () {
        it('refuses a checkpoint recorded by the receiver while the shipper holds custody: UNAUTHORIZED', async () => {
            await adv.refusedWithoutEffect({
                attempt: () =>
                    adv.as('carrier', 'User1').submit('shipments:RecordCheckpoint', { arguments: [reading({})] }),
                code: 'UNAUTHORIZED',
                records: [provenance()],
            });
        });

        it('refuses a handover offered by a member who is not the custodian: UNAUTHORIZED', async () => {
            await adv.refusedWithoutEffect({
                attempt: () =>
                    adv.as('carrier', 'User1').submit('shipments:OfferHandover', {
                        arguments: [shipment.shipmentId, adv.run.members.carrier],
                    }),
                code: 'UNAUTHORIZED',
                records: [provenance()],
            });
        });
    });

    describe('oversized and malformed input', function () {
        const member = (): string => adv.run.members.healthco;
        const memberRecords = (): RecordRead[] => [
            { name: 'membership:GetMember', args: [member()] },
            { name: 'membership:GetMemberHistory', args: [member()] },
        ];
        const updateProfile = (memberId: string, profile: string) => () =>
            healthco.submit('membership:UpdateProfile', { arguments: [memberId, profile] });
        const profile = (changes: Readonly<Record<string, unknown>>): string =>
            JSON.stringify({ ...adv.run.profile(member()), ...changes });

        it('refuses an oversized legal name (100,000 characters) and a 1 MiB document: VALIDATION', async () => {
            for (const document of [
                profile({ legalName: 'L'.repeat(100_000) }),
                profile({ contact: { name: 'Desk', email: 'desk@example.org', phone: '1'.repeat(1024 * 1024) } }),
            ]) {
                await adv.refusedWithoutEffect({
                    attempt: updateProfile(member(), document),
                    code: 'VALIDATION',
                    records: memberRecords(),
                });
            }
        });

        it('refuses malformed JSON, JSON that is not an object, and deeply nested JSON: VALIDATION', async () => {
            for (const document of [
                '{"legalName":',
                '[]',
                'null',
                '"a profile"',
                '42',
                `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
                profile({ sectors: { $elemMatch: { $ne: '' } } }),
            ]) {
                await adv.refusedWithoutEffect({
                    attempt: updateProfile(member(), document),
                    code: 'VALIDATION',
                    records: memberRecords(),
                });
            }
        });

        it('refuses NUL characters in an ID and in a text field, and a 10,000-character ID: VALIDATION', async () => {
            await adv.refusedWithoutEffect({
                attempt: updateProfile(`${member()}\u0000`, profile({})),
                code: 'VALIDATION',
                records: memberRecords(),
            });
            await adv.refusedWithoutEffect({
                attempt: updateProfile(member(), profile({ legalName: 'Name\u0000with NUL' })),
                code: 'VALIDATION',
                records: memberRecords(),
            });
            await adv.refusedWithoutEffect({
                attempt: () => healthco.evaluate('membership:GetMember', ['m'.repeat(10_000)]),
                code: 'VALIDATION',
                records: [],
            });
        });

        it('refuses deal terms in the transient map that are not a terms document: VALIDATION', async () => {
            const draftId = adv.run.id('deal');
            const draft = JSON.stringify({
                dealId: draftId,
                kind: 'service',
                title: 'Malformed terms',
                summary: 'Never drafted',
                partyMemberIds: [adv.run.members.healthco, adv.run.members.carrier],
            });
            for (const terms of ['not json', '{"text":"x"}', JSON.stringify({ text: 'x', salt: 'z'.repeat(64) })]) {
                await adv.refusedWithoutEffect({
                    attempt: () =>
                        healthco.contract.submit('deals:DraftDeal', {
                            arguments: [draft],
                            transientData: { terms: new TextEncoder().encode(terms) },
                            endorsingOrganizations: ['HealthcoMSP', 'CarrierMSP'],
                        }),
                    code: 'VALIDATION',
                    records: [{ name: 'deals:GetDeal', args: [draftId] }],
                });
            }
        });

        // The contract API refuses a wrong argument count before the chaincode runs, in its own words: no project
        // code to assert here (the client library maps it), but it must still change nothing.
        it('refuses a wrong number of arguments and changes nothing', async () => {
            await adv.refusedWithoutEffect({
                attempt: () =>
                    healthco.submit('membership:UpdateProfile', { arguments: [member(), profile({}), 'extra'] }),
                code: undefined,
                records: memberRecords(),
            });
        });
    });

    describe('unknown transaction names', function () {
        for (const name of [
            'membership:NoSuchTransaction',
            'deals:DeleteDeal',
            'NoSuchTransaction',
            'membership:beforeTransaction',
            'shipments:unknownTransaction',
        ]) {
            it(`refuses ${name} in the project's error format (VALIDATION), evaluated and submitted`, async () => {
                await adv.refusedWithoutEffect({
                    attempt: () => healthco.evaluate(name, [adv.run.members.healthco]),
                    code: 'VALIDATION',
                    records: [],
                });
                await adv.refusedWithoutEffect({
                    attempt: () => healthco.submit(name, { arguments: [adv.run.members.healthco] }),
                    code: 'VALIDATION',
                    records: [{ name: 'membership:GetMember', args: [adv.run.members.healthco] }],
                });
            });
        }
    });
});

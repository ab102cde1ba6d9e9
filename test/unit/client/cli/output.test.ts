import { expect } from 'chai';
import { formatRecords, formatResult, formatTable, summarise } from '../../../../client/src/cli/output';

const stamp = (by: string) => ({
    at: '2026-12-05T06:00:00.000Z',
    byMemberId: by,
    byMspId: 'HealthcoMSP',
    txId: 'a1b2c3d4'.repeat(8),
});
const member = (memberId: string, legalName: string) => ({
    memberId,
    hostMspId: 'SecretariatMSP',
    legalName,
    kind: 'university',
    sectors: ['education', 'healthcare'],
    website: 'https://example.org/research/partnerships',
    contact: { name: 'Desk', email: 'desk@example.org' },
    status: 'active',
    founding: false,
    appliedAt: '2026-12-05T06:00:00.000Z',
    transitions: [
        { from: null, to: 'applied', reason: 'application', stamp: stamp(memberId) },
        {
            from: 'applied',
            to: 'active',
            reason: 'admitted',
            stamp: stamp('secretariat'),
            motionId: `admit-${memberId}`,
        },
    ],
});
const deal = {
    dealId: 'DEAL-1',
    kind: 'supply',
    title: 'Cold-chain supply of reagents for the pilot hospitals in the region',
    summary: 'Reagents for the pilots, delivered weekly at two to eight degrees. '.repeat(4).trim(),
    parties: [
        { memberId: 'healthco', mspId: 'HealthcoMSP' },
        { memberId: 'carrier', mspId: 'CarrierMSP' },
    ],
    drafterMemberId: 'healthco',
    status: 'inked',
    termsHash: 'f'.repeat(64),
    termsVersion: 1,
    signatures: [
        { memberId: 'healthco', termsHash: 'f'.repeat(64), signed: stamp('healthco') },
        { memberId: 'carrier', termsHash: 'f'.repeat(64), signed: stamp('carrier') },
    ],
    createdAt: '2026-12-05T06:00:00.000Z',
    transitions: [{ from: 'draft', to: 'inked', reason: 'all parties signed', stamp: stamp('carrier') }],
};

const lines = (text: string): string[] => text.split('\n');
const widest = (text: string): number => Math.max(...lines(text).map((l) => l.length));
const people = (result: unknown, columns: number): string => formatResult(result, { json: false, columns });

describe('biactl output', () => {
    it('aligns a table: header, rule, rows padded to the widest cell', () => {
        const table = formatTable(
            ['id', 'status'],
            [
                ['DEAL-1', 'inked'],
                ['D-22', 'draft'],
            ],
        );

        expect(lines(table)).to.deep.equal(['id      status', '------  ------', 'DEAL-1  inked', 'D-22    draft']);
    });

    it('summarises nested values in a few words', () => {
        expect(summarise(['health', 'edu'])).to.equal('health, edu');
        expect(summarise(stamp('carrier'))).to.equal('2026-12-05T06:00:00.000Z by carrier');
        expect(summarise(deal.parties)).to.equal('2: healthco HealthcoMSP, carrier CarrierMSP');
        expect(summarise(deal.transitions)).to.equal('1: draft → inked');
        expect(summarise({ name: 'Desk', email: 'desk@example.org' })).to.equal('name: Desk, email: desk@example.org');
        expect(summarise([])).to.equal('(none)');
        expect(summarise(null)).to.equal('-');
    });

    for (const columns of [80, 160]) {
        describe(`in a ${columns}-column terminal`, () => {
            it('shows a record as a key/value block, nested values summarised, no line wider than the terminal', () => {
                const text = people(member('univ-1', 'Regional University of Applied Sciences'), columns);

                expect(lines(text)).to.include.members([
                    'memberId     univ-1',
                    'legalName    Regional University of Applied Sciences',
                    'sectors      education, healthcare',
                    'contact      name: Desk, email: desk@example.org',
                    'transitions  2: - → applied, applied → active',
                ]);
                expect(text).not.to.include('{');
                expect(widest(text)).to.be.at.most(columns);
            });

            it('wraps long text in a block but never splits a hash', () => {
                const text = people(deal, columns);

                expect(text).to.match(/^termsHash {8}f{64}$/m);
                expect(text).to.match(/^parties {10}2: healthco HealthcoMSP, carrier CarrierMSP$/m);
                expect(text).to.match(/^signatures {7}2: healthco, carrier$/m);
                const summaryLines = lines(text).filter((l) => /^(summary|\s{17}\S)/.test(l));
                expect(summaryLines.join(' ').replace(/\s+/g, ' ')).to.include(deal.summary.slice(0, 120));
                // The hash is 17 + 64 = 81 characters, one over 80: whole beats wrapped.
                expect(lines(text).filter((l) => l.length > columns && !l.startsWith('termsHash'))).to.deep.equal([]);
            });

            it('shows a list as a table of the fields that matter, fitted to the width', () => {
                const records = [
                    member('univ-1', 'Regional University of Applied Sciences'),
                    member('healthco', 'Healthcare company'),
                ];
                const text = formatRecords(records, columns);
                const [header = ''] = lines(text);

                expect(widest(text)).to.be.at.most(columns);
                expect(header.split(/\s+/)[0]).to.equal('memberId');
                expect(header).to.include('legalName').and.include('status').and.include('kind');
                expect(text).not.to.include('{');
                expect(lines(text).at(-1)).to.match(/^not shown: .*\(--json shows all\)$/);
            });
        });
    }

    it('shows more columns in a wider terminal', () => {
        const records = [deal, { ...deal, dealId: 'DEAL-2', status: 'draft' }];
        const narrow = lines(formatRecords(records, 80))[0]?.split(/\s+/) ?? [];
        const wide = lines(formatRecords(records, 160))[0]?.split(/\s+/) ?? [];

        expect(narrow).to.include.members(['dealId', 'kind', 'title', 'status']);
        expect(wide).to.include.members([...narrow, 'drafterMemberId', 'signatures']);
        expect(wide.length).to.be.greaterThan(narrow.length);
        expect(narrow).not.to.include('summary');
    });

    it('shows a record made of records part by part: blocks and tables', () => {
        const provenance = {
            shipment: { shipmentId: 'S-1', dealId: 'DEAL-1', status: 'in-transit' },
            handovers: [
                {
                    shipmentId: 'S-1',
                    sequence: 1,
                    fromMemberId: 'healthco',
                    toMemberId: 'carrier',
                    offered: stamp('healthco'),
                },
            ],
            checkpoints: [],
        };

        expect(lines(people(provenance, 100))).to.deep.equal([
            'shipment:',
            '  shipmentId  S-1',
            '  status      in-transit',
            '  dealId      DEAL-1',
            '',
            'handovers (1):',
            '  shipmentId  fromMemberId  toMemberId  sequence  offered',
            '  ----------  ------------  ----------  --------  ------------------------------------',
            '  S-1         healthco      carrier     1         2026-12-05T06:00:00.000Z by healthco',
            '',
            'checkpoints (0):',
            '  (none)',
        ]);
        // Narrower, the stamp is what gives way, and the table says so.
        expect(lines(people(provenance, 80))).to.include('  not shown: offered (--json shows all)');
    });

    it("shows a page's records and how to get the next page", () => {
        const page = { records: [{ id: 'S-1' }], bookmark: 'g1AAAA', fetchedCount: 1 };

        expect(people(page, 80)).to.equal('id\n---\nS-1\nnext page: --bookmark g1AAAA');
        expect(people({ ...page, bookmark: '' }, 80)).to.equal('id\n---\nS-1');
        expect(formatRecords([], 80)).to.equal('(none)');
    });

    it('prints JSON for scripts unchanged, null for a transaction that returns nothing', () => {
        expect(JSON.parse(formatResult(deal, { json: true, columns: 80 }))).to.deep.equal(deal);
        expect(formatResult(deal, { json: true, columns: 40 })).to.equal(JSON.stringify(deal, null, 2));
        expect(formatResult(undefined, { json: true, columns: 80 })).to.equal('null');
        expect(people(undefined, 80)).to.equal('done');
    });
});

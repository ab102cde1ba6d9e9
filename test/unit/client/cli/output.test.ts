import { expect } from 'chai';
import { formatRecords, formatResult, formatTable } from '../../../../client/src/cli/output';

describe('biactl output', () => {
    it('aligns a table: header, rule, rows padded to the widest cell', () => {
        const table = formatTable(
            ['id', 'status'],
            [
                ['DEAL-1', 'inked'],
                ['D-22', 'draft'],
            ],
        );

        expect(table.split('\n')).to.deep.equal(['id      status', '------  ------', 'DEAL-1  inked', 'D-22    draft']);
    });

    it('shows a record as field/value rows, nested values as JSON', () => {
        const text = formatResult({ memberId: 'univ-1', sectors: ['health', 'edu'], votes: 3 }, false);

        expect(text.split('\n')).to.deep.equal([
            'field     value',
            '--------  ----------------',
            'memberId  univ-1',
            'sectors   ["health","edu"]',
            'votes     3',
        ]);
    });

    it('shows a list as one row per record, columns in order of first appearance, long cells cut', () => {
        const long = 'x'.repeat(80);
        const lines = formatRecords([{ a: '1' }, { b: long, a: '2' }]).split('\n');

        expect(lines[0]).to.match(/^a\s+b$/);
        expect(lines[2]).to.equal('1');
        expect(lines[3]).to.equal(`2  ${'x'.repeat(59)}…`);
        expect(formatRecords([])).to.equal('(none)');
    });

    it("shows a page's records and how to get the next page", () => {
        const page = { records: [{ id: 'S-1' }], bookmark: 'g1AAAA', fetchedCount: 1 };

        expect(formatResult(page, false)).to.equal('id\n---\nS-1\nnext page: --bookmark g1AAAA');
        expect(formatResult({ ...page, bookmark: '' }, false)).to.equal('id\n---\nS-1');
    });

    it('prints JSON for scripts, null for a transaction that returns nothing', () => {
        const record = { dealId: 'D-1', parties: [{ memberId: 'a' }] };

        expect(JSON.parse(formatResult(record, true))).to.deep.equal(record);
        expect(formatResult(undefined, true)).to.equal('null');
        expect(formatResult(undefined, false)).to.equal('done');
    });
});

// Helpers for the listing tests: every combination of filter values, and paging a listing to its end while checking
// each page (no rich query, no write, at most pageSize records, no record twice).
import { expect } from 'chai';
import type { Page } from '@bia/model';
import type { InvokeResult } from '../../../fixtures/chaincode-harness';

/** Every combination of the given values per filter; `undefined` leaves the filter out. */
export function combinations<F extends string>(
    values: Readonly<Record<F, readonly (string | undefined)[]>>,
): Partial<Record<F, string>>[] {
    let result: Partial<Record<F, string>>[] = [{}];
    for (const [field, options] of Object.entries(values) as [F, readonly (string | undefined)[]][]) {
        result = result.flatMap((filter) =>
            options.map((value) => (value === undefined ? filter : { ...filter, [field]: value })),
        );
    }
    return result;
}

/**
 * Reads every page of a listing, following bookmarks until an empty one. Each page must come from keys and
 * ranges only (no rich query) and write nothing; the records of all pages must be distinct.
 */
export async function everyPage<T>(
    evaluate: (query: object) => Promise<InvokeResult>,
    query: object,
    pageSize: number,
    idOf: (record: T) => string,
): Promise<{ ids: string[]; records: T[]; pages: number }> {
    const records: T[] = [];
    let bookmark = '';
    let pages = 0;
    do {
        const result = await evaluate({ ...query, pageSize, ...(bookmark === '' ? {} : { bookmark }) });
        expect(result.reads.richQueries(), 'a listing never makes a rich query').to.deep.equal([]);
        expect(result.writes.isEmpty, 'a listing writes nothing').to.equal(true);
        const page = result.json<Page<T>>();
        expect(page.records.length).to.be.at.most(pageSize);
        records.push(...page.records);
        bookmark = page.bookmark;
        pages += 1;
        expect(pages, 'a listing ends').to.be.below(200);
    } while (bookmark !== '');
    const ids = records.map(idOf);
    expect(new Set(ids).size, `no record twice in ${JSON.stringify(query)}`).to.equal(ids.length);
    return { ids: [...ids].sort(), records, pages };
}

export function sorted(ids: readonly string[]): string[] {
    return [...ids].sort();
}

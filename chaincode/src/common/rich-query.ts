// One page of a CouchDB rich (Mango) query: for listings that combine filters; never for write decisions
// (rich queries are not re-checked at validation).
import type { Context } from 'fabric-contract-api';
import type { Page } from '@bia/model';
import { canonicalJson } from './canonical-json';
import { collectRecords, pageMetadata } from './state';

/** The index a query uses: design document and index name, as in META-INF/statedb/couchdb/indexes/. */
export interface CouchIndex {
    readonly ddoc: string;
    readonly name: string;
}

export async function pageByRichQuery<T>(
    ctx: Context,
    selector: Readonly<Record<string, unknown>>,
    index: CouchIndex,
    pageSize: number,
    bookmark: string,
): Promise<Page<T>> {
    const query = canonicalJson({ selector, use_index: [`_design/${index.ddoc}`, index.name] });
    const { iterator, metadata } = await ctx.stub.getQueryResultWithPagination(query, pageSize, bookmark);
    const records = await collectRecords<T>(iterator);
    return { records, ...pageMetadata(metadata, pageSize) };
}

// Pages of a listing: page size and bookmark from a query's JSON, and one page read from a composite-key range.
//
// Fabric's paginated partial-key query takes the bookmark as the key to start from, keeping the query's end key
// (core/chaincode/handler.go), and returns the next unread key as the next bookmark. A bookmark is therefore a
// position in the key space: one that points before the query's range would make the peer return keys of other
// indexes and record types. So a bookmark is accepted only if it is a well-formed key of the very index the query
// reads, with the query's fixed attributes; anything else is refused before the ledger is read. On the wire the key
// travels base64url-encoded: composite keys hold NUL separators, which a command line cannot carry.
import type { Context } from 'fabric-contract-api';
import type { Iterators } from 'fabric-shim-api';
import { type Page, maxPageSize } from '@bia/model';
import { validationError } from './errors';
import type { QueryPlan } from './indexes';
import { withoutDocType } from './state';
import type { Fields } from './validation';

export interface PageRequest {
    readonly pageSize: number;
    /** The previous page's bookmark; '' for the first page. */
    readonly bookmark: string;
}

const defaultPageSize = 20;
/** Generous for the longest key (four attributes of up to 200 characters, UTF-8, base64url); refuses floods early. */
const maxBookmarkCharacters = 4096;
const base64url = /^[A-Za-z0-9_-]*$/;

function checkPageSize(pageSize: number | undefined, field: string): number {
    const size = pageSize ?? defaultPageSize;
    if (!Number.isSafeInteger(size) || size < 1 || size > maxPageSize) {
        throw validationError(field, `must be a whole number from 1 to ${maxPageSize}`);
    }
    return size;
}

/** Page size and bookmark of a listing query; `json` is the text `fields` was parsed from. */
export function pageRequest(fields: Fields, json: string): PageRequest {
    return {
        pageSize: checkPageSize(fields.optionalNumber('pageSize'), `${fields.path}.pageSize`),
        bookmark: bookmarkText(json, `${fields.path}.bookmark`),
    };
}

/** The bookmark as sent (type, charset and size only: whether it belongs to the query is checked when it runs). */
function bookmarkText(json: string, field: string): string {
    const { bookmark } = JSON.parse(json) as { bookmark?: unknown };
    if (bookmark === undefined || bookmark === null) {
        return '';
    }
    if (typeof bookmark !== 'string' || bookmark.length > maxBookmarkCharacters || !base64url.test(bookmark)) {
        throw validationError(field, 'must be the bookmark a previous page of the same query returned');
    }
    return bookmark;
}

/**
 * One page of a listing. Index entries are resolved to their records by `read`; a record that `matches` refuses
 * (which a consistent index never yields) is left out, so no page holds a record outside the query's filters.
 */
export async function readPage<R>(
    ctx: Context,
    plan: QueryPlan,
    request: PageRequest,
    bookmarkField: string,
    read: (recordId: string) => Promise<R | undefined>,
    matches: (record: R) => boolean,
): Promise<Page<R>> {
    const startKey = checkBookmark(ctx, plan, request.bookmark, bookmarkField);
    const { iterator, metadata } = await ctx.stub.getStateByPartialCompositeKeyWithPagination(
        plan.objectType,
        [...plan.prefix],
        request.pageSize,
        startKey,
    );
    const found = await collect(ctx, iterator);
    const records: R[] = [];
    for (const { attributes, value } of found) {
        const record = plan.readsRecords ? withoutDocType<R>(value) : await read(attributes.at(-1) ?? '');
        if (record !== undefined && matches(record)) {
            records.push(record);
        }
    }
    const { fetchedCount, next } = pageEnd(metadata, request.pageSize);
    return { records, bookmark: encodeBookmark(next), fetchedCount };
}

/**
 * The count and next start key of a page. The peer sends no metadata for an empty page, whatever the shim's types
 * say; a page shorter than pageSize is the last one.
 */
function pageEnd(
    metadata: { fetchedRecordsCount: number; bookmark: string } | undefined,
    pageSize: number,
): { fetchedCount: number; next: string } {
    const fetchedCount = metadata?.fetchedRecordsCount ?? 0;
    return { fetchedCount, next: fetchedCount < pageSize ? '' : (metadata?.bookmark ?? '') };
}

function encodeBookmark(key: string): string {
    return Buffer.from(key, 'utf8').toString('base64url');
}

/**
 * The start key a bookmark stands for, or '' for the first page. Refused unless it decodes (canonically) to a
 * composite key of the plan's object type, with the plan's number of attributes and its fixed prefix: such a key
 * lies inside the partial key's range, so the peer cannot be steered to keys outside the query.
 */
function checkBookmark(ctx: Context, plan: QueryPlan, bookmark: string, field: string): string {
    if (bookmark === '') {
        return '';
    }
    const refuse = (rule: string): never => {
        throw validationError(field, rule);
    };
    const bytes = Buffer.from(bookmark, 'base64url');
    const key = bytes.toString('utf8');
    if (encodeBookmark(key) !== bookmark || !Buffer.from(key, 'utf8').equals(bytes)) {
        refuse('is not a bookmark: it must be the bookmark a previous page of the same query returned');
    }
    const { objectType, attributes } = ctx.stub.splitCompositeKey(key);
    const canonical =
        attributes.length > 0 &&
        attributes.every((attribute) => attribute !== '') &&
        safeCompositeKey(ctx, objectType, attributes) === key;
    if (!canonical) {
        refuse('is not a bookmark: it must be the bookmark a previous page of the same query returned');
    }
    const inRange =
        objectType === plan.objectType &&
        attributes.length === plan.arity &&
        plan.prefix.every((value, position) => attributes[position] === value);
    if (!inRange) {
        refuse("belongs to another query: it lies outside this query's key range");
    }
    return key;
}

function safeCompositeKey(ctx: Context, objectType: string, attributes: readonly string[]): string | undefined {
    try {
        return ctx.stub.createCompositeKey(objectType, [...attributes]);
    } catch {
        return undefined;
    }
}

async function collect(
    ctx: Context,
    iterator: Iterators.StateQueryIterator,
): Promise<{ attributes: string[]; value: Uint8Array }[]> {
    const found: { attributes: string[]; value: Uint8Array }[] = [];
    try {
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
            found.push({ attributes: ctx.stub.splitCompositeKey(next.value.key).attributes, value: next.value.value });
        }
    } finally {
        await iterator.close();
    }
    return found;
}

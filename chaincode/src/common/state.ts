// World-state access: records under composite keys, index entries for listing, pages for queries.
import type { Context } from 'fabric-contract-api';
import type { Iterators } from 'fabric-shim-api';
import { type Page, maxPageSize } from '@bia/model';
import { canonicalJson, fromBytes, toBytes } from './canonical-json';
import { conflictError, notFoundError, validationError } from './errors';

/** Index entries need a non-empty value: Fabric treats an empty value as a delete. */
const indexMarker = Buffer.from([0]);

/** Stored documents carry their type (`docType`), so CouchDB selectors can tell records apart; readers drop it. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the stored record's type
export function withoutDocType<T>(bytes: Uint8Array): T {
    const stored = fromBytes(bytes) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(stored).filter(([key]) => key !== 'docType')) as T;
}

export function recordKey(ctx: Context, recordType: string, ids: readonly string[]): string {
    return ctx.stub.createCompositeKey(recordType, [...ids]);
}

export async function readRecord<T>(ctx: Context, recordType: string, ids: readonly string[]): Promise<T | undefined> {
    const bytes = await ctx.stub.getState(recordKey(ctx, recordType, ids));
    if (bytes.length === 0) {
        return undefined;
    }
    return withoutDocType<T>(bytes);
}

export async function getRecord<T>(ctx: Context, recordType: string, ids: readonly string[]): Promise<T> {
    const record = await readRecord<T>(ctx, recordType, ids);
    if (record === undefined) {
        throw notFoundError(recordType, ids.join('/'));
    }
    return record;
}

/** Refuses a duplicate ID: the read also makes a concurrent create of the same key fail MVCC validation. */
export async function assertAbsent(ctx: Context, recordType: string, ids: readonly string[]): Promise<void> {
    const bytes = await ctx.stub.getState(recordKey(ctx, recordType, ids));
    if (bytes.length > 0) {
        throw conflictError(recordType, ids.join('/'));
    }
}

export async function writeRecord(
    ctx: Context,
    recordType: string,
    ids: readonly string[],
    record: object,
): Promise<void> {
    await ctx.stub.putState(recordKey(ctx, recordType, ids), toBytes({ ...record, docType: recordType }));
}

export async function putIndex(ctx: Context, indexName: string, attributes: readonly string[]): Promise<void> {
    await ctx.stub.putState(ctx.stub.createCompositeKey(indexName, [...attributes]), indexMarker);
}

export async function deleteIndex(ctx: Context, indexName: string, attributes: readonly string[]): Promise<void> {
    await ctx.stub.deleteState(ctx.stub.createCompositeKey(indexName, [...attributes]));
}

/** Moves an index entry when an indexed attribute changes (e.g. a status). */
export async function moveIndex(
    ctx: Context,
    indexName: string,
    from: readonly string[],
    to: readonly string[],
): Promise<void> {
    if (canonicalJson(from) === canonicalJson(to)) {
        return;
    }
    await deleteIndex(ctx, indexName, from);
    await putIndex(ctx, indexName, to);
}

/** Every record or index entry under a partial key (not paginated; phantom-read protected in submits). */
export async function listKeys(ctx: Context, objectType: string, attributes: readonly string[]): Promise<string[][]> {
    const iterator = await ctx.stub.getStateByPartialCompositeKey(objectType, [...attributes]);
    return collectKeys(ctx, iterator);
}

export async function listRecords<T>(ctx: Context, recordType: string, attributes: readonly string[]): Promise<T[]> {
    return collectRecords<T>(await ctx.stub.getStateByPartialCompositeKey(recordType, [...attributes]));
}

/** Every record an iterator yields, without its docType; closes the iterator. */
export async function collectRecords<T>(iterator: Iterators.StateQueryIterator): Promise<T[]> {
    const records: T[] = [];
    try {
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
            records.push(withoutDocType<T>(next.value.value));
        }
    } finally {
        await iterator.close();
    }
    return records;
}

export function checkPageSize(pageSize: number | undefined, field: string): number {
    const size = pageSize ?? 20;
    if (!Number.isSafeInteger(size) || size < 1 || size > maxPageSize) {
        throw validationError(field, `must be a whole number from 1 to ${maxPageSize}`);
    }
    return size;
}

/**
 * One page of index entries under a partial key, each resolved to its record by `resolve`.
 * Records that `keep` rejects are skipped, so a filtered page may hold fewer than pageSize records.
 */
export async function pageByIndex<T>(
    ctx: Context,
    indexName: string,
    attributes: readonly string[],
    pageSize: number,
    bookmark: string,
    resolve: (keyAttributes: string[]) => Promise<T | undefined>,
    keep: (record: T) => boolean = () => true,
): Promise<Page<T>> {
    const { iterator, metadata } = await ctx.stub.getStateByPartialCompositeKeyWithPagination(
        indexName,
        [...attributes],
        pageSize,
        bookmark,
    );
    const keys = await collectKeys(ctx, iterator);
    const records: T[] = [];
    for (const key of keys) {
        const record = await resolve(key);
        if (record !== undefined && keep(record)) {
            records.push(record);
        }
    }
    return { records, ...pageMetadata(metadata, pageSize) };
}

/**
 * The bookmark and count of a page. The peer sends no metadata for an empty page, whatever the shim's types say;
 * a page shorter than pageSize is the last one.
 */
export function pageMetadata(
    metadata: { fetchedRecordsCount: number; bookmark: string } | undefined,
    pageSize: number,
): { bookmark: string; fetchedCount: number } {
    const fetchedCount = metadata?.fetchedRecordsCount ?? 0;
    return { bookmark: fetchedCount < pageSize ? '' : (metadata?.bookmark ?? ''), fetchedCount };
}

async function collectKeys(ctx: Context, iterator: Iterators.StateQueryIterator): Promise<string[][]> {
    const keys: string[][] = [];
    try {
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
            keys.push(ctx.stub.splitCompositeKey(next.value.key).attributes);
        }
    } finally {
        await iterator.close();
    }
    return keys;
}

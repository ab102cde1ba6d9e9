// World-state access: records under composite keys, keyed entries, unpaginated partial-key listings. Listing indexes
// are in indexes.ts, pages of listings in paging.ts.
import type { Context } from 'fabric-contract-api';
import type { Iterators } from 'fabric-shim-api';
import { fromBytes, toBytes } from './canonical-json';
import { conflictError, notFoundError } from './errors';

/** Index entries need a non-empty value: Fabric treats an empty value as a delete. */
export const indexMarker = Buffer.from([0]);

/**
 * Stored documents carry their type (`docType`): every version wrote it and it names the record in a state dump;
 * readers drop it.
 */
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

/** Every record or index entry under a partial key (not paginated; phantom-read protected in submits). */
export async function listKeys(ctx: Context, objectType: string, attributes: readonly string[]): Promise<string[][]> {
    const iterator = await ctx.stub.getStateByPartialCompositeKey(objectType, [...attributes]);
    return collectKeys(ctx, iterator);
}

export async function listRecords<T>(ctx: Context, recordType: string, attributes: readonly string[]): Promise<T[]> {
    return collectRecords<T>(await ctx.stub.getStateByPartialCompositeKey(recordType, [...attributes]));
}

/** Every record an iterator yields, without its docType; closes the iterator. */
async function collectRecords<T>(iterator: Iterators.StateQueryIterator): Promise<T[]> {
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

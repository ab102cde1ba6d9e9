// Composite-key indexes that list records by any combination of their filters on every state database (LevelDB,
// Fabric's default, has keys, ranges and composite keys only; no rich queries). An index entry is the composite key
// `<index name> <field values in the index's order...> <record ID>` with a one-byte value. A query with filters F reads
// the index whose leading fields are exactly F, as a partial composite key: every entry it yields matches F.
import type { Context } from 'fabric-contract-api';
import { indexMarker } from './state';

/** An index's composite-key object type and the fields its keys hold, in key order; the record's ID follows them. */
export interface IndexDefinition<F extends string> {
    readonly name: string;
    readonly fields: readonly F[];
}

/**
 * A record type and the indexes that list it. The indexes must cover every combination of filters as a key prefix
 * (the unit tests query every combination); a multi-valued field (a member's sectors, a deal's parties) leads the
 * indexes it appears in, so that a listing without it never meets one record twice.
 */
export interface IndexedRecords<R, F extends string> {
    readonly recordType: string;
    readonly indexes: readonly IndexDefinition<F>[];
    /** Indexes an earlier chaincode version wrote and nothing reads any more: RebuildIndexes deletes their entries. */
    readonly retired: readonly IndexDefinition<string>[];
    id(record: R): string;
    /** Each indexed field's values: one for most fields, one per element for a multi-valued field. */
    fieldValues(record: R): Readonly<Record<string, readonly string[]>>;
}

/** Where a listing reads: the record keys themselves (no filter) or an index, and the partial key it fixes. */
export interface QueryPlan {
    readonly objectType: string;
    readonly prefix: readonly string[];
    /** How many attributes a full key of this object type has: the fixed prefix, the remaining fields, the ID. */
    readonly arity: number;
    /** True when the keys are the records themselves, false when they are index entries naming a record ID. */
    readonly readsRecords: boolean;
}

/**
 * The plan for a set of filters (undefined = not filtering on that field). Throws a plain Error if no index serves
 * the combination: that is a defect of the index definitions, never of the caller's input.
 */
export function planQuery<R, F extends string>(
    indexed: IndexedRecords<R, F>,
    filters: Readonly<Partial<Record<F, string>>>,
): QueryPlan {
    const given = (Object.keys(filters) as F[]).filter((field) => filters[field] !== undefined);
    if (given.length === 0) {
        return { objectType: indexed.recordType, prefix: [], arity: 1, readsRecords: true };
    }
    const index = indexed.indexes.find(
        (candidate) =>
            candidate.fields.length >= given.length &&
            given.every((field) => candidate.fields.slice(0, given.length).includes(field)),
    );
    if (index === undefined) {
        throw new Error(`no ${indexed.recordType} index serves the filters ${given.sort().join(', ')}`);
    }
    return {
        objectType: index.name,
        prefix: index.fields.slice(0, given.length).map((field) => filters[field] ?? ''),
        arity: index.fields.length + 1,
        readsRecords: false,
    };
}

/** Writes a record's index entries and deletes the ones its previous version had and this one does not. */
export async function updateIndexEntries<R, F extends string>(
    ctx: Context,
    indexed: IndexedRecords<R, F>,
    before: R | undefined,
    after: R,
): Promise<void> {
    const old = new Set(before === undefined ? [] : entryKeys(ctx, indexed, indexed.indexes, before));
    const current = entryKeys(ctx, indexed, indexed.indexes, after);
    const kept = new Set(current);
    for (const key of [...old].filter((key) => !kept.has(key))) {
        await ctx.stub.deleteState(key);
    }
    for (const key of current.filter((key) => !old.has(key))) {
        await ctx.stub.putState(key, indexMarker);
    }
}

/**
 * Derives a record's index entries afresh (the migration after an upgrade that adds indexes): writes every current
 * entry and deletes the entries of retired indexes. Idempotent.
 */
export async function rebuildIndexEntries<R, F extends string>(
    ctx: Context,
    indexed: IndexedRecords<R, F>,
    record: R,
): Promise<void> {
    for (const key of entryKeys(ctx, indexed, indexed.retired, record)) {
        await ctx.stub.deleteState(key);
    }
    for (const key of entryKeys(ctx, indexed, indexed.indexes, record)) {
        await ctx.stub.putState(key, indexMarker);
    }
}

/** The composite keys of a record's entries in the given indexes, each once, sorted. */
function entryKeys<R>(
    ctx: Context,
    indexed: IndexedRecords<R, string>,
    definitions: readonly IndexDefinition<string>[],
    record: R,
): string[] {
    const values = indexed.fieldValues(record);
    const keys = new Set<string>();
    for (const definition of definitions) {
        let tuples: string[][] = [[]];
        for (const field of definition.fields) {
            const options = [...new Set(values[field] ?? [])];
            tuples = tuples.flatMap((tuple) => options.map((value) => [...tuple, value]));
        }
        for (const tuple of tuples) {
            keys.add(ctx.stub.createCompositeKey(definition.name, [...tuple, indexed.id(record)]));
        }
    }
    return [...keys].sort();
}

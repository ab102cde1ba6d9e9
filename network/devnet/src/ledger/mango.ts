// CouchDB Mango queries ({selector, sort, skip, fields, bookmark, use_index, limit}) over JSON values, behaving as
// Fabric's CouchDB state database does: values that are not JSON objects never match, results are in _id order
// unless sorted, documents missing a sort field are left out (CouchDB sorts through an index holding the field),
// and `limit` is not honoured (Fabric overrides it; paging is done with pageSize and bookmarks).
import sift, { createEqualsOperation, type Query } from 'sift';
import { compareKeys, utf8Bytes } from './bytes';
import { collate, type Json } from './couch-collation';
import { SimulationError } from './simulation';
import type { VersionedValue } from './store-records';
import type { Version } from './version';

type JsonObject = Record<string, Json>;
type SiftOptions = Parameters<typeof createEqualsOperation>[2];

interface SortField {
    readonly path: string;
    readonly direction: 1 | -1;
}

export interface RichQuery {
    readonly matches: (doc: JsonObject) => boolean;
    readonly sort: readonly SortField[];
    readonly skip: number;
    readonly fields?: readonly string[];
    readonly bookmark: string;
}

export interface RichQueryResult {
    readonly key: string;
    readonly value: Uint8Array;
    readonly version: Version;
    /** The bookmark that resumes the query after this result. */
    readonly bookmark: string;
}

interface Position {
    readonly key: string;
    readonly sortValues: readonly Json[];
}

function isObject(value: unknown): value is JsonObject {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(message: string): never {
    throw new SimulationError(message);
}

const COMBINATORS = new Set(['$and', '$or', '$nor']);
const SUB_SELECTORS = new Set(['$not', '$elemMatch', '$allMatch', '$keyMapMatch']);

/** Mango reads {"a": {"b": 1}} as the field path a.b; sift (Mongo semantics) would compare whole objects. */
function normalizeSelector(selector: JsonObject, prefix = ''): JsonObject {
    const normalized: JsonObject = {};
    for (const [name, value] of Object.entries(selector)) {
        if (COMBINATORS.has(name) && Array.isArray(value)) {
            normalized[name] = value.map((part) => (isObject(part) ? normalizeSelector(part) : part));
        } else if (SUB_SELECTORS.has(name) && isObject(value)) {
            normalized[name] = normalizeSelector(value);
        } else if (name.startsWith('$') || !isObject(value)) {
            normalized[prefix + name] = value;
        } else if (Object.keys(value).some((key) => key.startsWith('$'))) {
            normalized[prefix + name] = normalizeSelector(value);
        } else {
            Object.assign(normalized, normalizeSelector(value, `${prefix}${name}.`));
        }
    }
    return normalized;
}

function comparison(test: (order: number) => boolean) {
    return (params: Json, ownerQuery: unknown, options: SiftOptions) =>
        createEqualsOperation(
            (value: unknown) => value !== undefined && test(collate(value as Json, params)),
            ownerQuery,
            options,
        );
}

const MANGO_TYPES: Record<string, (value: unknown) => boolean> = {
    null: (value) => value === null,
    boolean: (value) => typeof value === 'boolean',
    number: (value) => typeof value === 'number',
    string: (value) => typeof value === 'string',
    array: (value) => Array.isArray(value),
    object: isObject,
};

function compileSelector(selector: JsonObject): (doc: JsonObject) => boolean {
    const subTester = (params: unknown) => compileSelector(isObject(params) ? params : {});
    const operations = {
        $gt: comparison((order) => order > 0),
        $gte: comparison((order) => order >= 0),
        $lt: comparison((order) => order < 0),
        $lte: comparison((order) => order <= 0),
        $type: (params: string, ownerQuery: unknown, options: SiftOptions) =>
            createEqualsOperation((value: unknown) => MANGO_TYPES[params]?.(value) ?? false, ownerQuery, options),
        $allMatch: (params: unknown, ownerQuery: unknown, options: SiftOptions) => {
            const test = subTester(params);
            return createEqualsOperation(
                (value: unknown) =>
                    Array.isArray(value) && value.length > 0 && value.every((item) => test(item as JsonObject)),
                ownerQuery,
                options,
            );
        },
        $keyMapMatch: (params: unknown, ownerQuery: unknown, options: SiftOptions) => {
            const test = subTester({ key: params });
            return createEqualsOperation(
                (value: unknown) => isObject(value) && Object.keys(value).some((key) => test({ key })),
                ownerQuery,
                options,
            );
        },
        $beginsWith: (params: string, ownerQuery: unknown, options: SiftOptions) =>
            createEqualsOperation(
                (value: unknown) => typeof value === 'string' && value.startsWith(params),
                ownerQuery,
                options,
            ),
        $where: () => fail('invalid operator: $where'),
    };
    try {
        return sift(normalizeSelector(selector) as Query<JsonObject>, { operations });
    } catch (err) {
        return fail(`invalid selector: ${err instanceof Error ? err.message : String(err)}`);
    }
}

function parseSort(sort: unknown): SortField[] {
    if (sort === undefined) {
        return [];
    }
    if (!Array.isArray(sort)) {
        return fail('sort must be an array');
    }
    const fields = sort.map((item): SortField => {
        if (typeof item === 'string') {
            return { path: item, direction: 1 };
        }
        const [entry, ...extra] = isObject(item) ? Object.entries(item) : [];
        if (!entry || extra.length > 0 || (entry[1] !== 'asc' && entry[1] !== 'desc')) {
            return fail(`invalid sort field: ${JSON.stringify(item)}`);
        }
        return { path: entry[0], direction: entry[1] === 'asc' ? 1 : -1 };
    });
    if (new Set(fields.map((field) => field.direction)).size > 1) {
        return fail('Sorts currently only support a single direction for all fields.');
    }
    return fields;
}

export function parseRichQuery(query: string): RichQuery {
    let parsed: unknown;
    try {
        parsed = JSON.parse(query);
    } catch (err) {
        return fail(`invalid query JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!isObject(parsed) || !isObject(parsed.selector)) {
        return fail('Missing required key: selector');
    }
    const { fields, skip, bookmark } = parsed;
    if (fields !== undefined && !(Array.isArray(fields) && fields.every((field) => typeof field === 'string'))) {
        return fail('fields definition must be an array');
    }
    return {
        matches: compileSelector(parsed.selector),
        sort: parseSort(parsed.sort),
        skip: typeof skip === 'number' && skip > 0 ? Math.floor(skip) : 0,
        ...(fields ? { fields } : {}),
        bookmark: typeof bookmark === 'string' ? bookmark : '',
    };
}

function valueAt(doc: JsonObject, path: string): Json | undefined {
    let current: Json | undefined = doc;
    for (const part of path.split('.')) {
        current = isObject(current) ? current[part] : undefined;
    }
    return current;
}

function project(doc: JsonObject, fields: readonly string[]): JsonObject {
    const projected: JsonObject = {};
    for (const path of fields) {
        const value = valueAt(doc, path);
        if (value === undefined) {
            continue;
        }
        const parts = path.split('.');
        const last = parts.pop() ?? path;
        let target = projected;
        for (const part of parts) {
            const next = target[part];
            target = isObject(next) ? next : (target[part] = {});
        }
        target[last] = value;
    }
    return projected;
}

/** JSON as Go's encoding/json writes a map: keys sorted, <, >, & and line separators escaped. */
export function goJson(value: Json): string {
    const sorted = (item: Json): Json =>
        Array.isArray(item)
            ? item.map(sorted)
            : isObject(item)
              ? Object.fromEntries(
                    Object.keys(item)
                        .sort()
                        .map((key) => [key, sorted(item[key] as Json)]),
                )
              : item;
    return JSON.stringify(sorted(value)).replace(
        /[<>&\u2028\u2029]/g,
        (char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
    );
}

function parseDocument(value: Uint8Array): JsonObject | undefined {
    try {
        const parsed: unknown = JSON.parse(Buffer.from(value).toString('utf8'));
        return isObject(parsed) ? parsed : undefined;
    } catch {
        return undefined;
    }
}

function encodeBookmark(position: Position): string {
    return Buffer.from(JSON.stringify([position.key, position.sortValues]), 'utf8').toString('base64url');
}

function decodeBookmark(bookmark: string): Position {
    try {
        const [key, sortValues] = JSON.parse(Buffer.from(bookmark, 'base64url').toString('utf8')) as [string, Json[]];
        if (typeof key === 'string' && Array.isArray(sortValues)) {
            return { key, sortValues };
        }
    } catch {
        // reported below
    }
    return fail(`invalid bookmark: ${bookmark}`);
}

function comparePositions(sort: readonly SortField[], a: Position, b: Position): number {
    for (const [index, field] of sort.entries()) {
        const order = collate(a.sortValues[index] ?? null, b.sortValues[index] ?? null) * field.direction;
        if (order !== 0) {
            return order;
        }
    }
    return compareKeys(a.key, b.key) * (sort[0]?.direction ?? 1);
}

/** Runs the query over a namespace's entries (given in key order); bookmark overrides the query's own. */
export function runRichQuery(
    query: RichQuery,
    entries: Iterable<{ readonly key: string; readonly record: VersionedValue }>,
    bookmark: string,
): RichQueryResult[] {
    const matched: { position: Position; doc: JsonObject; version: Version }[] = [];
    for (const { key, record } of entries) {
        const doc = parseDocument(record.value);
        if (!doc || !query.matches({ ...doc, _id: key })) {
            continue;
        }
        const sortValues = query.sort.map((field) => valueAt(doc, field.path));
        if (sortValues.every((value): value is Json => value !== undefined)) {
            matched.push({ position: { key, sortValues }, doc, version: record.version });
        }
    }
    matched.sort((a, b) => comparePositions(query.sort, a.position, b.position));
    const resumeAt = bookmark || query.bookmark;
    const after = resumeAt ? decodeBookmark(resumeAt) : undefined;
    const remaining = after
        ? matched.filter((item) => comparePositions(query.sort, item.position, after) > 0)
        : matched;
    return remaining.slice(query.skip).map(({ position, doc, version }) => ({
        key: position.key,
        value: utf8Bytes(goJson(query.fields ? project(doc, query.fields) : doc)),
        version,
        bookmark: encodeBookmark(position),
    }));
}

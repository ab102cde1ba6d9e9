// Canonical JSON: object keys sorted at every level (by UTF-16 code unit, as JavaScript compares strings), no
// whitespace. Every endorser must write byte-identical state, and hashes over JSON (terms, metadata goldens) must
// not depend on the order in which properties happened to be added. One copy, used by chaincode, devnet and tests.

/**
 * The canonical JSON text of a value. Objects that define `toJSON` (Date, Buffer) are serialised through it, as
 * `JSON.stringify` would; other non-plain objects (Map, Set, class instances) are refused rather than silently
 * written as `{}`. Non-finite numbers, bigints, functions and symbols are refused too: JSON has no form for them.
 * Properties whose value is `undefined` are left out, as `JSON.stringify` does.
 * @throws TypeError naming the path of the first value that has no canonical form.
 */
export function canonicalJson(value: unknown): string {
    return canonicalText(value, '$');
}

// The text is written here rather than by JSON.stringify of a rebuilt object: JavaScript objects put
// integer-like keys ("9", "10") first in numeric order, whatever order they were added in.
function canonicalText(value: unknown, path: string): string {
    if (value === null || typeof value === 'string' || typeof value === 'boolean') {
        return JSON.stringify(value);
    }
    if (typeof value === 'number') {
        if (!Number.isFinite(value)) {
            throw new TypeError(`${path}: ${String(value)} has no JSON form`);
        }
        return JSON.stringify(value);
    }
    if (typeof value !== 'object') {
        throw new TypeError(`${path}: a ${typeof value} has no JSON form`);
    }
    const withToJson = value as { toJSON?: unknown };
    if (typeof withToJson.toJSON === 'function') {
        return canonicalText((withToJson.toJSON as () => unknown).call(value), path);
    }
    if (Array.isArray(value)) {
        // JSON.stringify writes an undefined array element as null; so do we, to keep positions.
        const elements = value.map((element: unknown, index) =>
            canonicalText(element ?? null, `${path}[${String(index)}]`),
        );
        return `[${elements.join(',')}]`;
    }
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
        const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
        throw new TypeError(`${path}: a ${name} is not a plain object; give it toJSON() or convert it first`);
    }
    const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, entry]) => entry !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const members = entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalText(entry, `${path}.${key}`)}`);
    return `{${members.join(',')}}`;
}

// CouchDB's ordering of JSON values (views and Mango sort/comparison operators):
// null < false < true < numbers < strings < arrays < objects; strings by Unicode collation, not by bytes.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const strings = new Intl.Collator('en', { sensitivity: 'variant', caseFirst: 'lower' });

function rank(value: Json): number {
    if (value === null) {
        return 0;
    }
    switch (typeof value) {
        case 'boolean':
            return value ? 2 : 1;
        case 'number':
            return 3;
        case 'string':
            return 4;
        default:
            return Array.isArray(value) ? 5 : 6;
    }
}

function compareArrays(a: readonly Json[], b: readonly Json[]): number {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
        const order = collate(a[i] as Json, b[i] as Json);
        if (order !== 0) {
            return order;
        }
    }
    return a.length - b.length;
}

function compareObjects(a: Record<string, Json>, b: Record<string, Json>): number {
    const aEntries = Object.entries(a);
    const bEntries = Object.entries(b);
    for (let i = 0; i < Math.min(aEntries.length, bEntries.length); i++) {
        const [aKey, aValue] = aEntries[i] as [string, Json];
        const [bKey, bValue] = bEntries[i] as [string, Json];
        const order = strings.compare(aKey, bKey) || collate(aValue, bValue);
        if (order !== 0) {
            return order;
        }
    }
    return aEntries.length - bEntries.length;
}

/** Negative, zero or positive as a sorts before, with or after b. */
export function collate(a: Json, b: Json): number {
    const byRank = rank(a) - rank(b);
    if (byRank !== 0) {
        return Math.sign(byRank);
    }
    if (typeof a === 'number' && typeof b === 'number') {
        return Math.sign(a - b);
    }
    if (typeof a === 'string' && typeof b === 'string') {
        return Math.sign(strings.compare(a, b));
    }
    if (Array.isArray(a) && Array.isArray(b)) {
        return Math.sign(compareArrays(a, b));
    }
    if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
        return Math.sign(compareObjects(a as Record<string, Json>, b as Record<string, Json>));
    }
    return 0;
}

// JSON with object keys sorted at every level, so every endorser writes byte-identical state.

export function canonicalJson(value: unknown): string {
    return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(sortKeys);
    }
    if (value !== null && typeof value === 'object') {
        const entries = Object.entries(value as Record<string, unknown>)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
    }
    return value;
}

export function toBytes(value: unknown): Uint8Array {
    return Buffer.from(canonicalJson(value), 'utf8');
}

export function fromBytes(bytes: Uint8Array): unknown {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
}

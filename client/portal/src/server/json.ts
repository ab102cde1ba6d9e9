// JSON for the API: bigints (block numbers) as decimal strings, since JSON numbers lose precision past 2^53.
export function jsonReplacer(_key: string, value: unknown): unknown {
    return typeof value === 'bigint' ? value.toString() : value;
}

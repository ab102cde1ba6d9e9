// Runs independent transactions with a bounded number in flight, so blocks fill without flooding the peers.

/**
 * Calls `task` for every item, at most `limit` at a time, and returns the results in the items' order.
 * The first failure stops new tasks from starting and is thrown once the running ones have settled.
 */
export async function mapBounded<T, R>(
    items: readonly T[],
    limit: number,
    task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
    const results = new Array<R>(items.length);
    let next = 0;
    let failure: { readonly error: unknown } | undefined;
    const worker = async (): Promise<void> => {
        while (failure === undefined && next < items.length) {
            const index = next++;
            try {
                results[index] = await task(items[index] as T, index);
            } catch (error) {
                failure ??= { error };
            }
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
    if (failure !== undefined) {
        throw failure.error;
    }
    return results;
}

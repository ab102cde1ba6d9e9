// Latency percentiles and goodput of one measured run.

export interface LatencySummary {
    readonly count: number;
    readonly meanMs: number;
    readonly p50Ms: number;
    readonly p95Ms: number;
    readonly p99Ms: number;
    readonly maxMs: number;
}

/** Nearest-rank percentile of ascending-sorted values; NaN for none. */
export function percentile(sortedAscending: readonly number[], fraction: number): number {
    if (sortedAscending.length === 0) {
        return Number.NaN;
    }
    const rank = Math.ceil(fraction * sortedAscending.length);
    return sortedAscending[Math.min(sortedAscending.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export function summarizeLatencies(latenciesMs: readonly number[]): LatencySummary {
    const sorted = [...latenciesMs].sort((a, b) => a - b);
    const total = sorted.reduce((sum, value) => sum + value, 0);
    return {
        count: sorted.length,
        meanMs: sorted.length === 0 ? Number.NaN : total / sorted.length,
        p50Ms: percentile(sorted, 0.5),
        p95Ms: percentile(sorted, 0.95),
        p99Ms: percentile(sorted, 0.99),
        maxMs: sorted.at(-1) ?? Number.NaN,
    };
}

/** Ratio a/b, or undefined when either is missing or b is zero. */
export function ratio(a: number | undefined, b: number | undefined): number | undefined {
    if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) {
        return undefined;
    }
    return a / b;
}

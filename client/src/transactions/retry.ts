// Bounded retries with exponential backoff and full jitter.

/** A bounded retry policy with exponential backoff and full jitter. */
export interface RetryOptions {
    /** Attempts in all, the first included. */
    readonly maxAttempts: number;
    /** The ceiling of the first delay; it doubles with each attempt. */
    readonly initialDelayMs: number;
    /** The largest ceiling a delay can reach. */
    readonly maxDelayMs: number;
}

export const defaultRetryOptions: RetryOptions = { maxAttempts: 5, initialDelayMs: 50, maxDelayMs: 2000 };

/** Delay before attempt `attempt + 1` (attempt counts from 1): random in [0, min(max, initial·2^(attempt-1))]. */
export function backoffDelay(options: RetryOptions, attempt: number, random: () => number = Math.random): number {
    const ceiling = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** (attempt - 1));
    return Math.floor(random() * ceiling);
}

export function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

// Visits committed blocks in order from a start block: those already on the ledger, then each new one as it
// commits, until a stop block (inclusive) or cancellation.
import type { BlockEvents, BlockLedger } from '../ports';

export interface CancelSignal {
    readonly cancelled: boolean;
    onCancel(listener: () => void): void;
}

export interface FollowBlocksOptions {
    readonly ledger: BlockLedger;
    readonly notifier: BlockEvents;
    readonly start: bigint;
    /** Last block to visit; undefined to follow forever. */
    readonly stop?: bigint;
    readonly signal: CancelSignal;
    readonly visit: (number: bigint, bytes: Uint8Array) => Promise<void>;
}

export async function followBlocks(options: FollowBlocksOptions): Promise<void> {
    const { ledger, signal, stop } = options;
    let wake: (() => void) | undefined;
    let commits = 0;
    const unsubscribe = options.notifier.onBlock(() => {
        commits++;
        wake?.();
    });
    signal.onCancel(() => wake?.());
    const finished = (next: bigint): boolean => signal.cancelled || (stop !== undefined && next > stop);
    try {
        let next = options.start;
        while (!finished(next)) {
            const commitsBeforeRead = commits;
            const height = await ledger.height();
            for (; next < height && !finished(next); next++) {
                const bytes = await ledger.blockBytes(next);
                if (bytes) {
                    await options.visit(next, bytes);
                }
            }
            // Sleep only when no block committed while the ledger was being read.
            if (commits === commitsBeforeRead && !finished(next)) {
                await new Promise<void>((resolve) => {
                    wake = resolve;
                });
                wake = undefined;
            }
        }
    } finally {
        unsubscribe();
    }
}

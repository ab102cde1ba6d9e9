// Tells waiting CommitStatus calls and live event streams about each committed block.
import type { BlockEvents, BlockListener, CommittedBlock, TxStatus } from '../ports';

export type { BlockListener, CommittedBlock } from '../ports';

export class CommitNotifier implements BlockEvents {
    readonly #txWaiters = new Map<string, Set<(status: TxStatus) => void>>();
    readonly #blockListeners = new Set<BlockListener>();

    /** Resolves when the transaction commits in a later block; call cancel() to stop waiting. */
    waitForTx(txId: string): { promise: Promise<TxStatus>; cancel: () => void } {
        let waiter: ((status: TxStatus) => void) | undefined;
        const promise = new Promise<TxStatus>((resolve) => {
            waiter = resolve;
        });
        const waiters = this.#txWaiters.get(txId) ?? new Set();
        this.#txWaiters.set(txId, waiters);
        const resolve = waiter as (status: TxStatus) => void;
        waiters.add(resolve);
        const cancel = (): void => {
            waiters.delete(resolve);
            if (waiters.size === 0) {
                this.#txWaiters.delete(txId);
            }
        };
        return { promise, cancel };
    }

    onBlock(listener: BlockListener): () => void {
        this.#blockListeners.add(listener);
        return () => this.#blockListeners.delete(listener);
    }

    blockCommitted(block: CommittedBlock): void {
        for (const [txId, code] of block.statuses) {
            const waiters = this.#txWaiters.get(txId);
            if (!waiters) {
                continue;
            }
            this.#txWaiters.delete(txId);
            for (const waiter of waiters) {
                waiter({ code, blockNumber: block.number });
            }
        }
        for (const listener of [...this.#blockListeners]) {
            listener(block);
        }
    }
}

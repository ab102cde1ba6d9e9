// Notifications of committed blocks: what CommitStatus waiters and event streams subscribe to, and what the committer
// announces after a block is durably on the ledger.
import type { TxStatus } from './ledger';

export interface CommittedBlock {
    readonly number: bigint;
    /** The committed common.Block bytes, TRANSACTIONS_FILTER included. */
    readonly bytes: Uint8Array;
    readonly statuses: ReadonlyMap<string, number>;
}

export type BlockListener = (block: CommittedBlock) => void;

export interface BlockEvents {
    /** Resolves when the transaction commits in a later block; call cancel() to stop waiting. */
    waitForTx(txId: string): { promise: Promise<TxStatus>; cancel: () => void };
    /** Calls the listener after each block commits; returns the unsubscribe function. */
    onBlock(listener: BlockListener): () => void;
}

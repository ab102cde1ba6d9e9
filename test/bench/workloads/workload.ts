// A workload: something that, once prepared for a concurrency, yields the operation the runner repeats.
import type { Operation } from '../runner';

export interface PreparedRun {
    readonly operation: Operation;
    /** Run a fixed number of operations instead of for the configured duration. */
    readonly maxOperations?: number;
    /** Workers actually used when fewer than asked can run (e.g. a limited pool of identities). */
    readonly concurrency?: number;
    /** Said in the report, e.g. what a measured operation consists of. */
    readonly note?: string;
}

export interface Workload {
    readonly name: string;
    readonly description: string;
    /** The chaincode whose process the report charges (default: the association's, 'bia'). */
    readonly chaincode?: string;
    prepare(concurrency: number): Promise<PreparedRun>;
}

/** A short tag unique to this process, so IDs never collide with an earlier run on the same ledger. */
export const runTag = `${Date.now().toString(36)}${process.pid.toString(36)}`;

// Fabric's block-to-live purge (core/ledger/pvtdatapolicy ComputeExpiringBlock, kvledger/txmgmt/pvtstatepurgemgmt,
// pvtdatastorage): private data committed in block N of a collection with blockToLive b > 0 expires at block
// N + b + 1. The commit of that block deletes, in its own batch, the private values and their hashes that were not
// written again since block N, and the stored private write sets of block N: they are readable through block N + b.
import type { PendingState } from './pending-state';
import type { LedgerBatch, LedgerStore } from './store';
import type { WriteSetExpiry } from './store-records';

/** A collection's blockToLive (0: never purged). */
export type BlockToLive = (namespace: string, collection: string) => number;

export const NEVER_EXPIRES: BlockToLive = () => 0;

/** The block whose commit purges data committed in committingBlock, or undefined when it never expires. */
export function expiringBlock(committingBlock: bigint, blockToLive: number): bigint | undefined {
    return blockToLive > 0 ? committingBlock + BigInt(blockToLive) + 1n : undefined;
}

interface ScheduledState {
    readonly namespace: string;
    readonly collection: string;
    readonly hash: Uint8Array;
    key?: string;
    readonly memberMspIds: Set<string>;
}

/** The expiry entries one block's commit schedules: every private key it sets, every write set it stores. */
export class ExpirySchedule {
    readonly #blockNum: bigint;
    readonly #blockToLive: BlockToLive;
    readonly #states = new Map<string, ScheduledState>();
    readonly #writeSets: WriteSetExpiry[] = [];

    constructor(blockNum: bigint, blockToLive: BlockToLive) {
        this.#blockNum = blockNum;
        this.#blockToLive = blockToLive;
    }

    /** A private key's hash (and version) was set by this block. */
    hashedWritten(namespace: string, collection: string, hash: Uint8Array): void {
        this.#state(namespace, collection, hash);
    }

    /** Member organisations' copies of a private key were set by this block. */
    privateWritten(
        namespace: string,
        collection: string,
        hash: Uint8Array,
        key: string,
        memberMspIds: readonly string[],
    ): void {
        const state = this.#state(namespace, collection, hash);
        state.key = key;
        memberMspIds.forEach((mspId) => state.memberMspIds.add(mspId));
    }

    writeSetStored(mspId: string, txNum: number, namespace: string, collection: string): void {
        this.#writeSets.push({
            kind: 'writeSet',
            mspId,
            blockNum: Number(this.#blockNum),
            txNum,
            namespace,
            collection,
        });
    }

    addTo(batch: LedgerBatch): void {
        for (const state of this.#states.values()) {
            const at = this.#expiringBlock(state.namespace, state.collection);
            if (at !== undefined) {
                batch.scheduleExpiry(at, {
                    kind: 'state',
                    namespace: state.namespace,
                    collection: state.collection,
                    hash: state.hash,
                    committingBlock: Number(this.#blockNum),
                    ...(state.key === undefined ? {} : { key: state.key }),
                    memberMspIds: [...state.memberMspIds].sort(),
                });
            }
        }
        for (const entry of this.#writeSets) {
            const at = this.#expiringBlock(entry.namespace, entry.collection);
            if (at !== undefined) {
                batch.scheduleExpiry(at, entry);
            }
        }
    }

    #expiringBlock(namespace: string, collection: string): bigint | undefined {
        return expiringBlock(this.#blockNum, this.#blockToLive(namespace, collection));
    }

    #state(namespace: string, collection: string, hash: Uint8Array): ScheduledState {
        const id = JSON.stringify([namespace, collection, Buffer.from(hash).toString('hex')]);
        let state = this.#states.get(id);
        if (!state) {
            state = { namespace, collection, hash, memberMspIds: new Set() };
            this.#states.set(id, state);
        }
        return state;
    }
}

/**
 * Adds the purge of what expires at blockNum to the block's pending state and batch. Runs after the block's own
 * transactions are applied: a key written again (in this block or since) has a newer version and is kept.
 */
export async function purgeExpired(
    store: LedgerStore,
    pending: PendingState,
    batch: LedgerBatch,
    blockNum: bigint,
): Promise<void> {
    for (const entry of await store.expiringAt(blockNum)) {
        batch.unscheduleExpiry(blockNum, entry);
        if (entry.kind === 'writeSet') {
            batch.deleteWriteSet(entry.mspId, entry.blockNum, entry.txNum, entry.namespace, entry.collection);
            continue;
        }
        const { namespace, collection, hash, key, committingBlock } = entry;
        const hashed = await pending.getHashed(namespace, collection, hash);
        if (hashed?.version.blockNum === committingBlock) {
            pending.setHashed(namespace, collection, hash, null);
        }
        if (key === undefined) {
            continue;
        }
        for (const mspId of entry.memberMspIds) {
            const own = await pending.getPrivate(mspId, namespace, collection, key);
            if (own?.version.blockNum === committingBlock) {
                pending.setPrivate(mspId, namespace, collection, key, null);
            }
        }
    }
}

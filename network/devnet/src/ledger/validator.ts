// The committer's read-set validation (Fabric's txmgmt/validation): each transaction of a block, in order, against
// the committed state plus the writes of the block's earlier valid transactions.
import { peer } from '@hyperledger/fabric-protos';
import { bytesEqual, compareKeys } from './bytes';
import { summarizeRangeReads, type KeyRead } from './range-query-results';
import { decodeTxRwSet, type NsRwSet, type RangeQueryInfo, type TxRwSet } from './rwset';
import type { LedgerStore } from './store';
import { sameVersion, type Version } from './version';

const Code = peer.TxValidationCode;

export interface TxToValidate {
    readonly txId: string;
    /** rwset.TxReadWriteSet bytes (ChaincodeAction.results). */
    readonly results: Uint8Array;
}

interface PublicUpdate {
    readonly deleted: boolean;
    readonly version: Version;
}

/** Keys written by the block's earlier valid transactions. */
class BlockUpdates {
    readonly #public = new Map<string, Map<string, PublicUpdate>>();
    readonly #hashed = new Set<string>();

    hasPublic(namespace: string, key: string): boolean {
        return this.#public.get(namespace)?.has(key) ?? false;
    }

    publicUpdates(namespace: string): ReadonlyMap<string, PublicUpdate> {
        return this.#public.get(namespace) ?? new Map<string, PublicUpdate>();
    }

    hasHashed(namespace: string, collection: string, keyHash: Uint8Array): boolean {
        return this.#hashed.has(hashedId(namespace, collection, keyHash));
    }

    /** A metadata-only write updates a key only when the key exists (Fabric drops it otherwise). */
    async apply(store: LedgerStore, rwset: TxRwSet, version: Version): Promise<void> {
        for (const ns of rwset) {
            const updates = this.#namespace(ns.namespace);
            for (const write of ns.writes) {
                updates.set(write.key, { deleted: write.isDelete, version });
            }
            for (const { key } of ns.metadataWrites) {
                const pending = updates.get(key);
                const exists = pending ? !pending.deleted : (await store.getState(ns.namespace, key)) !== undefined;
                if (exists && !ns.writes.some((write) => write.key === key)) {
                    updates.set(key, { deleted: false, version });
                }
            }
            await this.#applyHashed(store, ns);
        }
    }

    async #applyHashed(store: LedgerStore, ns: NsRwSet): Promise<void> {
        for (const collection of ns.collections) {
            for (const write of collection.hashedWrites) {
                this.#hashed.add(hashedId(ns.namespace, collection.collection, write.keyHash));
            }
            for (const { keyHash } of collection.metadataWrites) {
                const id = hashedId(ns.namespace, collection.collection, keyHash);
                if (this.#hashed.has(id) || (await store.getHashed(ns.namespace, collection.collection, keyHash))) {
                    this.#hashed.add(id);
                }
            }
        }
    }

    #namespace(namespace: string): Map<string, PublicUpdate> {
        let updates = this.#public.get(namespace);
        if (!updates) {
            updates = new Map();
            this.#public.set(namespace, updates);
        }
        return updates;
    }
}

function hashedId(namespace: string, collection: string, keyHash: Uint8Array): string {
    return JSON.stringify([namespace, collection, Buffer.from(keyHash).toString('hex')]);
}

function inRange(key: string, info: RangeQueryInfo, includeEnd: boolean): boolean {
    if (compareKeys(key, info.startKey) < 0) {
        return false;
    }
    if (info.endKey === '') {
        return true;
    }
    const order = compareKeys(key, info.endKey);
    return includeEnd ? order <= 0 : order < 0;
}

/** Re-runs a recorded range query on committed state plus the block's earlier writes. */
async function rerunRange(store: LedgerStore, namespace: string, info: RangeQueryInfo, updates: BlockUpdates) {
    // A query not read to its end observed only the keys up to the last one read, which is its recorded end key.
    const includeEnd = !info.itrExhausted;
    const versions = new Map<string, Version>();
    const cursor = store.stateCursor(namespace, info.startKey, info.endKey, includeEnd);
    try {
        for (let entry = await cursor.next(); entry; entry = await cursor.next()) {
            versions.set(entry.key, entry.record.version);
        }
    } finally {
        cursor.close();
    }
    for (const [key, update] of updates.publicUpdates(namespace)) {
        if (!inRange(key, info, includeEnd)) {
            continue;
        }
        if (update.deleted) {
            versions.delete(key);
        } else {
            versions.set(key, update.version);
        }
    }
    return [...versions.entries()]
        .sort(([a], [b]) => compareKeys(a, b))
        .map(([key, version]): KeyRead => ({ key, version }));
}

function sameReads(recorded: readonly KeyRead[], current: readonly KeyRead[]): boolean {
    return (
        recorded.length === current.length &&
        recorded.every((read, index) => {
            const other = current[index];
            return other !== undefined && read.key === other.key && sameVersion(read.version, other.version);
        })
    );
}

async function rangeUnchanged(
    store: LedgerStore,
    namespace: string,
    info: RangeQueryInfo,
    updates: BlockUpdates,
): Promise<boolean> {
    const current = await rerunRange(store, namespace, info, updates);
    if (!info.merkle) {
        return sameReads(info.rawReads ?? [], current);
    }
    const { merkle } = summarizeRangeReads(current, info.merkle.maxDegree);
    return (
        merkle !== undefined &&
        merkle.maxLevel === info.merkle.maxLevel &&
        merkle.maxLevelHashes.length === info.merkle.maxLevelHashes.length &&
        merkle.maxLevelHashes.every((hash, index) => bytesEqual(hash, info.merkle?.maxLevelHashes[index]))
    );
}

async function readsValid(store: LedgerStore, ns: NsRwSet, updates: BlockUpdates): Promise<boolean> {
    for (const read of ns.reads) {
        if (updates.hasPublic(ns.namespace, read.key)) {
            return false;
        }
        const committed = await store.getState(ns.namespace, read.key);
        if (!sameVersion(committed?.version, read.version)) {
            return false;
        }
    }
    return true;
}

async function hashedReadsValid(store: LedgerStore, ns: NsRwSet, updates: BlockUpdates): Promise<boolean> {
    for (const collection of ns.collections) {
        for (const read of collection.hashedReads) {
            if (updates.hasHashed(ns.namespace, collection.collection, read.keyHash)) {
                return false;
            }
            const committed = await store.getHashed(ns.namespace, collection.collection, read.keyHash);
            if (!sameVersion(committed?.version, read.version)) {
                return false;
            }
        }
    }
    return true;
}

async function validateTx(store: LedgerStore, rwset: TxRwSet, updates: BlockUpdates): Promise<number> {
    for (const ns of rwset) {
        if (!(await readsValid(store, ns, updates))) {
            return Code.MVCC_READ_CONFLICT;
        }
        for (const info of ns.rangeQueries) {
            if (!(await rangeUnchanged(store, ns.namespace, info, updates))) {
                return Code.PHANTOM_READ_CONFLICT;
            }
        }
        if (!(await hashedReadsValid(store, ns, updates))) {
            return Code.MVCC_READ_CONFLICT;
        }
    }
    return Code.VALID;
}

/**
 * Validation codes (peer.TxValidationCode) for a block's transactions, in order: VALID, MVCC_READ_CONFLICT,
 * PHANTOM_READ_CONFLICT, or BAD_RWSET when the results cannot be decoded. Transactions whose index is in
 * alreadyInvalid are not checked and do not count as writers; their entry is NOT_VALIDATED.
 * Call it once the previous block is committed, before committing this one.
 */
export async function validateReadSets(
    store: LedgerStore,
    txs: readonly TxToValidate[],
    alreadyInvalid: ReadonlySet<number> = new Set(),
): Promise<number[]> {
    const blockNum = Number(await store.height());
    const updates = new BlockUpdates();
    const codes: number[] = [];
    for (const [txNum, tx] of txs.entries()) {
        if (alreadyInvalid.has(txNum)) {
            codes.push(Code.NOT_VALIDATED);
            continue;
        }
        let rwset: TxRwSet;
        try {
            rwset = decodeTxRwSet(tx.results);
        } catch {
            codes.push(Code.BAD_RWSET);
            continue;
        }
        const code = await validateTx(store, rwset, updates);
        if (code === Code.VALID) {
            await updates.apply(store, rwset, { blockNum, txNum });
        }
        codes.push(code);
    }
    return codes;
}

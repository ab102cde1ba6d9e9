// Commits a validated block in one LevelDB batch: the block, the transaction index (every transaction, so
// duplicate IDs are detectable), the valid transactions' public writes, metadata, history, hashes of private data
// (on every peer), cleartext private data and private write sets (at the collection's member organisations), the
// expiry schedule of that private data and the purge of what expires with this block. One batch is one atomic
// LevelDB write: after a crash the ledger holds every block up to some height, each with all of its effects.
import { peer } from '@hyperledger/fabric-protos';
import { bytesEqual, keyHash, sha256 } from './bytes';
import {
    decodePrivateRwSet,
    decodeTxRwSet,
    type CollectionHashedRwSet,
    type KeyWrite,
    type Metadata,
    type NsRwSet,
    type PrivateCollectionWrites,
    type PrivateWriteSet,
    type TxRwSet,
} from './rwset';
import { ExpirySchedule, NEVER_EXPIRES, purgeExpired, type BlockToLive } from './expiry';
import { PendingState } from './pending-state';
import { LedgerBatch, type LedgerStore } from './store';
import type { Timestamp, VersionedValue } from './store-records';
import type { Version } from './version';

export interface TxToCommit {
    readonly txId: string;
    /** peer.TxValidationCode; only VALID transactions change state. */
    readonly code: number;
    /** rwset.TxReadWriteSet bytes (may be empty for transactions invalidated before their rwset was read). */
    readonly results: Uint8Array;
    /** The transaction's channel header timestamp, kept in key history. */
    readonly timestamp: Timestamp;
    /** Cleartext private writes from the endorsement, when the transaction wrote private data. */
    readonly privateWrites?: PrivateWriteSet;
}

export interface BlockToCommit {
    readonly number: bigint;
    /** common.Block bytes. */
    readonly bytes: Uint8Array;
    readonly txs: readonly TxToCommit[];
    /** Each collection's blockToLive, for the expiry of the private data this block commits; default: never. */
    readonly blockToLive?: BlockToLive;
}

const NO_METADATA: Metadata = new Map();

/** Fabric's per-key outcome of a write and/or a metadata write in one transaction. */
async function nextRecord(
    write: { readonly value: Uint8Array; readonly isDelete: boolean } | undefined,
    metadata: Metadata | undefined,
    version: Version,
    latest: () => Promise<VersionedValue | undefined>,
): Promise<VersionedValue | null | undefined> {
    if (write?.isDelete) {
        return null;
    }
    if (write) {
        return { value: write.value, version, metadata: metadata ?? (await latest())?.metadata ?? NO_METADATA };
    }
    const current = await latest();
    // Metadata for a key that does not exist is dropped.
    return current && metadata ? { value: current.value, version, metadata } : undefined;
}

function unionKeys(...lists: readonly (readonly string[])[]): string[] {
    return [...new Set(lists.flat())];
}

/** What applying the transactions of one block shares. */
interface BlockCommit {
    readonly number: bigint;
    readonly pending: PendingState;
    readonly batch: LedgerBatch;
    readonly expiry: ExpirySchedule;
}

class TxApplier {
    readonly #pending: PendingState;
    readonly #batch: LedgerBatch;
    readonly #block: BlockCommit;
    readonly #tx: TxToCommit;
    readonly #version: Version;

    constructor(block: BlockCommit, tx: TxToCommit, version: Version) {
        this.#block = block;
        this.#pending = block.pending;
        this.#batch = block.batch;
        this.#tx = tx;
        this.#version = version;
    }

    async apply(rwset: readonly NsRwSet[]): Promise<void> {
        for (const ns of rwset) {
            await this.#applyPublic(ns);
            for (const collection of ns.collections) {
                await this.#applyHashed(ns.namespace, collection);
                await this.#applyPrivate(ns.namespace, collection);
            }
        }
    }

    async #applyPublic(ns: NsRwSet): Promise<void> {
        const writes = new Map(ns.writes.map((write) => [write.key, write]));
        const metadata = new Map(ns.metadataWrites.map((write) => [write.key, write.entries]));
        for (const key of unionKeys([...writes.keys()], [...metadata.keys()])) {
            const write = writes.get(key);
            const record = await nextRecord(write, metadata.get(key), this.#version, () =>
                this.#pending.getPublic(ns.namespace, key),
            );
            if (record !== undefined) {
                this.#pending.setPublic(ns.namespace, key, record);
            }
            if (write) {
                this.#addHistory(ns.namespace, write);
            }
        }
    }

    async #applyHashed(namespace: string, collection: CollectionHashedRwSet): Promise<void> {
        const hex = (hash: Uint8Array): string => Buffer.from(hash).toString('hex');
        const writes = new Map(collection.hashedWrites.map((write) => [hex(write.keyHash), write]));
        const metadata = new Map(collection.metadataWrites.map((write) => [hex(write.keyHash), write.entries]));
        for (const id of unionKeys([...writes.keys()], [...metadata.keys()])) {
            const hash = Buffer.from(id, 'hex');
            const write = writes.get(id);
            const asWrite = write && { value: write.valueHash, isDelete: write.isDelete || write.isPurge };
            const record = await nextRecord(asWrite, metadata.get(id), this.#version, () =>
                this.#pending.getHashed(namespace, collection.collection, hash),
            );
            if (record !== undefined) {
                this.#pending.setHashed(namespace, collection.collection, hash, record);
            }
            if (record) {
                this.#block.expiry.hashedWritten(namespace, collection.collection, hash);
            }
            if (write?.isPurge) {
                // The stored write sets of earlier transactions no longer show this key (Fabric's purge marker).
                this.#batch.putPurgeMarker(namespace, collection.collection, hash, this.#version);
            }
        }
    }

    async #applyPrivate(namespace: string, hashed: CollectionHashedRwSet): Promise<void> {
        const cleartext = this.#privateWrites(namespace, hashed);
        if (!cleartext) {
            return;
        }
        const { writes, metadataKeys } = decodePrivateRwSet(cleartext.rwset);
        const written = new Set(writes.map((write) => write.key));
        const collection = hashed.collection;
        const { expiry } = this.#block;
        for (const write of writes.filter((candidate) => !candidate.isDelete)) {
            expiry.privateWritten(namespace, collection, keyHash(write.key), write.key, cleartext.memberMspIds);
        }
        for (const mspId of cleartext.memberMspIds) {
            for (const write of writes) {
                const record = write.isDelete
                    ? null
                    : { value: write.value, version: this.#version, metadata: NO_METADATA };
                this.#pending.setPrivate(mspId, namespace, collection, write.key, record);
            }
            // A metadata-only change still moves the private value to the new version, matching its hash's version.
            for (const key of metadataKeys.filter((metadataKey) => !written.has(metadataKey))) {
                const current = await this.#pending.getPrivate(mspId, namespace, collection, key);
                if (current) {
                    this.#pending.setPrivate(mspId, namespace, collection, key, { ...current, version: this.#version });
                    expiry.privateWritten(namespace, collection, keyHash(key), key, [mspId]);
                }
            }
        }
    }

    #privateWrites(namespace: string, hashed: CollectionHashedRwSet): PrivateCollectionWrites | undefined {
        return verifiedPrivateWrites(this.#tx, namespace, hashed);
    }

    #addHistory(namespace: string, write: KeyWrite): void {
        this.#batch.addHistory(namespace, write.key, this.#version.blockNum, this.#version.txNum, {
            txId: this.#tx.txId,
            value: write.isDelete ? new Uint8Array() : write.value,
            isDelete: write.isDelete,
            timestamp: this.#tx.timestamp,
        });
    }
}

/** The cleartext for a collection, if supplied and matching the hash the endorsers signed. */
function verifiedPrivateWrites(
    tx: TxToCommit,
    namespace: string,
    hashed: CollectionHashedRwSet,
): PrivateCollectionWrites | undefined {
    const cleartext = tx.privateWrites?.find(
        (writes) => writes.namespace === namespace && writes.collection === hashed.collection,
    );
    return cleartext && bytesEqual(sha256(cleartext.rwset), hashed.pvtRwSetHash) ? cleartext : undefined;
}

/**
 * The member organisations' private data stores keep each transaction's write sets by block and transaction, for
 * Deliver with private data. Invalid transactions' too: a v2 channel's peers store them (application capability
 * StorePvtDataOfInvalidTx); only the state ignores them.
 */
function storeWriteSets(commit: BlockCommit, tx: TxToCommit, txNum: number): void {
    let rwset: TxRwSet;
    try {
        rwset = decodeTxRwSet(tx.results);
    } catch {
        return; // No rwset, no hashes to match private data against.
    }
    for (const ns of rwset) {
        for (const hashed of ns.collections) {
            const cleartext = verifiedPrivateWrites(tx, ns.namespace, hashed);
            if (!cleartext) {
                continue;
            }
            const record = { txNum, namespace: ns.namespace, collection: hashed.collection, rwset: cleartext.rwset };
            for (const mspId of cleartext.memberMspIds) {
                commit.batch.putWriteSet(mspId, commit.number, record);
                commit.expiry.writeSetStored(mspId, txNum, ns.namespace, hashed.collection);
            }
        }
    }
}

/** Commits the block atomically; it must be the next block (its number equals the ledger's height). */
export async function commitBlock(store: LedgerStore, block: BlockToCommit): Promise<void> {
    const height = await store.height();
    if (block.number !== height) {
        throw new Error(`block [${block.number}] cannot be committed: expected block [${height}]`);
    }
    const batch = new LedgerBatch();
    const commit: BlockCommit = {
        number: block.number,
        pending: new PendingState(store, batch),
        batch,
        expiry: new ExpirySchedule(block.number, block.blockToLive ?? NEVER_EXPIRES),
    };
    const indexed = new Set<string>();
    for (const [txNum, tx] of block.txs.entries()) {
        // The index keeps a transaction ID's first occurrence, as Fabric's block store answers with it.
        if (!indexed.has(tx.txId) && !(await store.hasTx(tx.txId))) {
            batch.putTx(tx.txId, { blockNumber: block.number, txNum, validationCode: tx.code });
            indexed.add(tx.txId);
        }
        if (tx.code === peer.TxValidationCode.VALID) {
            const version = { blockNum: Number(block.number), txNum };
            await new TxApplier(commit, tx, version).apply(decodeTxRwSet(tx.results));
        }
        if (tx.privateWrites && tx.privateWrites.length > 0) {
            storeWriteSets(commit, tx, txNum);
        }
    }
    commit.expiry.addTo(batch);
    await purgeExpired(store, commit.pending, batch, block.number);
    batch.putBlock(block.number, block.bytes);
    batch.setHeight(block.number + 1n);
    await store.write(batch);
}

// Commits a validated block in one LevelDB batch: the block, the transaction index (every transaction, so
// duplicate IDs are detectable), and the valid transactions' public writes, metadata, history, hashes of
// private data (on every peer) and cleartext private data (at the collection's member organisations).
import { peer } from '@hyperledger/fabric-protos';
import { bytesEqual, sha256 } from './bytes';
import {
    decodePrivateRwSet,
    decodeTxRwSet,
    type CollectionHashedRwSet,
    type KeyWrite,
    type Metadata,
    type NsRwSet,
    type PrivateCollectionWrites,
    type PrivateWriteSet,
} from './rwset';
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
}

const NO_METADATA: Metadata = new Map();

/** The latest value of each key touched so far in the block, over the committed state. */
class PendingState {
    readonly #store: LedgerStore;
    readonly #batch: LedgerBatch;
    readonly #values = new Map<string, VersionedValue | null>();

    constructor(store: LedgerStore, batch: LedgerBatch) {
        this.#store = store;
        this.#batch = batch;
    }

    async getPublic(namespace: string, key: string): Promise<VersionedValue | undefined> {
        return this.#get(['s', namespace, key], () => this.#store.getState(namespace, key));
    }

    setPublic(namespace: string, key: string, record: VersionedValue | null): void {
        this.#values.set(JSON.stringify(['s', namespace, key]), record);
        if (record) {
            this.#batch.putState(namespace, key, record);
        } else {
            this.#batch.deleteState(namespace, key);
        }
    }

    async getHashed(namespace: string, collection: string, hash: Uint8Array): Promise<VersionedValue | undefined> {
        const id = ['h', namespace, collection, Buffer.from(hash).toString('hex')];
        return this.#get(id, () => this.#store.getHashed(namespace, collection, hash));
    }

    setHashed(namespace: string, collection: string, hash: Uint8Array, record: VersionedValue | null): void {
        this.#values.set(JSON.stringify(['h', namespace, collection, Buffer.from(hash).toString('hex')]), record);
        if (record) {
            this.#batch.putHashed(namespace, collection, hash, record);
        } else {
            this.#batch.deleteHashed(namespace, collection, hash);
        }
    }

    async getPrivate(mspId: string, namespace: string, collection: string, key: string) {
        const id = ['p', mspId, namespace, collection, key];
        return this.#get(id, () => this.#store.getPrivate(mspId, namespace, collection, key));
    }

    setPrivate(mspId: string, namespace: string, collection: string, key: string, record: VersionedValue | null): void {
        this.#values.set(JSON.stringify(['p', mspId, namespace, collection, key]), record);
        if (record) {
            this.#batch.putPrivate(mspId, namespace, collection, key, record);
        } else {
            this.#batch.deletePrivate(mspId, namespace, collection, key);
        }
    }

    async #get(id: readonly string[], load: () => Promise<VersionedValue | undefined>) {
        const pending = this.#values.get(JSON.stringify(id));
        return pending === undefined ? load() : (pending ?? undefined);
    }
}

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

class TxApplier {
    readonly #pending: PendingState;
    readonly #batch: LedgerBatch;
    readonly #tx: TxToCommit;
    readonly #version: Version;

    constructor(pending: PendingState, batch: LedgerBatch, tx: TxToCommit, version: Version) {
        this.#pending = pending;
        this.#batch = batch;
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
        }
    }

    async #applyPrivate(namespace: string, hashed: CollectionHashedRwSet): Promise<void> {
        const cleartext = this.#privateWrites(namespace, hashed);
        if (!cleartext) {
            return;
        }
        const { writes, metadataKeys } = decodePrivateRwSet(cleartext.rwset);
        const written = new Set(writes.map((write) => write.key));
        for (const mspId of cleartext.memberMspIds) {
            for (const write of writes) {
                const record = write.isDelete
                    ? null
                    : { value: write.value, version: this.#version, metadata: NO_METADATA };
                this.#pending.setPrivate(mspId, namespace, hashed.collection, write.key, record);
            }
            // A metadata-only change still moves the private value to the new version, matching its hash's version.
            for (const key of metadataKeys.filter((metadataKey) => !written.has(metadataKey))) {
                const current = await this.#pending.getPrivate(mspId, namespace, hashed.collection, key);
                if (current) {
                    this.#pending.setPrivate(mspId, namespace, hashed.collection, key, {
                        ...current,
                        version: this.#version,
                    });
                }
            }
        }
    }

    /** The cleartext for a collection, if supplied and matching the hash the endorsers signed. */
    #privateWrites(namespace: string, hashed: CollectionHashedRwSet): PrivateCollectionWrites | undefined {
        const cleartext = this.#tx.privateWrites?.find(
            (writes) => writes.namespace === namespace && writes.collection === hashed.collection,
        );
        return cleartext && bytesEqual(sha256(cleartext.rwset), hashed.pvtRwSetHash) ? cleartext : undefined;
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

/** Commits the block atomically; it must be the next block (its number equals the ledger's height). */
export async function commitBlock(store: LedgerStore, block: BlockToCommit): Promise<void> {
    const height = await store.height();
    if (block.number !== height) {
        throw new Error(`block [${block.number}] cannot be committed: expected block [${height}]`);
    }
    const batch = new LedgerBatch();
    const pending = new PendingState(store, batch);
    const indexed = new Set<string>();
    for (const [txNum, tx] of block.txs.entries()) {
        // The index keeps a transaction ID's first occurrence, as Fabric's block store answers with it.
        if (!indexed.has(tx.txId) && !(await store.hasTx(tx.txId))) {
            batch.putTx(tx.txId, { blockNumber: block.number, txNum, validationCode: tx.code });
            indexed.add(tx.txId);
        }
        if (tx.code === peer.TxValidationCode.VALID) {
            const version = { blockNum: Number(block.number), txNum };
            await new TxApplier(pending, batch, tx, version).apply(decodeTxRwSet(tx.results));
        }
    }
    batch.putBlock(block.number, block.bytes);
    batch.setHeight(block.number + 1n);
    await store.write(batch);
}

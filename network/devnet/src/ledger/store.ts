// The devnet's ledger on disk: one LevelDB (as Fabric's peer uses) holding the public state, the hashes of private
// data, each organisation's private data, key history, blocks and the transaction index.
import { ClassicLevel } from 'classic-level';
import {
    HEIGHT_KEY,
    blockKey,
    expiryKey,
    expiryRange,
    purgeMarkerKey,
    stateExpiryId,
    writeSetExpiryId,
    writeSetKey,
    writeSetRange,
    hashedKey,
    historyKey,
    historyRange,
    keyInSpace,
    privateSpace,
    publicSpace,
    spaceKey,
    spaceRange,
    txKey,
    type KeyRange,
    type KeySpace,
} from './store-keys';
import {
    decodeExpiryEntry,
    decodeHistoryEntry,
    decodeTxRecord,
    decodeVersion,
    decodeVersionedValue,
    decodeWriteSet,
    encodeExpiryEntry,
    encodeHistoryEntry,
    encodeTxRecord,
    encodeVersion,
    encodeVersionedValue,
    encodeWriteSet,
    type ExpiryEntry,
    type HistoryEntry,
    type StoredWriteSet,
    type TxRecord,
    type VersionedValue,
} from './store-records';
import type { Version } from './version';

/**
 * What the store needs of its database: LevelDB's ordered key-value API with snapshots. ClassicLevel (on disk, as
 * Fabric's peer uses LevelDB) is one; an in-memory database for tests (src/testing) is another.
 */
export interface LedgerDatabase {
    get(key: Uint8Array, options?: { readonly snapshot?: LedgerDatabaseSnapshot }): Promise<Uint8Array | undefined>;
    iterator(range: KeyRange): LedgerDatabaseIterator;
    values(options: KeyRange & { readonly reverse?: boolean }): AsyncIterable<Uint8Array>;
    /** Applies the operations atomically; sync: only once they are on disk (fsync), where the database has one. */
    batch(operations: BatchOperation[], options?: { readonly sync?: boolean }): Promise<void>;
    snapshot(): LedgerDatabaseSnapshot;
    close(): Promise<void>;
}

export interface LedgerDatabaseIterator {
    next(): Promise<[Uint8Array, Uint8Array] | undefined>;
    close(): Promise<void>;
}

export interface LedgerDatabaseSnapshot {
    close(): Promise<void>;
}

type Db = LedgerDatabase;

export interface StateEntry {
    readonly key: string;
    readonly record: VersionedValue;
}

/** A pull cursor over committed entries in key order, with one-entry look-ahead. */
export interface StateCursor {
    next(): Promise<StateEntry | undefined>;
    /** The entry next() would return, without consuming it. */
    peek(): Promise<StateEntry | undefined>;
    close(): void;
}

export type BatchOperation =
    | { readonly type: 'put'; readonly key: Uint8Array; readonly value: Uint8Array }
    | { readonly type: 'del'; readonly key: Uint8Array };

/** Writes gathered for one atomic LevelDB batch. */
export class LedgerBatch {
    readonly #operations: BatchOperation[] = [];

    putState(namespace: string, key: string, record: VersionedValue): void {
        this.#put(spaceKey(publicSpace(namespace), key), encodeVersionedValue(record));
    }

    deleteState(namespace: string, key: string): void {
        this.#operations.push({ type: 'del', key: spaceKey(publicSpace(namespace), key) });
    }

    /** record.value holds the SHA-256 of the private value. */
    putHashed(namespace: string, collection: string, hash: Uint8Array, record: VersionedValue): void {
        this.#put(hashedKey(namespace, collection, hash), encodeVersionedValue(record));
    }

    deleteHashed(namespace: string, collection: string, hash: Uint8Array): void {
        this.#operations.push({ type: 'del', key: hashedKey(namespace, collection, hash) });
    }

    putPrivate(mspId: string, namespace: string, collection: string, key: string, record: VersionedValue): void {
        this.#put(spaceKey(privateSpace(mspId, namespace, collection), key), encodeVersionedValue(record));
    }

    deletePrivate(mspId: string, namespace: string, collection: string, key: string): void {
        this.#operations.push({ type: 'del', key: spaceKey(privateSpace(mspId, namespace, collection), key) });
    }

    addHistory(namespace: string, key: string, blockNum: number, txNum: number, entry: HistoryEntry): void {
        this.#put(historyKey(namespace, key, blockNum, txNum), encodeHistoryEntry(entry));
    }

    /** Stores an organisation's private write set of one collection in one transaction. */
    putWriteSet(mspId: string, blockNum: bigint, record: StoredWriteSet): void {
        const key = writeSetKey(mspId, blockNum, record.txNum, record.namespace, record.collection);
        this.#put(key, encodeWriteSet(record));
    }

    deleteWriteSet(mspId: string, blockNum: number, txNum: number, namespace: string, collection: string): void {
        this.#operations.push({ type: 'del', key: writeSetKey(mspId, blockNum, txNum, namespace, collection) });
    }

    /** Schedules the entry for purging with the commit of block expiringBlock. */
    scheduleExpiry(expiringBlock: bigint, entry: ExpiryEntry): void {
        this.#put(expiryKey(expiringBlock, expiryId(entry)), encodeExpiryEntry(entry));
    }

    unscheduleExpiry(expiringBlock: bigint, entry: ExpiryEntry): void {
        this.#operations.push({ type: 'del', key: expiryKey(expiringBlock, expiryId(entry)) });
    }

    /** Records an explicit purge of a private key at the given height. */
    putPurgeMarker(namespace: string, collection: string, hash: Uint8Array, height: Version): void {
        this.#put(purgeMarkerKey(namespace, collection, hash), encodeVersion(height));
    }

    putBlock(number: bigint, bytes: Uint8Array): void {
        this.#put(blockKey(number), bytes);
    }

    putTx(txId: string, record: TxRecord): void {
        this.#put(txKey(txId), encodeTxRecord(record));
    }

    setHeight(height: bigint): void {
        this.#put(HEIGHT_KEY, Buffer.from(height.toString(), 'utf8'));
    }

    get operations(): readonly BatchOperation[] {
        return this.#operations;
    }

    #put(key: Uint8Array, value: Uint8Array): void {
        this.#operations.push({ type: 'put', key, value });
    }
}

function expiryId(entry: ExpiryEntry): Buffer {
    return entry.kind === 'state'
        ? stateExpiryId(entry.committingBlock, entry.namespace, entry.collection, entry.hash)
        : writeSetExpiryId(writeSetKey(entry.mspId, entry.blockNum, entry.txNum, entry.namespace, entry.collection));
}

class LevelStateCursor implements StateCursor {
    readonly #iterator: LedgerDatabaseIterator;
    readonly #space: KeySpace;
    #lookahead: StateEntry | undefined;
    #hasLookahead = false;
    #closed = false;

    constructor(db: Db, space: KeySpace, range: KeyRange) {
        this.#space = space;
        this.#iterator = db.iterator(range);
    }

    async next(): Promise<StateEntry | undefined> {
        const entry = await this.peek();
        this.#hasLookahead = false;
        return entry;
    }

    async peek(): Promise<StateEntry | undefined> {
        if (this.#closed) {
            return undefined;
        }
        if (!this.#hasLookahead) {
            const item = await this.#iterator.next();
            this.#lookahead = item
                ? { key: keyInSpace(this.#space, item[0]), record: decodeVersionedValue(item[1]) }
                : undefined;
            this.#hasLookahead = true;
        }
        return this.#lookahead;
    }

    close(): void {
        if (!this.#closed) {
            this.#closed = true;
            void this.#iterator.close();
        }
    }
}

export class LedgerStore {
    readonly #db: Db;

    private constructor(db: Db) {
        this.#db = db;
    }

    /** Opens (creating if needed) the ledger kept in the directory. */
    static async open(dir: string): Promise<LedgerStore> {
        const db = new ClassicLevel<Uint8Array, Uint8Array>(dir, { keyEncoding: 'view', valueEncoding: 'view' });
        await db.open();
        return new LedgerStore(db);
    }

    /** A store over another database with LevelDB's semantics, such as an in-memory one for tests. */
    static over(db: LedgerDatabase): LedgerStore {
        return new LedgerStore(db);
    }

    async close(): Promise<void> {
        await this.#db.close();
    }

    async getState(namespace: string, key: string): Promise<VersionedValue | undefined> {
        return this.#getRecord(spaceKey(publicSpace(namespace), key));
    }

    /** Public keys from startKey (inclusive) to endKey (exclusive unless inclusiveEnd); '' endKey = to the end. */
    stateCursor(namespace: string, startKey: string, endKey: string, inclusiveEnd = false): StateCursor {
        const space = publicSpace(namespace);
        return new LevelStateCursor(this.#db, space, spaceRange(space, startKey, endKey, inclusiveEnd));
    }

    /** The hash of a private value (record.value) with its version and metadata; present on every peer. */
    async getHashed(namespace: string, collection: string, hash: Uint8Array): Promise<VersionedValue | undefined> {
        return this.#getRecord(hashedKey(namespace, collection, hash));
    }

    /** An organisation's copy of a private value (only member organisations hold one). */
    async getPrivate(
        mspId: string,
        namespace: string,
        collection: string,
        key: string,
    ): Promise<VersionedValue | undefined> {
        return this.#getRecord(spaceKey(privateSpace(mspId, namespace, collection), key));
    }

    /** An organisation's copy of a private value and its public hash, read from one snapshot so they agree. */
    async getPrivateWithHash(
        mspId: string,
        namespace: string,
        collection: string,
        key: string,
        hash: Uint8Array,
    ): Promise<{ own?: VersionedValue; hashed?: VersionedValue }> {
        const snapshot = this.#db.snapshot();
        try {
            const [own, hashed] = await Promise.all([
                this.#db.get(spaceKey(privateSpace(mspId, namespace, collection), key), { snapshot }),
                this.#db.get(hashedKey(namespace, collection, hash), { snapshot }),
            ]);
            return {
                ...(own ? { own: decodeVersionedValue(own) } : {}),
                ...(hashed ? { hashed: decodeVersionedValue(hashed) } : {}),
            };
        } finally {
            await snapshot.close();
        }
    }

    privateCursor(mspId: string, namespace: string, collection: string, startKey: string, endKey: string): StateCursor {
        const space = privateSpace(mspId, namespace, collection);
        return new LevelStateCursor(this.#db, space, spaceRange(space, startKey, endKey));
    }

    /** Every committed write of a public key, newest first. */
    async history(namespace: string, key: string): Promise<HistoryEntry[]> {
        const entries: HistoryEntry[] = [];
        for await (const value of this.#db.values({ ...historyRange(namespace, key), reverse: true })) {
            entries.push(decodeHistoryEntry(value));
        }
        return entries;
    }

    /** An organisation's private write sets of a block, in transaction, namespace and collection order. */
    async writeSets(mspId: string, blockNum: bigint): Promise<StoredWriteSet[]> {
        const records: StoredWriteSet[] = [];
        for await (const value of this.#db.values(writeSetRange(mspId, blockNum))) {
            records.push(decodeWriteSet(value));
        }
        return records;
    }

    /** What the commit of block expiringBlock must purge. */
    async expiringAt(expiringBlock: bigint): Promise<ExpiryEntry[]> {
        const entries: ExpiryEntry[] = [];
        for await (const value of this.#db.values(expiryRange(expiringBlock))) {
            entries.push(decodeExpiryEntry(value));
        }
        return entries;
    }

    /** The height of the latest explicit purge of a private key, if any. */
    async purgeMarker(namespace: string, collection: string, hash: Uint8Array): Promise<Version | undefined> {
        const bytes = await this.#db.get(purgeMarkerKey(namespace, collection, hash));
        return bytes ? decodeVersion(bytes) : undefined;
    }

    async getBlock(number: bigint): Promise<Uint8Array | undefined> {
        return this.#db.get(blockKey(number));
    }

    /** Where a transaction ID was first seen, and its validation code. */
    async getTx(txId: string): Promise<TxRecord | undefined> {
        const bytes = await this.#db.get(txKey(txId));
        return bytes ? decodeTxRecord(bytes) : undefined;
    }

    async hasTx(txId: string): Promise<boolean> {
        return (await this.#db.get(txKey(txId))) !== undefined;
    }

    /** Number of blocks committed (the next block's number). */
    async height(): Promise<bigint> {
        const bytes = await this.#db.get(HEIGHT_KEY);
        return bytes ? BigInt(Buffer.from(bytes).toString('utf8')) : 0n;
    }

    /**
     * Applies the batch atomically and durably: LevelDB writes it as one record of its log, and sync makes the call
     * return only once that record is on disk, so what a caller reports afterwards (a commit status) survives a
     * crash of the process or of the machine.
     */
    async write(batch: LedgerBatch): Promise<void> {
        await this.#db.batch([...batch.operations], { sync: true });
    }

    async #getRecord(key: Uint8Array): Promise<VersionedValue | undefined> {
        const bytes = await this.#db.get(key);
        return bytes ? decodeVersionedValue(bytes) : undefined;
    }
}

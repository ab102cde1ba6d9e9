// An in-memory database with the LevelDB semantics the ledger store relies on: keys ordered by their bytes, atomic
// batches, and iterators and snapshots that see the state as it was when they were created. The entries are an
// immutable sorted array replaced by each batch, so a snapshot or an open iterator is just the array it started on.
import type { BatchOperation, LedgerDatabase, LedgerDatabaseIterator, LedgerDatabaseSnapshot } from '../ledger/store';
import type { KeyRange } from '../ledger/store-keys';

interface Entry {
    readonly key: Buffer;
    readonly value: Uint8Array;
}

type Entries = readonly Entry[];

/** The index of the first entry whose key is >= key (or > key when after is set). */
function lowerBound(entries: Entries, key: Uint8Array, after = false): number {
    let low = 0;
    let high = entries.length;
    while (low < high) {
        const middle = (low + high) >>> 1;
        const order = Buffer.compare(entries[middle]?.key ?? Buffer.alloc(0), key);
        if (order < 0 || (after && order === 0)) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    return low;
}

/** The entries of a range, in key order. */
function slice(entries: Entries, range: KeyRange): Entries {
    const start = lowerBound(entries, range.gte);
    let end = entries.length;
    if (range.lt !== undefined) {
        end = lowerBound(entries, range.lt);
    } else if (range.lte !== undefined) {
        end = lowerBound(entries, range.lte, true);
    }
    return entries.slice(start, Math.max(start, end));
}

class MemorySnapshot implements LedgerDatabaseSnapshot {
    readonly entries: Entries;

    constructor(entries: Entries) {
        this.entries = entries;
    }

    close(): Promise<void> {
        return Promise.resolve();
    }
}

class MemoryIterator implements LedgerDatabaseIterator {
    readonly #entries: Entries;
    #position = 0;

    constructor(entries: Entries) {
        this.#entries = entries;
    }

    next(): Promise<[Uint8Array, Uint8Array] | undefined> {
        const entry = this.#entries[this.#position];
        this.#position += 1;
        return Promise.resolve(entry ? [entry.key, entry.value] : undefined);
    }

    close(): Promise<void> {
        this.#position = this.#entries.length;
        return Promise.resolve();
    }
}

export class MemoryDatabase implements LedgerDatabase {
    #entries: Entries = [];
    #closed = false;

    get(
        key: Uint8Array,
        options: { readonly snapshot?: LedgerDatabaseSnapshot } = {},
    ): Promise<Uint8Array | undefined> {
        if (this.#closed) {
            return Promise.reject(new Error('Database is not open'));
        }
        const entries = options.snapshot instanceof MemorySnapshot ? options.snapshot.entries : this.#entries;
        return Promise.resolve(MemoryDatabase.#find(entries, key));
    }

    iterator(range: KeyRange): LedgerDatabaseIterator {
        this.#checkOpen();
        return new MemoryIterator(slice(this.#entries, range));
    }

    async *values(options: KeyRange & { readonly reverse?: boolean }): AsyncIterable<Uint8Array> {
        this.#checkOpen();
        const entries = slice(this.#entries, options);
        const ordered = options.reverse === true ? [...entries].reverse() : entries;
        for (const entry of ordered) {
            yield await Promise.resolve(entry.value);
        }
    }

    /** LevelDB's sync option (durability) means nothing in memory, so batch takes no options. */
    batch(operations: BatchOperation[]): Promise<void> {
        this.#checkOpen();
        this.writeSync(operations);
        return Promise.resolve();
    }

    snapshot(): LedgerDatabaseSnapshot {
        this.#checkOpen();
        return new MemorySnapshot(this.#entries);
    }

    close(): Promise<void> {
        this.#closed = true;
        return Promise.resolve();
    }

    /** Reads one key at once, for test assertions that cannot wait. */
    getSync(key: Uint8Array): Uint8Array | undefined {
        return MemoryDatabase.#find(this.#entries, key);
    }

    /** The entries of a range at once, in key order. */
    rangeSync(range: KeyRange): readonly (readonly [Uint8Array, Uint8Array])[] {
        return slice(this.#entries, range).map((entry) => [entry.key, entry.value] as const);
    }

    /** Applies the operations atomically, in order (a later operation on the same key wins). */
    writeSync(operations: readonly BatchOperation[]): void {
        const next = [...this.#entries];
        for (const operation of operations) {
            const key = Buffer.from(operation.key);
            const index = lowerBound(next, key);
            const exists = next[index]?.key.equals(key) === true;
            if (operation.type === 'put') {
                next.splice(index, exists ? 1 : 0, { key, value: Uint8Array.from(operation.value) });
            } else if (exists) {
                next.splice(index, 1);
            }
        }
        this.#entries = next;
    }

    #checkOpen(): void {
        if (this.#closed) {
            throw new Error('Database is not open');
        }
    }

    static #find(entries: Entries, key: Uint8Array): Uint8Array | undefined {
        const entry = entries[lowerBound(entries, key)];
        return entry && Buffer.compare(entry.key, key) === 0 ? entry.value : undefined;
    }
}

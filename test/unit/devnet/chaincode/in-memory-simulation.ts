// A test double of the ledger's Simulation: state held in maps, every call recorded, and hooks to make a call
// fail or wait, so the chaincode runtime's tests can assert what the chaincode asked of the ledger.
import {
    type Collection,
    type KeyModification,
    type KeyValue,
    type PageRequest,
    type QueryIterator,
    type Simulation,
    SimulationError,
} from '../../../../network/devnet/src/ledger/simulation';

export interface Write {
    readonly collection: Collection;
    readonly key: string;
    /** undefined for a delete. */
    readonly value: string | undefined;
}

export interface MetadataWrite {
    readonly collection: Collection;
    readonly key: string;
    readonly name: string;
    readonly value: string;
}

/** The world state a simulation reads: public and private values, their metadata, hashes and key histories. */
export class InMemoryWorldState {
    readonly values = new Map<string, Uint8Array>();
    readonly metadata = new Map<string, Map<string, Uint8Array>>();
    readonly privateHashes = new Map<string, Uint8Array>();
    readonly history = new Map<string, KeyModification[]>();

    static slot(collection: Collection, key: string): string {
        return `${collection}\u0000${key}`;
    }

    set(collection: Collection, key: string, value: string): void {
        this.values.set(InMemoryWorldState.slot(collection, key), Buffer.from(value));
    }

    sortedKeys(collection: Collection): string[] {
        const prefix = InMemoryWorldState.slot(collection, '');
        return [...this.values.keys()]
            .filter((slot) => slot.startsWith(prefix))
            .map((slot) => slot.slice(prefix.length))
            .sort();
    }
}

export class RecordingIterator<T> implements QueryIterator<T> {
    readonly nextCalls: number[] = [];
    closed = false;
    readonly #items: T[];
    readonly #page: { readonly metadata: { fetchedRecordsCount: number; bookmark: string } } | undefined;

    constructor(items: T[], bookmark?: string) {
        this.#items = items;
        this.#page = bookmark === undefined ? undefined : { metadata: { fetchedRecordsCount: items.length, bookmark } };
    }

    next(max: number): Promise<{ items: T[]; hasMore: boolean }> {
        this.nextCalls.push(max);
        const items = this.#items.splice(0, max);
        return Promise.resolve({ items, hasMore: this.#items.length > 0 });
    }

    close(): void {
        this.closed = true;
    }

    pageMetadata(): { fetchedRecordsCount: number; bookmark: string } | undefined {
        return this.#page?.metadata;
    }
}

export class InMemorySimulation implements Simulation {
    readonly channel: string;
    readonly txId: string;
    readonly namespace: string;
    readonly calls: string[] = [];
    readonly writes: Write[] = [];
    readonly metadataWrites: MetadataWrite[] = [];
    readonly purges: { collection: Collection; key: string }[] = [];
    readonly iterators: RecordingIterator<unknown>[] = [];
    readonly #world: InMemoryWorldState;
    readonly #failures = new Map<string, string>();
    readonly #gates = new Map<string, Promise<void>>();

    constructor(world: InMemoryWorldState, ids: { channel: string; txId: string; namespace: string }) {
        this.#world = world;
        this.channel = ids.channel;
        this.txId = ids.txId;
        this.namespace = ids.namespace;
    }

    /** getState of this key fails with a SimulationError carrying the message. */
    failOn(key: string, message: string): void {
        this.#failures.set(key, message);
    }

    /** getState of this key waits until the returned function is called. */
    holdOn(key: string): () => void {
        let release!: () => void;
        this.#gates.set(key, new Promise((resolve) => (release = resolve)));
        return () => {
            release();
        };
    }

    async getState(collection: Collection, key: string): Promise<Uint8Array | undefined> {
        this.calls.push(`getState(${collection},${key})`);
        await this.#gates.get(key);
        const failure = this.#failures.get(key);
        if (failure !== undefined) {
            throw new SimulationError(failure);
        }
        return this.#world.values.get(InMemoryWorldState.slot(collection, key));
    }

    getPrivateDataHash(collection: Collection, key: string): Promise<Uint8Array | undefined> {
        this.calls.push(`getPrivateDataHash(${collection},${key})`);
        return Promise.resolve(this.#world.privateHashes.get(InMemoryWorldState.slot(collection, key)));
    }

    putState(collection: Collection, key: string, value: Uint8Array): Promise<void> {
        this.calls.push(`putState(${collection},${key})`);
        this.writes.push({ collection, key, value: Buffer.from(value).toString() });
        return Promise.resolve();
    }

    deleteState(collection: Collection, key: string): Promise<void> {
        this.calls.push(`deleteState(${collection},${key})`);
        this.writes.push({ collection, key, value: undefined });
        return Promise.resolve();
    }

    purgePrivateData(collection: Collection, key: string): Promise<void> {
        this.calls.push(`purgePrivateData(${collection},${key})`);
        this.purges.push({ collection, key });
        return Promise.resolve();
    }

    getStateMetadata(collection: Collection, key: string): Promise<ReadonlyMap<string, Uint8Array>> {
        this.calls.push(`getStateMetadata(${collection},${key})`);
        return Promise.resolve(this.#world.metadata.get(InMemoryWorldState.slot(collection, key)) ?? new Map());
    }

    putStateMetadata(collection: Collection, key: string, name: string, value: Uint8Array): Promise<void> {
        this.calls.push(`putStateMetadata(${collection},${key},${name})`);
        this.metadataWrites.push({ collection, key, name, value: Buffer.from(value).toString() });
        return Promise.resolve();
    }

    openRangeQuery(
        collection: Collection,
        startKey: string,
        endKey: string,
        page?: PageRequest,
    ): Promise<QueryIterator<KeyValue>> {
        this.calls.push(`openRangeQuery(${collection},${startKey},${endKey},${pageText(page)})`);
        const keys = this.#world
            .sortedKeys(collection)
            .filter((key) => key >= startKey && (endKey === '' || key < endKey));
        return Promise.resolve(this.#record(this.#toKeyValues(collection, keys), page));
    }

    /** Rich queries here understand only {"selector": {field: value, ...}} with equality on top-level fields. */
    openRichQuery(collection: Collection, query: string, page?: PageRequest): Promise<QueryIterator<KeyValue>> {
        this.calls.push(`openRichQuery(${collection},${query},${pageText(page)})`);
        const selector = (JSON.parse(query) as { selector: Record<string, unknown> }).selector;
        const keys = this.#world.sortedKeys(collection).filter((key) => {
            const value = this.#world.values.get(InMemoryWorldState.slot(collection, key));
            const document = JSON.parse(Buffer.from(value ?? []).toString()) as Record<string, unknown>;
            return Object.entries(selector).every(([field, wanted]) => document[field] === wanted);
        });
        const afterBookmark = page && page.bookmark !== '' ? keys.filter((key) => key >= page.bookmark) : keys;
        return Promise.resolve(this.#record(this.#toKeyValues(collection, afterBookmark), page));
    }

    openHistoryQuery(key: string): Promise<QueryIterator<KeyModification>> {
        this.calls.push(`openHistoryQuery(${key})`);
        return Promise.resolve(this.#record([...(this.#world.history.get(key) ?? [])]));
    }

    #toKeyValues(collection: Collection, keys: string[]): KeyValue[] {
        return keys.map((key) => ({ key, value: this.#world.values.get(InMemoryWorldState.slot(collection, key))! }));
    }

    /** A page ends after pageSize items; its bookmark is the key that would come next, '' at the end. */
    #record<T>(items: T[], page?: PageRequest): RecordingIterator<T> {
        let iterator: RecordingIterator<T>;
        if (page) {
            const pageItems = page.pageSize > 0 ? items.slice(0, page.pageSize) : items;
            const nextItem = items[pageItems.length] as KeyValue | undefined;
            iterator = new RecordingIterator(pageItems, nextItem?.key ?? '');
        } else {
            iterator = new RecordingIterator(items);
        }
        this.iterators.push(iterator);
        return iterator;
    }
}

function pageText(page: PageRequest | undefined): string {
    return page ? `page ${page.pageSize} from '${page.bookmark}'` : 'all';
}

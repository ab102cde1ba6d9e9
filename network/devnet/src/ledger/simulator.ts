// Transaction simulation as Fabric's TxSimulator does it: reads see committed state only (no read-your-writes)
// and are recorded with their versions; writes, metadata writes and private writes go to the rwset; range queries
// are recorded for phantom-read validation; private data is read from the endorsing organisation's own store.
import { keyHash } from './bytes';
import { Collections, type CollectionDefinition } from './collections';
import { parseRichQuery, runRichQuery, type RichQueryResult } from './mango';
import { PulledQueryIterator, arraySource, type Paging, type Source } from './query-iterators';
import { RangeQueryResults } from './range-query-results';
import type { Metadata, RangeQueryInfo } from './rwset';
import { RwSetBuilder, type SimulationResults } from './rwset-builder';
import {
    SimulationError,
    type Collection,
    type KeyModification,
    type KeyValue,
    type PageRequest,
    type QueryIterator,
    type Simulation,
} from './simulation';
import type { LedgerStore, StateCursor, StateEntry } from './store';
import { formatVersion, sameVersion } from './version';

export interface SimulationContext {
    readonly store: LedgerStore;
    readonly channel: string;
    readonly txId: string;
    /** The chaincode being invoked. */
    readonly namespace: string;
    /** MSP ID of the client that signed the proposal (member-only read/write checks). */
    readonly creatorMspId: string;
    /** MSP ID of the endorsing peer's organisation (whose private data store is read). */
    readonly peerMspId: string;
    /** The chaincode's explicit collections. */
    readonly collections?: readonly CollectionDefinition[];
    /** The channel's application organisations, each of which has an implicit collection. */
    readonly channelMspIds?: readonly string[];
    /** The peer's state database (core.yaml ledger.state.stateDatabase); default goleveldb, as Fabric's. */
    readonly stateDatabase?: StateDatabase;
}

/**
 * Fabric's two state databases. On goleveldb the peer refuses rich (JSON) queries; on CouchDB it runs them, which
 * the devnet emulates with Mango semantics over its own store.
 */
export type StateDatabase = 'goleveldb' | 'CouchDB';
export const DEFAULT_STATE_DATABASE: StateDatabase = 'goleveldb';

/** A simulation the endorser drives: the chaincode handler uses the Simulation part, the endorser takes the results. */
export interface TxSimulation extends Simulation {
    /** Ends the simulation and returns what it recorded; the simulation cannot be used afterwards. */
    done(): SimulationResults;
    /** The same transaction seen from another chaincode (chaincode-to-chaincode calls share one rwset). */
    forNamespace(namespace: string, collections?: readonly CollectionDefinition[]): Simulation;
}

const EMPTY = new Uint8Array();

/** What a range query has read so far, as it will go into the rwset. */
class RangeRecorder {
    readonly #startKey: string;
    readonly #endKey: string;
    readonly #results = new RangeQueryResults();
    #lastKey = '';
    #exhausted = false;

    constructor(startKey: string, endKey: string) {
        this.#startKey = startKey;
        this.#endKey = endKey;
    }

    onItem(entry: StateEntry): void {
        this.#results.add({ key: entry.key, version: entry.record.version });
        this.#lastKey = entry.key;
    }

    onEnd(): void {
        this.#exhausted = true;
    }

    info(): RangeQueryInfo {
        return {
            startKey: this.#startKey,
            // Until the query ran to its end, only the keys up to the last one read were observed.
            endKey: this.#exhausted ? this.#endKey : this.#lastKey,
            itrExhausted: this.#exhausted,
            ...this.#results.done(),
        };
    }
}

/** State shared by all namespaces of one transaction. */
class TxState {
    readonly builder = new RwSetBuilder();
    readonly rangeQueries: { namespace: string; recorder: RangeRecorder }[] = [];
    readonly iterators: QueryIterator<unknown>[] = [];
    readonly txId: string;
    #writePerformed = false;
    #pvtQueriesPerformed = false;
    #paginatedQueriesPerformed = false;
    #done = false;

    constructor(txId: string) {
        this.txId = txId;
    }

    checkDone(): void {
        if (this.#done) {
            throw new SimulationError('this instance should not be used after calling Done()');
        }
    }

    checkWritePrecondition(): void {
        this.checkDone();
        if (this.#pvtQueriesPerformed) {
            throw new SimulationError(
                `txid [${this.txId}]: unsuppored transaction. Transaction has already performed queries on pvt data. Writes are not allowed`,
            );
        }
        if (this.#paginatedQueriesPerformed) {
            throw new SimulationError(
                `txid [${this.txId}]: unsuppored transaction. Transaction has already performed a paginated query. Writes are not allowed`,
            );
        }
        this.#writePerformed = true;
    }

    checkBeforePvtdataQueries(): void {
        if (this.#writePerformed) {
            throw new SimulationError(
                `txid [${this.txId}]: unsuppored transaction. Queries on pvt data is supported only in a read-only transaction`,
            );
        }
        this.#pvtQueriesPerformed = true;
    }

    checkBeforePaginatedQueries(): void {
        if (this.#writePerformed) {
            throw new SimulationError(
                `txid [${this.txId}]: unsuppored transaction. Paginated queries are supported only in a read-only transaction`,
            );
        }
        this.#paginatedQueriesPerformed = true;
    }

    finish(): SimulationResults {
        if (this.#done) {
            throw new SimulationError('this function should only be called once on a transaction simulator instance');
        }
        this.#done = true;
        this.iterators.forEach((iterator) => {
            iterator.close();
        });
        return this.builder.build(
            this.rangeQueries.map(({ namespace, recorder }) => ({ namespace, info: recorder.info() })),
        );
    }
}

function isPaginated(page: PageRequest | undefined): page is PageRequest {
    return page !== undefined && (page.pageSize > 0 || page.bookmark !== '');
}

/** Runs a synchronous step so that what it throws reaches the caller as a rejection. */
function settle<T>(step: () => T): Promise<T> {
    try {
        return Promise.resolve(step());
    } catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
}

function toKeyValue(entry: StateEntry): KeyValue {
    return { key: entry.key, value: entry.record.value };
}

async function readAll(cursor: StateCursor): Promise<StateEntry[]> {
    const entries: StateEntry[] = [];
    try {
        for (let entry = await cursor.next(); entry; entry = await cursor.next()) {
            entries.push(entry);
        }
    } finally {
        cursor.close();
    }
    return entries;
}

class NamespaceSimulation implements Simulation {
    readonly channel: string;
    readonly txId: string;
    readonly namespace: string;
    readonly #tx: TxState;
    readonly #context: SimulationContext;
    readonly #collections: Collections;

    constructor(
        tx: TxState,
        context: SimulationContext,
        namespace: string,
        collections: readonly CollectionDefinition[],
    ) {
        this.channel = context.channel;
        this.txId = context.txId;
        this.namespace = namespace;
        this.#tx = tx;
        this.#context = context;
        this.#collections = new Collections(context.channel, namespace, collections, context.channelMspIds ?? []);
    }

    get #store(): LedgerStore {
        return this.#context.store;
    }

    async getState(collection: Collection, key: string): Promise<Uint8Array | undefined> {
        if (collection === '') {
            this.#tx.checkDone();
            const record = await this.#store.getState(this.namespace, key);
            this.#tx.builder.addRead(this.namespace, key, record?.version);
            return record?.value;
        }
        this.#collections.checkAccess(collection, 'read', this.#context.creatorMspId);
        this.#collections.checkDefined(collection);
        this.#tx.checkDone();
        const { own, hashed } = await this.#store.getPrivateWithHash(
            this.#context.peerMspId,
            this.namespace,
            collection,
            key,
            keyHash(key),
        );
        // A peer of a non-member organisation holds the hash but not the data.
        if (!sameVersion(hashed?.version, own?.version)) {
            throw new SimulationError(
                `private data matching public hash version is not available. Public hash version = ${formatVersion(hashed?.version)}, Private data version = ${formatVersion(own?.version)}`,
            );
        }
        this.#tx.builder.addHashedRead(this.namespace, collection, key, own?.version);
        return own?.value;
    }

    async getPrivateDataHash(collection: Collection, key: string): Promise<Uint8Array | undefined> {
        this.#collections.checkDefined(collection);
        this.#tx.checkDone();
        const hashed = await this.#store.getHashed(this.namespace, collection, keyHash(key));
        this.#tx.builder.addHashedRead(this.namespace, collection, key, hashed?.version);
        return hashed?.value;
    }

    putState(collection: Collection, key: string, value: Uint8Array): Promise<void> {
        return settle(() => {
            this.#write(collection, key, value);
        });
    }

    deleteState(collection: Collection, key: string): Promise<void> {
        return settle(() => {
            this.#write(collection, key, EMPTY);
        });
    }

    purgePrivateData(collection: Collection, key: string): Promise<void> {
        return settle(() => {
            if (collection === '') {
                throw new SimulationError('only applicable for private data');
            }
            this.#write(collection, key, EMPTY, true);
        });
    }

    async getStateMetadata(collection: Collection, key: string): Promise<ReadonlyMap<string, Uint8Array>> {
        if (collection === '') {
            this.#tx.checkDone();
            const record = await this.#store.getState(this.namespace, key);
            this.#tx.builder.addRead(this.namespace, key, record?.version);
            return record?.metadata ?? new Map();
        }
        this.#collections.checkAccess(collection, 'read', this.#context.creatorMspId);
        this.#collections.checkDefined(collection);
        this.#tx.checkDone();
        const hashed = await this.#store.getHashed(this.namespace, collection, keyHash(key));
        this.#tx.builder.addHashedRead(this.namespace, collection, key, hashed?.version);
        return hashed?.metadata ?? new Map();
    }

    /** As the peer's handler does, the named entry becomes the key's whole metadata. */
    putStateMetadata(collection: Collection, key: string, name: string, value: Uint8Array): Promise<void> {
        return settle(() => {
            this.#writeMetadata(collection, key, new Map([[name, value]]));
        });
    }

    openRangeQuery(
        collection: Collection,
        startKey: string,
        endKey: string,
        page?: PageRequest,
    ): Promise<QueryIterator<KeyValue>> {
        return settle(() => this.#openRangeQuery(collection, startKey, endKey, page));
    }

    #openRangeQuery(
        collection: Collection,
        startKey: string,
        endKey: string,
        page: PageRequest | undefined,
    ): QueryIterator<KeyValue> {
        if (collection !== '') {
            // Fabric neither pages nor records range queries on private data.
            this.#checkPrivateQuery(collection);
            const cursor = this.#store.privateCursor(
                this.#context.peerMspId,
                this.namespace,
                collection,
                startKey,
                endKey,
            );
            return this.#track(new PulledQueryIterator(cursor, toKeyValue));
        }
        const paginated = isPaginated(page);
        if (paginated) {
            this.#tx.checkBeforePaginatedQueries();
        }
        this.#tx.checkDone();
        const start = paginated && page.bookmark !== '' ? page.bookmark : startKey;
        const recorder = new RangeRecorder(start, endKey);
        this.#tx.rangeQueries.push({ namespace: this.namespace, recorder });
        const paging: Paging<StateEntry> | undefined = paginated
            ? { pageSize: page.pageSize, bookmarkAfter: (_last, next) => next?.key ?? '' }
            : undefined;
        const iterator = new PulledQueryIterator(
            this.#store.stateCursor(this.namespace, start, endKey),
            toKeyValue,
            {
                onItem: (entry) => {
                    recorder.onItem(entry);
                },
                onEnd: () => {
                    recorder.onEnd();
                },
            },
            paging,
        );
        return this.#track(iterator);
    }

    async openRichQuery(collection: Collection, query: string, page?: PageRequest): Promise<QueryIterator<KeyValue>> {
        if (collection !== '') {
            this.#checkPrivateQuery(collection);
            this.#checkRichQueries('ExecuteQuery');
            const parsed = parseRichQuery(query);
            const entries = await readAll(
                this.#store.privateCursor(this.#context.peerMspId, this.namespace, collection, '', ''),
            );
            return this.#track(new PulledQueryIterator(arraySource(runRichQuery(parsed, entries, '')), toRichKeyValue));
        }
        const paginated = isPaginated(page);
        if (paginated) {
            this.#tx.checkBeforePaginatedQueries();
        }
        this.#tx.checkDone();
        this.#checkRichQueries(paginated ? 'ExecuteQueryWithMetadata' : 'ExecuteQuery');
        const parsed = parseRichQuery(query);
        const bookmark = paginated ? page.bookmark : '';
        const entries = await readAll(this.#store.stateCursor(this.namespace, '', ''));
        const results: Source<RichQueryResult> = arraySource(runRichQuery(parsed, entries, bookmark));
        // Rich query results are recorded as plain reads; Fabric does not re-run rich queries at validation.
        const onItem = (result: RichQueryResult): void => {
            this.#tx.builder.addRead(this.namespace, result.key, result.version);
        };
        const paging: Paging<RichQueryResult> | undefined = paginated
            ? { pageSize: page.pageSize, bookmarkAfter: (last) => last?.bookmark ?? (bookmark || parsed.bookmark) }
            : undefined;
        return this.#track(new PulledQueryIterator(results, toRichKeyValue, { onItem }, paging));
    }

    async openHistoryQuery(key: string): Promise<QueryIterator<KeyModification>> {
        this.#tx.checkDone();
        const history = await this.#store.history(this.namespace, key);
        return this.#track(new PulledQueryIterator(arraySource(history), (entry): KeyModification => entry));
    }

    #write(collection: Collection, key: string, value: Uint8Array, isPurge = false): void {
        if (collection === '') {
            this.#tx.checkWritePrecondition();
            this.#tx.builder.addWrite(this.namespace, key, value);
            return;
        }
        this.#collections.checkAccess(collection, 'write', this.#context.creatorMspId);
        const definition = this.#collections.checkDefined(collection);
        this.#tx.checkWritePrecondition();
        this.#tx.builder.addPrivateWrite(this.namespace, collection, definition.memberMspIds, key, value, isPurge);
    }

    #writeMetadata(collection: Collection, key: string, entries: Metadata): void {
        if (collection === '') {
            this.#tx.checkWritePrecondition();
            this.#tx.builder.addMetadataWrite(this.namespace, key, entries);
            return;
        }
        this.#collections.checkAccess(collection, 'write', this.#context.creatorMspId);
        const definition = this.#collections.checkDefined(collection);
        this.#tx.checkWritePrecondition();
        this.#tx.builder.addPrivateMetadataWrite(this.namespace, collection, definition.memberMspIds, key, entries);
    }

    /**
     * LevelDB's refusal, raised where Fabric's stateleveldb raises it: after the simulator's own checks (which a
     * refused query still counts, e.g. a refused paginated query still forbids later writes), before the query is
     * parsed. The operation names are the peer's (stateleveldb.go).
     */
    #checkRichQueries(operation: 'ExecuteQuery' | 'ExecuteQueryWithMetadata'): void {
        if ((this.#context.stateDatabase ?? DEFAULT_STATE_DATABASE) === 'goleveldb') {
            throw new SimulationError(`${operation} not supported for leveldb`);
        }
    }

    #checkPrivateQuery(collection: string): void {
        this.#collections.checkAccess(collection, 'read', this.#context.creatorMspId);
        this.#tx.checkBeforePvtdataQueries();
        this.#collections.checkDefined(collection);
        this.#tx.checkDone();
    }

    #track<T>(iterator: QueryIterator<T>): QueryIterator<T> {
        this.#tx.iterators.push(iterator);
        return iterator;
    }
}

function toRichKeyValue(result: RichQueryResult): KeyValue {
    return { key: result.key, value: result.value };
}

class TxSimulationImpl extends NamespaceSimulation implements TxSimulation {
    readonly #tx: TxState;
    readonly #context: SimulationContext;

    constructor(tx: TxState, context: SimulationContext) {
        super(tx, context, context.namespace, context.collections ?? []);
        this.#tx = tx;
        this.#context = context;
    }

    done(): SimulationResults {
        return this.#tx.finish();
    }

    forNamespace(namespace: string, collections: readonly CollectionDefinition[] = []): Simulation {
        return new NamespaceSimulation(this.#tx, this.#context, namespace, collections);
    }
}

/** Starts simulating one transaction proposal against the committed ledger. */
export function newSimulation(context: SimulationContext): TxSimulation {
    return new TxSimulationImpl(new TxState(context.txId), context);
}

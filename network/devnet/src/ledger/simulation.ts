// The seam between the chaincode protocol handler (chaincode/) and the ledger (ledger/):
// one Simulation per proposal, holding the transaction's reads and writes until it is done.

/** A collection name, or '' for the public (channel) state. */
export type Collection = string;

export interface KeyValue {
    readonly key: string;
    readonly value: Uint8Array;
}

export interface KeyModification {
    readonly txId: string;
    readonly value: Uint8Array;
    readonly timestamp: { readonly seconds: bigint; readonly nanos: number };
    readonly isDelete: boolean;
}

/** Paging request of the ...WithPagination stub calls. */
export interface PageRequest {
    readonly pageSize: number;
    readonly bookmark: string;
}

/** Paging response metadata (peer.QueryResponseMetadata). */
export interface PageMetadata {
    readonly fetchedRecordsCount: number;
    readonly bookmark: string;
}

/** An open query; the handler pulls results in batches, as the peer does (QUERY_STATE_NEXT). */
export interface QueryIterator<T> {
    next(max: number): Promise<{ items: T[]; hasMore: boolean }>;
    close(): void;
    /** Present when the query was opened with a PageRequest. Known once the page has been read. */
    pageMetadata(): PageMetadata | undefined;
}

/** Raised for stub calls the peer refuses (the message is what a real peer says). */
export class SimulationError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'SimulationError';
    }
}

export interface Simulation {
    readonly channel: string;
    readonly txId: string;
    readonly namespace: string;

    getState(collection: Collection, key: string): Promise<Uint8Array | undefined>;
    getPrivateDataHash(collection: Collection, key: string): Promise<Uint8Array | undefined>;
    putState(collection: Collection, key: string, value: Uint8Array): Promise<void>;
    deleteState(collection: Collection, key: string): Promise<void>;
    purgePrivateData(collection: Collection, key: string): Promise<void>;

    getStateMetadata(collection: Collection, key: string): Promise<ReadonlyMap<string, Uint8Array>>;
    putStateMetadata(collection: Collection, key: string, name: string, value: Uint8Array): Promise<void>;

    openRangeQuery(
        collection: Collection,
        startKey: string,
        endKey: string,
        page?: PageRequest,
    ): Promise<QueryIterator<KeyValue>>;
    openRichQuery(collection: Collection, query: string, page?: PageRequest): Promise<QueryIterator<KeyValue>>;
    openHistoryQuery(key: string): Promise<QueryIterator<KeyModification>>;
}

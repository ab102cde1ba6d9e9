// The open queries of one transaction, served to the shim in batches the way the peer serves them
// (core/chaincode/query_response_generator.go): 100 results per QueryResponse, has_more set only when another
// result is already known to exist, a paginated query answered in one response carrying QueryResponseMetadata.
import { randomUUID } from 'node:crypto';
import { peer } from '@hyperledger/fabric-protos';
import type { PageMetadata, PageRequest, QueryIterator } from '../ledger/simulation';

/** Results per QueryResponse between peer and shim (the peer's MaxResultLimit). */
export const QUERY_BATCH_SIZE = 100;
/** Results one query may return in total (core.yaml ledger.state.totalQueryLimit). */
export const DEFAULT_TOTAL_QUERY_LIMIT = 100_000;

interface Batch {
    readonly results: Uint8Array[];
    readonly hasMore: boolean;
    readonly page?: PageMetadata;
}

interface OpenQuery {
    nextBatch(): Promise<Batch>;
    close(): void;
}

class BatchedQuery<T> implements OpenQuery {
    readonly #iterator: QueryIterator<T>;
    readonly #encode: (item: T) => Uint8Array;
    readonly #page: PageRequest | undefined;
    readonly #totalLimit: number;
    readonly #buffer: T[] = [];
    #exhausted = false;
    #returned = 0;

    constructor(iterator: QueryIterator<T>, encode: (item: T) => Uint8Array, totalLimit: number, page?: PageRequest) {
        this.#iterator = iterator;
        this.#encode = encode;
        this.#totalLimit = totalLimit;
        this.#page = page;
    }

    async nextBatch(): Promise<Batch> {
        return this.#page ? this.#pageBatch(this.#page) : this.#streamBatch();
    }

    close(): void {
        this.#exhausted = true;
        this.#iterator.close();
    }

    async #streamBatch(): Promise<Batch> {
        const wanted = Math.min(QUERY_BATCH_SIZE, this.#totalLimit - this.#returned);
        // One result beyond the batch tells whether there is more, so has_more never promises an empty batch.
        await this.#fill(wanted + 1);
        const items = this.#buffer.splice(0, wanted);
        this.#returned += items.length;
        const hasMore = this.#buffer.length > 0 && this.#returned < this.#totalLimit;
        return { results: items.map(this.#encode), hasMore };
    }

    async #pageBatch(page: PageRequest): Promise<Batch> {
        const wanted = page.pageSize > 0 ? Math.min(page.pageSize, this.#totalLimit) : this.#totalLimit;
        await this.#fill(wanted);
        const items = this.#buffer.splice(0, wanted);
        const bookmark = this.#iterator.pageMetadata()?.bookmark ?? '';
        return {
            results: items.map(this.#encode),
            hasMore: false,
            page: { fetchedRecordsCount: items.length, bookmark },
        };
    }

    async #fill(count: number): Promise<void> {
        while (!this.#exhausted && this.#buffer.length < count) {
            const { items, hasMore } = await this.#iterator.next(count - this.#buffer.length);
            this.#buffer.push(...items);
            this.#exhausted = !hasMore || items.length === 0;
        }
    }
}

function toQueryResponse(id: string, batch: Batch): peer.QueryResponse {
    const response = new peer.QueryResponse();
    response.setId(id);
    response.setHasMore(batch.hasMore);
    response.setResultsList(
        batch.results.map((bytes) => {
            const result = new peer.QueryResultBytes();
            result.setResultbytes(bytes);
            return result;
        }),
    );
    if (batch.page) {
        const metadata = new peer.QueryResponseMetadata();
        metadata.setFetchedRecordsCount(batch.page.fetchedRecordsCount);
        metadata.setBookmark(batch.page.bookmark);
        response.setMetadata(metadata.serializeBinary());
    }
    return response;
}

export class QueryIteratorRegistry {
    readonly #queries = new Map<string, OpenQuery>();
    readonly #totalQueryLimit: number;

    constructor(totalQueryLimit: number = DEFAULT_TOTAL_QUERY_LIMIT) {
        this.#totalQueryLimit = totalQueryLimit;
    }

    /** Registers a newly opened query and answers with its first batch. */
    async open<T>(
        iterator: QueryIterator<T>,
        encode: (item: T) => Uint8Array,
        page?: PageRequest,
    ): Promise<peer.QueryResponse> {
        const id = randomUUID();
        this.#queries.set(id, new BatchedQuery(iterator, encode, this.#totalQueryLimit, page));
        return this.next(id);
    }

    /** QUERY_STATE_NEXT: the next batch; the query is closed once it has nothing more. */
    async next(id: string): Promise<peer.QueryResponse> {
        const query = this.#queries.get(id);
        if (!query) {
            throw new Error('query iterator not found');
        }
        try {
            const batch = await query.nextBatch();
            if (!batch.hasMore) {
                this.close(id);
            }
            return toQueryResponse(id, batch);
        } catch (err) {
            this.close(id);
            throw err;
        }
    }

    /** QUERY_STATE_CLOSE: closing an unknown or finished query is not an error, as on the peer. */
    close(id: string): peer.QueryResponse {
        const query = this.#queries.get(id);
        this.#queries.delete(id);
        query?.close();
        return toQueryResponse(id, { results: [], hasMore: false });
    }

    closeAll(): void {
        for (const id of [...this.#queries.keys()]) {
            this.close(id);
        }
    }

    get openCount(): number {
        return this.#queries.size;
    }
}

// Query iterators handed to the chaincode handler: they pull from a source on demand, so what a range query
// records (last key read, whether it ran to its end) matches what the peer's iterator would have read.
import type { PageMetadata, QueryIterator } from './simulation';

export interface Source<R> {
    next(): Promise<R | undefined>;
    peek(): Promise<R | undefined>;
    close(): void;
}

export interface QueryHooks<R> {
    /** Called for each result handed out. */
    onItem?(result: R): void;
    /** Called when the source is found exhausted. */
    onEnd?(): void;
}

export interface Paging<R> {
    /** Results per page; 0 means no limit. */
    readonly pageSize: number;
    /** The bookmark that continues after `last`; `next` is the result that would follow, if any. */
    bookmarkAfter(last: R | undefined, next: R | undefined): string;
}

export function arraySource<R>(items: readonly R[]): Source<R> {
    let index = 0;
    return {
        next: () => Promise.resolve(items[index++]),
        peek: () => Promise.resolve(items[index]),
        close: () => {
            index = items.length;
        },
    };
}

export class PulledQueryIterator<R, T> implements QueryIterator<T> {
    readonly #source: Source<R>;
    readonly #toItem: (result: R) => T;
    readonly #hooks: QueryHooks<R>;
    readonly #paging: Paging<R> | undefined;
    #delivered = 0;
    #last: R | undefined;
    #ended = false;
    #closed = false;
    #pageMetadata: PageMetadata | undefined;

    constructor(source: Source<R>, toItem: (result: R) => T, hooks: QueryHooks<R> = {}, paging?: Paging<R>) {
        this.#source = source;
        this.#toItem = toItem;
        this.#hooks = hooks;
        this.#paging = paging;
    }

    /** Up to max results; hasMore is false once the source (or the page) is known to be exhausted. */
    async next(max: number): Promise<{ items: T[]; hasMore: boolean }> {
        const items: T[] = [];
        while (items.length < max && !this.#ended && !this.#closed) {
            if (this.#pageFull()) {
                break;
            }
            const result = await this.#source.next();
            if (result === undefined) {
                this.#ended = true;
                this.#hooks.onEnd?.();
                this.#source.close();
                break;
            }
            this.#delivered++;
            this.#last = result;
            this.#hooks.onItem?.(result);
            items.push(this.#toItem(result));
        }
        if (this.#paging) {
            const following = this.#ended || this.#closed ? undefined : await this.#source.peek();
            this.#pageMetadata = {
                fetchedRecordsCount: this.#delivered,
                bookmark: this.#paging.bookmarkAfter(this.#last, following),
            };
        }
        return { items, hasMore: !this.#ended && !this.#closed && !this.#pageFull() && items.length === max };
    }

    close(): void {
        if (!this.#closed) {
            this.#closed = true;
            this.#source.close();
        }
    }

    pageMetadata(): PageMetadata | undefined {
        return this.#pageMetadata;
    }

    #pageFull(): boolean {
        return this.#paging !== undefined && this.#paging.pageSize > 0 && this.#delivered >= this.#paging.pageSize;
    }
}

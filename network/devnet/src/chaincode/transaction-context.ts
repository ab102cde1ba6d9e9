// The peer-side state of each transaction a chaincode is executing: its Simulation, its open queries,
// and the promise of the chaincode's final COMPLETED or ERROR message.
import type { peer } from '@hyperledger/fabric-protos';
import type { Simulation } from '../ledger/simulation';
import { QueryIteratorRegistry } from './query-registry';
import { transactionKey } from './messages';

export class TransactionContext {
    readonly channelId: string;
    readonly txId: string;
    readonly simulation: Simulation;
    readonly queries: QueryIteratorRegistry;
    readonly completion: Promise<peer.ChaincodeMessage>;
    #resolve!: (message: peer.ChaincodeMessage) => void;
    #reject!: (err: Error) => void;
    #requestPending = false;

    constructor(channelId: string, txId: string, simulation: Simulation, totalQueryLimit: number) {
        this.channelId = channelId;
        this.txId = txId;
        this.simulation = simulation;
        this.queries = new QueryIteratorRegistry(totalQueryLimit);
        this.completion = new Promise((resolve, reject) => {
            this.#resolve = resolve;
            this.#reject = reject;
        });
    }

    /** The shim sends one request per transaction at a time; false when one is already being served. */
    beginRequest(): boolean {
        if (this.#requestPending) {
            return false;
        }
        this.#requestPending = true;
        return true;
    }

    endRequest(): void {
        this.#requestPending = false;
    }

    complete(message: peer.ChaincodeMessage): void {
        this.#resolve(message);
    }

    fail(err: Error): void {
        this.#reject(err);
    }
}

export class TransactionContexts {
    readonly #contexts = new Map<string, TransactionContext>();
    readonly #totalQueryLimit: number;

    constructor(totalQueryLimit: number) {
        this.#totalQueryLimit = totalQueryLimit;
    }

    create(channelId: string, txId: string, simulation: Simulation): TransactionContext {
        const key = transactionKey(channelId, txId);
        if (this.#contexts.has(key)) {
            throw new Error(`txid: ${txId}(${channelId}) exists`);
        }
        const context = new TransactionContext(channelId, txId, simulation, this.#totalQueryLimit);
        this.#contexts.set(key, context);
        return context;
    }

    get(channelId: string, txId: string): TransactionContext | undefined {
        return this.#contexts.get(transactionKey(channelId, txId));
    }

    /** Ends a transaction: its queries are closed and later requests for it find no ledger context. */
    delete(context: TransactionContext): void {
        const key = transactionKey(context.channelId, context.txId);
        if (this.#contexts.get(key) === context) {
            this.#contexts.delete(key);
        }
        context.queries.closeAll();
    }

    failAll(err: (context: TransactionContext) => Error): void {
        for (const context of this.#contexts.values()) {
            context.fail(err(context));
        }
    }
}

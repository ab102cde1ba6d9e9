// The devnet's single ordering node for one channel: accepts envelopes, cuts batches, builds hash-chained blocks
// and hands them, strictly one at a time and in order, to the committer.
import { common } from '@hyperledger/fabric-protos';
import { BlockCutter, type BatchSettings } from './block-cutter';
import { blockHeaderHash, headerFields, newBlock } from './block';

/** Result of the orderer's broadcast filter, as in orderer.BroadcastResponse. */
export interface BroadcastStatus {
    readonly status: common.StatusMap[keyof common.StatusMap];
    readonly info: string;
}

export interface OrderingServiceOptions {
    readonly batch: BatchSettings;
    /** The last block already on the ledger (undefined for an empty ledger): ordering continues the chain. */
    readonly lastBlock?: common.Block;
    /** Checks an envelope before it is ordered (signature, format); returns a refusal or undefined to accept. */
    readonly filter: (envelope: Uint8Array) => BroadcastStatus | undefined;
    /** Called for each block, never concurrently; the next block waits for the returned promise. */
    readonly deliver: (block: common.Block) => Promise<void>;
    /** Reports a delivery failure (the devnet cannot recover from a failed commit, but must not crash silently). */
    readonly onError: (error: unknown) => void;
}

export class OrderingService {
    readonly #options: OrderingServiceOptions;
    readonly #cutter: BlockCutter;
    #nextNumber: bigint;
    #previousHash: Uint8Array;
    #delivery: Promise<void> = Promise.resolve();
    #stopped = false;

    constructor(options: Readonly<OrderingServiceOptions>) {
        this.#options = options;
        this.#cutter = new BlockCutter(options.batch, (batch) => {
            this.#enqueueBlock(batch);
        });
        if (options.lastBlock) {
            const last = headerFields(options.lastBlock);
            this.#nextNumber = last.number + 1n;
            this.#previousHash = blockHeaderHash(last);
        } else {
            this.#nextNumber = 0n;
            this.#previousHash = new Uint8Array();
        }
    }

    /** Broadcast: SUCCESS once the envelope is queued for ordering, or the filter's refusal. */
    broadcast(envelope: Uint8Array): BroadcastStatus {
        if (this.#stopped) {
            return { status: common.Status.SERVICE_UNAVAILABLE, info: 'the ordering service is stopping' };
        }
        const refusal = this.#options.filter(envelope);
        if (refusal) {
            return refusal;
        }
        this.#cutter.ordered(envelope);
        return { status: common.Status.SUCCESS, info: '' };
    }

    /** Orders a block of its own (the genesis config block), bypassing the cutter. */
    orderBlock(envelopes: Uint8Array[]): Promise<void> {
        this.#enqueueBlock(envelopes);
        return this.#delivery;
    }

    /** Cuts what is pending and resolves when every block has been delivered. */
    async stop(): Promise<void> {
        this.#stopped = true;
        this.#cutter.stop();
        await this.#delivery;
    }

    /** Resolves once every block cut so far has been delivered. */
    async flush(): Promise<void> {
        this.#cutter.cut();
        await this.#delivery;
    }

    #enqueueBlock(envelopes: Uint8Array[]): void {
        const block = newBlock(this.#nextNumber, this.#previousHash, envelopes);
        this.#previousHash = blockHeaderHash(headerFields(block));
        this.#nextNumber += 1n;
        this.#delivery = this.#delivery.then(() => this.#options.deliver(block)).catch(this.#options.onError);
    }
}

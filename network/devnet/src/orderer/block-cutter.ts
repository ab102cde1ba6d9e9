// Batches ordered envelopes into blocks the way Fabric's blockcutter does for the devnet's purposes:
// a batch is cut when it holds maxMessageCount envelopes, or batchTimeoutMs after its first envelope arrived.

export interface BatchSettings {
    readonly maxMessageCount: number;
    readonly batchTimeoutMs: number;
}

export type BatchSink = (batch: Uint8Array[]) => void;

export class BlockCutter {
    readonly #settings: BatchSettings;
    readonly #sink: BatchSink;
    #pending: Uint8Array[] = [];
    #timer: NodeJS.Timeout | undefined;

    constructor(settings: Readonly<BatchSettings>, sink: BatchSink) {
        if (!Number.isInteger(settings.maxMessageCount) || settings.maxMessageCount < 1) {
            throw new RangeError(`maxMessageCount must be a positive integer, got ${settings.maxMessageCount}`);
        }
        if (!(settings.batchTimeoutMs > 0)) {
            throw new RangeError(`batchTimeoutMs must be positive, got ${settings.batchTimeoutMs}`);
        }
        this.#settings = settings;
        this.#sink = sink;
    }

    /** Number of envelopes waiting for the next cut. */
    get pendingCount(): number {
        return this.#pending.length;
    }

    ordered(envelope: Uint8Array): void {
        this.#pending.push(envelope);
        if (this.#pending.length >= this.#settings.maxMessageCount) {
            this.cut();
            return;
        }
        // The timer runs from the first envelope of a batch, as Fabric's batch timeout does.
        this.#timer ??= setTimeout(() => {
            this.cut();
        }, this.#settings.batchTimeoutMs);
    }

    /** Cuts whatever is pending now (no-op when empty). */
    cut(): void {
        if (this.#timer) {
            clearTimeout(this.#timer);
            this.#timer = undefined;
        }
        if (this.#pending.length === 0) {
            return;
        }
        const batch = this.#pending;
        this.#pending = [];
        this.#sink(batch);
    }

    /** Stops the timer, dropping nothing: pending envelopes are cut first. */
    stop(): void {
        this.cut();
    }
}

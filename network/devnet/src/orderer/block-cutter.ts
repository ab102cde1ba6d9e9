// Batches ordered envelopes into blocks the way Fabric's blockcutter (orderer/common/blockcutter) does: a batch is
// cut when it holds maxMessageCount envelopes, when the next envelope would take it past preferredMaxBytes (an
// envelope larger than that gets a block of its own), or batchTimeoutMs after its first envelope arrived.

export interface BatchSettings {
    readonly maxMessageCount: number;
    readonly batchTimeoutMs: number;
    /** Default 2 MiB, as the real network's configtx (PreferredMaxBytes: 2 MB). */
    readonly preferredMaxBytes?: number;
}

const DEFAULT_PREFERRED_MAX_BYTES = 2 * 1024 * 1024;

export type BatchSink = (batch: Uint8Array[]) => void;

export class BlockCutter {
    readonly #settings: BatchSettings;
    readonly #preferredMaxBytes: number;
    readonly #sink: BatchSink;
    #pending: Uint8Array[] = [];
    #pendingBytes = 0;
    #timer: NodeJS.Timeout | undefined;

    constructor(settings: Readonly<BatchSettings>, sink: BatchSink) {
        if (!Number.isInteger(settings.maxMessageCount) || settings.maxMessageCount < 1) {
            throw new RangeError(`maxMessageCount must be a positive integer, got ${settings.maxMessageCount}`);
        }
        if (!(settings.batchTimeoutMs > 0)) {
            throw new RangeError(`batchTimeoutMs must be positive, got ${settings.batchTimeoutMs}`);
        }
        this.#preferredMaxBytes = settings.preferredMaxBytes ?? DEFAULT_PREFERRED_MAX_BYTES;
        if (!Number.isInteger(this.#preferredMaxBytes) || this.#preferredMaxBytes < 1) {
            throw new RangeError(`preferredMaxBytes must be a positive integer, got ${settings.preferredMaxBytes}`);
        }
        this.#settings = settings;
        this.#sink = sink;
    }

    /** Number of envelopes waiting for the next cut. */
    get pendingCount(): number {
        return this.#pending.length;
    }

    ordered(envelope: Uint8Array): void {
        if (envelope.length > this.#preferredMaxBytes) {
            this.cut();
            this.#sink([envelope]);
            return;
        }
        if (this.#pendingBytes + envelope.length > this.#preferredMaxBytes) {
            this.cut();
        }
        this.#pending.push(envelope);
        this.#pendingBytes += envelope.length;
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
        this.#pendingBytes = 0;
        this.#sink(batch);
    }

    /** Stops the timer, dropping nothing: pending envelopes are cut first. */
    stop(): void {
        this.cut();
    }
}

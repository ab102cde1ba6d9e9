// The typed events an application receives, and how it subscribes. Kept apart from the listener so the
// published declarations do not reach into @hyperledger/fabric-gateway's types.
import type { EventName, EventPayloads } from '@bia/model';
import type { RetryOptions } from '../transactions/retry';

/**
 * A chaincode event, typed by its name: `event.name` narrows `event.payload` to that event's payload type.
 * `transactionId` identifies it for idempotent handling (delivery is at least once).
 */
export type AssociationEvent = {
    [N in EventName]: {
        readonly name: N;
        readonly payload: EventPayloads[N];
        readonly transactionId: string;
        readonly blockNumber: bigint;
    };
}[EventName];

/** Where a listener starts, how hard it tries, and how it reports failures. */
export interface ListenOptions {
    /** Checkpoint file; the listener resumes after the last event recorded there. */
    readonly checkpointFile?: string;
    /** Where to start when there is no checkpoint (default: the next block). */
    readonly startBlock?: bigint;
    /**
     * Told of each event stream failure before the listener reconnects from its checkpoint, and, last, of the
     * `EventListenerError` it gives up with.
     */
    readonly onError?: (error: unknown) => void;
    /** How many times the handler is called with one event before the listener gives up (default 3). */
    readonly handlerAttempts?: number;
    /**
     * Reconnection after stream failures: consecutive attempts before giving up, and the jittered backoff between
     * them (default 8 attempts, 100 ms doubling to at most 5 s). A delivered event resets the count.
     */
    readonly reconnect?: Partial<RetryOptions>;
}

/**
 * A running listener. It stops when closed, or gives up with an `EventListenerError` (its handler failed on one
 * event `handlerAttempts` times, an event's payload was not JSON, or the stream could not be reopened); the checkpoint
 * then still points before the event that failed, so a listener started again from it receives that event first.
 */
export interface EventSubscription extends AsyncDisposable {
    /** Settles when the listener stops: resolves after `close()`, rejects with the EventListenerError it gave up with. */
    readonly done: Promise<void>;
    /** Stops listening; resolves when the current handler (if any) has returned. Closing again does nothing. */
    close(): Promise<void>;
    /** Stops listening, as {@link EventSubscription.close}. */
    [Symbol.asyncDispose](): Promise<void>;
}

/** Handles one event; the event is checkpointed when the returned promise resolves. */
export type EventHandler = (event: AssociationEvent) => Promise<void> | void;

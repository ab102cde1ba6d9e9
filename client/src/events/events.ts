// The typed events an application receives, and how it subscribes. Kept apart from the listener so the
// published declarations do not reach into @hyperledger/fabric-gateway's types.
import type { EventName, EventPayloads } from '@bia/model';

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

/** Where a listener starts and how it reports stream failures. */
export interface ListenOptions {
    /** Checkpoint file; the listener resumes after the last event recorded there. */
    readonly checkpointFile?: string;
    /** Where to start when there is no checkpoint (default: the next block). */
    readonly startBlock?: bigint;
    /** Called when the event stream fails; the listener then reconnects from its checkpoint. */
    readonly onError?: (error: unknown) => void;
}

/** A running listener. */
export interface EventSubscription {
    /** Stops listening; resolves when the current handler (if any) has returned. */
    close(): Promise<void>;
}

/** Handles one event; the event is checkpointed when the returned promise resolves. */
export type EventHandler = (event: AssociationEvent) => Promise<void> | void;

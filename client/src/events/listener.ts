// Typed chaincode events with a checkpoint, so a restarted listener resumes where it stopped.
// Delivery is at least once: an event is checkpointed only after its handler returns, so after a crash
// the last unacknowledged event is delivered again. Handlers should be idempotent (use transactionId).
// Nothing is retried forever: a handler that keeps failing on one event, a payload that is not JSON, or a stream
// that cannot be reopened stops the listener with an EventListenerError, the checkpoint still before that event.
import { setTimeout as delay } from 'node:timers/promises';
import {
    type ChaincodeEvent,
    type Checkpointer,
    type CloseableAsyncIterable,
    type Network,
    checkpointers,
} from '@hyperledger/fabric-gateway';
import { type EventName, isEventName } from '@bia/model';
import { EventListenerError } from '../errors';
import type { AssociationEvent, EventHandler, EventSubscription, ListenOptions } from './events';
import { type RetryOptions, backoffDelay } from '../transactions/retry';

/** The one thing the listener needs from fabric-gateway's Network: the seam unit tests replace. */
export type EventSource = Pick<Network, 'getChaincodeEvents'>;

/** Waiting and randomness, replaced in unit tests. `wait` resolves early when the signal aborts. */
export interface ListenerTiming {
    readonly wait: (ms: number, signal: AbortSignal) => Promise<void>;
    readonly random: () => number;
}

export const defaultReconnect: RetryOptions = { maxAttempts: 8, initialDelayMs: 100, maxDelayMs: 5000 };
export const defaultHandlerAttempts = 3;
/** Backoff between calls of a failing handler on one event. */
const handlerRetry: RetryOptions = { maxAttempts: defaultHandlerAttempts, initialDelayMs: 100, maxDelayMs: 2000 };

const realTiming: ListenerTiming = {
    wait: (ms, signal) => delay(ms, undefined, { signal }).catch(() => undefined),
    random: Math.random,
};

export async function listen(
    network: EventSource,
    chaincode: string,
    handler: EventHandler,
    options: ListenOptions = {},
    timing: ListenerTiming = realTiming,
): Promise<EventSubscription> {
    const checkpointer: Checkpointer =
        options.checkpointFile !== undefined
            ? await checkpointers.file(options.checkpointFile)
            : checkpointers.inMemory();
    const reconnect: RetryOptions = { ...defaultReconnect, ...options.reconnect };
    const handlerAttempts = Math.max(1, options.handlerAttempts ?? defaultHandlerAttempts);
    const stopped = new AbortController();
    const isClosed = (): boolean => stopped.signal.aborted;
    let stream: CloseableAsyncIterable<ChaincodeEvent> | undefined;

    const open = (): Promise<CloseableAsyncIterable<ChaincodeEvent>> =>
        network.getChaincodeEvents(chaincode, {
            checkpoint: checkpointer,
            ...(options.startBlock !== undefined ? { startBlock: options.startBlock } : {}),
        });

    /** Calls the handler, retrying with backoff; false when the listener was closed before it succeeded. */
    const handle = async (event: AssociationEvent): Promise<boolean> => {
        for (let attempt = 1; ; attempt++) {
            try {
                await handler(event);
                return true;
            } catch (error) {
                if (attempt >= handlerAttempts) {
                    throw new EventListenerError({
                        message: `event listener on chaincode ${chaincode} gave up: the handler failed ${attempt} times on ${event.name} of transaction ${event.transactionId} (block ${event.blockNumber}): ${messageOf(error)}`,
                        failed: 'handler',
                        attempts: attempt,
                        transactionId: event.transactionId,
                        blockNumber: event.blockNumber,
                        cause: error,
                    });
                }
            }
            await timing.wait(backoffDelay(handlerRetry, attempt, timing.random), stopped.signal);
            if (isClosed()) {
                return false;
            }
        }
    };

    const run = async (): Promise<void> => {
        for (let failures = 0; !isClosed();) {
            try {
                stream = await open();
                for await (const event of stream) {
                    const typed = decode(event, chaincode);
                    if (typed !== undefined && !(await handle(typed))) {
                        return;
                    }
                    await checkpointer.checkpointChaincodeEvent(event);
                    // Progress only once the checkpoint is saved: a checkpoint file that cannot be written is a
                    // failure that must count towards giving up, not be reset by the next event.
                    failures = 0;
                }
                if (!isClosed()) {
                    throw new Error('the event stream ended');
                }
            } catch (error) {
                if (error instanceof EventListenerError) {
                    throw error;
                }
                if (isClosed()) {
                    return;
                }
                failures++;
                if (failures >= reconnect.maxAttempts) {
                    throw new EventListenerError({
                        message: `event listener on chaincode ${chaincode} gave up: the event stream failed ${failures} times in a row: ${messageOf(error)}`,
                        failed: 'stream',
                        attempts: failures,
                        cause: error,
                    });
                }
                options.onError?.(error);
                await timing.wait(backoffDelay(reconnect, failures, timing.random), stopped.signal);
            } finally {
                stream?.close();
                stream = undefined;
            }
        }
    };

    const done = run().catch((error: unknown) => {
        options.onError?.(error);
        throw error;
    });
    // Whoever does not await `done` learns of a give-up through onError, not an unhandled rejection.
    done.catch(() => undefined);
    const close = async (): Promise<void> => {
        stopped.abort();
        stream?.close();
        await done.catch(() => undefined);
    };
    return { done, close, [Symbol.asyncDispose]: close };
}

/** The typed event, undefined for an event name this library does not know (skipped, and checkpointed). */
function decode(event: ChaincodeEvent, chaincode: string): AssociationEvent | undefined {
    if (!isEventName(event.eventName)) {
        return undefined;
    }
    const name: EventName = event.eventName;
    let payload: unknown;
    try {
        payload = JSON.parse(Buffer.from(event.payload).toString('utf8'));
    } catch (error) {
        // Parsing again cannot succeed: give up at once rather than retry.
        throw new EventListenerError({
            message: `event listener on chaincode ${chaincode} gave up: the payload of ${name} in transaction ${event.transactionId} (block ${event.blockNumber}) is not JSON: ${messageOf(error)}`,
            failed: 'payload',
            attempts: 1,
            transactionId: event.transactionId,
            blockNumber: event.blockNumber,
            cause: error,
        });
    }
    return { name, payload, transactionId: event.transactionId, blockNumber: event.blockNumber } as AssociationEvent;
}

function messageOf(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

// Typed chaincode events with a checkpoint, so a restarted listener resumes where it stopped.
// Delivery is at least once: an event is checkpointed only after its handler returns, so after a crash
// the last unacknowledged event is delivered again. Handlers should be idempotent (use transactionId).
import {
    type ChaincodeEvent,
    type Checkpointer,
    type CloseableAsyncIterable,
    type Network,
    checkpointers,
} from '@hyperledger/fabric-gateway';
import { isEventName } from '@bia/model';
import type { EventHandler, EventSubscription, ListenOptions } from './events';
import { type RetryOptions, backoffDelay, sleep } from '../transactions/retry';

const reconnect: RetryOptions = { maxAttempts: Number.MAX_SAFE_INTEGER, initialDelayMs: 100, maxDelayMs: 5000 };

export async function listen(
    network: Network,
    chaincode: string,
    handler: EventHandler,
    options: ListenOptions = {},
): Promise<EventSubscription> {
    const checkpointer: Checkpointer =
        options.checkpointFile !== undefined
            ? await checkpointers.file(options.checkpointFile)
            : checkpointers.inMemory();
    const state = { closed: false };
    // A function, not the field, so the compiler does not assume the flag cannot change during an await.
    const isClosed = (): boolean => state.closed;
    let stream: CloseableAsyncIterable<ChaincodeEvent> | undefined;

    const open = (): Promise<CloseableAsyncIterable<ChaincodeEvent>> =>
        network.getChaincodeEvents(chaincode, {
            checkpoint: checkpointer,
            ...(options.startBlock !== undefined ? { startBlock: options.startBlock } : {}),
        });

    const run = async (): Promise<void> => {
        for (let failures = 0; !isClosed();) {
            try {
                stream = await open();
                for await (const event of stream) {
                    await deliver(event, handler);
                    await checkpointer.checkpointChaincodeEvent(event);
                    failures = 0;
                }
            } catch (error) {
                if (isClosed()) {
                    return;
                }
                options.onError?.(error);
                failures++;
                await sleep(backoffDelay(reconnect, failures));
            }
        }
    };
    const running = run();
    return {
        close: async (): Promise<void> => {
            state.closed = true;
            stream?.close();
            await running;
        },
    };
}

async function deliver(event: ChaincodeEvent, handler: EventHandler): Promise<void> {
    if (!isEventName(event.eventName)) {
        return;
    }
    const payload = JSON.parse(Buffer.from(event.payload).toString('utf8')) as never;
    await handler({
        name: event.eventName,
        payload,
        transactionId: event.transactionId,
        blockNumber: event.blockNumber,
    });
}

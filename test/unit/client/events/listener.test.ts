// The event listener against a typed double of the one Network method it uses, with a real checkpoint file:
// bounded handler retries, undecodable payloads, bounded reconnection, and where the checkpoint is left.
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import * as sinon from 'sinon';
import {
    type ChaincodeEvent,
    type ChaincodeEventsOptions,
    type CloseableAsyncIterable,
    checkpointers,
} from '@hyperledger/fabric-gateway';
import { EventListenerError } from '../../../../client/src/errors';
import type { AssociationEvent } from '../../../../client/src/events/events';
import { type EventSource, type ListenerTiming, listen } from '../../../../client/src/events/listener';

use(chaiAsPromised);

function event(
    blockNumber: bigint,
    transactionId: string,
    payload = `{"motionId":"${transactionId}"}`,
): ChaincodeEvent {
    return {
        blockNumber,
        transactionId,
        chaincodeName: 'bia',
        eventName: 'MotionOpened',
        payload: Buffer.from(payload),
    };
}

/** A ledger of events served from the checkpoint, as the peer's Deliver service does; each session can fail. */
class FakeEventSource implements EventSource {
    readonly opens: { block: bigint | undefined; transactionId: string | undefined }[] = [];
    /** Per session, in order: fail opening, or fail after serving this many events; later sessions serve all. */
    readonly sessions: ({ failOpen: Error } | { failAfter: number; error: Error })[] = [];

    constructor(readonly ledger: readonly ChaincodeEvent[]) {}

    getChaincodeEvents(
        _chaincodeName: string,
        options?: ChaincodeEventsOptions,
    ): Promise<CloseableAsyncIterable<ChaincodeEvent>> {
        const block = options?.checkpoint?.getBlockNumber();
        const transactionId = options?.checkpoint?.getTransactionId();
        this.opens.push({ block, transactionId });
        const session = this.sessions.shift();
        if (session !== undefined && 'failOpen' in session) {
            return Promise.reject(session.failOpen);
        }
        const afterCheckpoint = this.ledger.findIndex((e) => e.transactionId === transactionId) + 1;
        const start = transactionId === undefined ? 0 : afterCheckpoint;
        const events = this.ledger.slice(start);
        let closed = false;
        let wake: () => void = () => undefined;
        async function* serve(): AsyncGenerator<ChaincodeEvent> {
            for (const [i, e] of events.entries()) {
                if (session !== undefined && 'failAfter' in session && i === session.failAfter) {
                    throw session.error;
                }
                yield e;
            }
            // Nothing more on the ledger: wait, as a live stream does, until closed.
            await new Promise<void>((resolve) => {
                wake = resolve;
                if (closed) {
                    resolve();
                }
            });
        }
        const iterator = serve();
        const close = (): void => {
            closed = true;
            wake();
        };
        return Promise.resolve({ [Symbol.asyncIterator]: () => iterator, close, [Symbol.dispose]: close });
    }
}

describe('event listener', () => {
    const sandbox = sinon.createSandbox();
    let folder: string;
    let checkpointFile: string;
    let timing: ListenerTiming & { wait: sinon.SinonStub<[number, AbortSignal], Promise<void>> };

    beforeEach(async () => {
        folder = await mkdtemp(join(tmpdir(), 'bia-listener-'));
        checkpointFile = join(folder, 'checkpoint.json');
        timing = { wait: sandbox.stub<[number, AbortSignal], Promise<void>>().resolves(), random: () => 0.5 };
    });

    afterEach(async () => {
        sandbox.restore();
        await rm(folder, { recursive: true, force: true });
    });

    async function checkpoint(): Promise<{ block: bigint | undefined; transactionId: string | undefined }> {
        const saved = await checkpointers.file(checkpointFile);
        return { block: saved.getBlockNumber(), transactionId: saved.getTransactionId() };
    }

    const ledger = [event(5n, 'tx1'), event(6n, 'tx2'), event(7n, 'tx3')];

    it('gives up on an event its handler keeps failing, with the checkpoint still before it', async () => {
        const source = new FakeEventSource(ledger);
        const seen: string[] = [];
        const errors: unknown[] = [];
        const subscription = await listen(
            source,
            'bia',
            (e: AssociationEvent) => {
                seen.push(e.transactionId);
                if (e.transactionId === 'tx2') {
                    throw new Error('database down');
                }
            },
            { checkpointFile, onError: (error) => errors.push(error) },
            timing,
        );

        const failure: unknown = await expect(subscription.done).to.be.rejectedWith(EventListenerError);

        expect(seen).to.deep.equal(['tx1', 'tx2', 'tx2', 'tx2']);
        expect(failure).to.include({ failed: 'handler', attempts: 3, transactionId: 'tx2', blockNumber: 6n });
        expect((failure as Error).message).to.match(
            /gave up: the handler failed 3 times on MotionOpened of transaction tx2 \(block 6\): database down/,
        );
        expect(errors).to.deep.equal([failure]);
        expect(await checkpoint()).to.deep.equal({ block: 5n, transactionId: 'tx1' });
        expect(source.opens).to.have.length(1); // the failing event is not replayed by reconnecting
        expect(timing.wait.args.map(([ms]) => ms)).to.deep.equal([50, 100]);
        await subscription.close(); // closing after a give-up is quiet
    });

    it('carries on when the handler succeeds within its attempts', async () => {
        const source = new FakeEventSource(ledger);
        const handled: string[] = [];
        let failures = 0;
        const subscription = await listen(
            source,
            'bia',
            (e) => {
                if (e.transactionId === 'tx2' && failures++ < 2) {
                    throw new Error('busy');
                }
                handled.push(e.transactionId);
            },
            { checkpointFile },
            timing,
        );

        await waitUntil(() => handled.length === 3);
        await subscription.close();

        expect(handled).to.deep.equal(['tx1', 'tx2', 'tx3']);
        expect(await checkpoint()).to.deep.equal({ block: 7n, transactionId: 'tx3' });
        await subscription.done;
    });

    it('gives up at once on a payload that is not JSON, without calling the handler with it', async () => {
        const source = new FakeEventSource([event(5n, 'tx1'), event(6n, 'tx2', '{not json'), event(7n, 'tx3')]);
        const handler = sandbox.stub();
        const subscription = await listen(source, 'bia', handler, { checkpointFile }, timing);

        await expect(subscription.done)
            .to.be.rejectedWith(
                EventListenerError,
                /payload of MotionOpened in transaction tx2 \(block 6\) is not JSON/,
            )
            .and.eventually.include({ failed: 'payload', attempts: 1 });
        expect(handler.args.map(([e]) => (e as AssociationEvent).transactionId)).to.deep.equal(['tx1']);
        expect(await checkpoint()).to.deep.equal({ block: 5n, transactionId: 'tx1' });
    });

    it('reconnects after a stream failure from its checkpoint, delivering each event once', async () => {
        const source = new FakeEventSource(ledger);
        source.sessions.push({ failAfter: 1, error: new Error('stream reset') }, { failOpen: new Error('refused') });
        const handled: string[] = [];
        const errors: string[] = [];
        const subscription = await listen(
            source,
            'bia',
            (e) => {
                handled.push(e.transactionId);
            },
            { checkpointFile, onError: (error) => errors.push(String(error)) },
            timing,
        );

        await waitUntil(() => handled.length === 3);
        await subscription.close();

        expect(handled).to.deep.equal(['tx1', 'tx2', 'tx3']);
        expect(errors).to.deep.equal(['Error: stream reset', 'Error: refused']);
        expect(source.opens.map((o) => o.transactionId)).to.deep.equal([undefined, 'tx1', 'tx1']);
        // Jittered exponential backoff: random 0.5 of 100 ms, then of 200 ms.
        expect(timing.wait.args.map(([ms]) => ms)).to.deep.equal([50, 100]);
    });

    it('gives up reconnecting after the bounded number of attempts, naming the stream and the last failure', async () => {
        const source = new FakeEventSource(ledger);
        for (let i = 0; i < 10; i++) {
            source.sessions.push({ failOpen: new Error(`peer unavailable ${i}`) });
        }
        const errors: unknown[] = [];
        const subscription = await listen(
            source,
            'bia',
            () => undefined,
            { reconnect: { maxAttempts: 4 }, onError: (error) => errors.push(error) },
            timing,
        );

        await expect(subscription.done)
            .to.be.rejectedWith(EventListenerError, /the event stream failed 4 times in a row: peer unavailable 3/)
            .and.eventually.include({ failed: 'stream', attempts: 4 });
        expect(source.opens).to.have.length(4);
        expect(errors).to.have.length(4); // three reconnections, then the give-up
        expect(errors.at(-1)).to.be.instanceOf(EventListenerError);
    });

    // fabric-gateway's file checkpointer moves in memory before it writes, so each reconnection resumes after the last
    // handled event; checkpoints that keep failing to reach the file still end the listener, naming why.
    it('gives up when the checkpoint file cannot be written, naming the error', async () => {
        const source = new FakeEventSource(ledger);
        const handled: string[] = [];
        const subscription = await listen(
            source,
            'bia',
            (e) => {
                handled.push(e.transactionId);
                rmSync(folder, { recursive: true, force: true }); // every checkpoint write now fails
            },
            { checkpointFile, reconnect: { maxAttempts: 3 } },
            timing,
        );

        await expect(subscription.done)
            .to.be.rejectedWith(EventListenerError, /the event stream failed 3 times in a row: ENOENT/)
            .and.eventually.include({ failed: 'stream', attempts: 3 });
        expect(handled).to.deep.equal(['tx1', 'tx2', 'tx3']);
        expect(source.opens).to.have.length(3);
    });

    it('stops at once when closed during a backoff, and resolves done', async () => {
        const source = new FakeEventSource(ledger);
        source.sessions.push({ failOpen: new Error('down') });
        let aborted: AbortSignal | undefined;
        timing.wait.callsFake(
            (_ms, signal) =>
                new Promise<void>((resolve) => {
                    aborted = signal;
                    signal.addEventListener('abort', () => {
                        resolve();
                    });
                }),
        );
        const subscription = await listen(source, 'bia', () => undefined, {}, timing);
        await waitUntil(() => aborted !== undefined);

        await subscription[Symbol.asyncDispose]();

        await subscription.done;
        expect(source.opens).to.have.length(1);
    });
});

async function waitUntil(condition: () => boolean): Promise<void> {
    for (let i = 0; i < 200 && !condition(); i++) {
        await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(condition(), 'condition reached within 1 s').to.equal(true);
}

// The client library's robustness on a real ledger: a listener whose handler keeps failing gives up instead of
// replaying the event forever and leaves its checkpoint before it; refusals of the contract API (wrong number of
// arguments, unknown transaction) reach the application as ValidationError; concurrent acquirers share one channel.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import {
    type AssociationEvent,
    EventListenerError,
    GatewayError,
    GrpcClientPool,
    ValidationError,
    readConnectionProfile,
} from '@bia/client';
// The client's own port over fabric-gateway, from the built package (so its errors are @bia/client's classes): the
// typed facades never send a wrong argument count, so this is the only way to make the contract API refuse.
import { FabricGatewayPort } from '../../../client/dist/transactions/fabric-port';
import { type Association, association, closeAssociation, waitFor } from '../support/association';
import { rawConnect } from '../support/raw-gateway';

use(chaiAsPromised);

after(closeAssociation);

describe('client library robustness', function () {
    this.timeout(120_000);
    let run: Association;

    before(async function () {
        this.timeout(180_000);
        run = await association();
    });

    it('gives up on an event its handler keeps failing, and a restarted listener gets that event first', async () => {
        const folder = await mkdtemp(join(tmpdir(), 'bia-giveup-'));
        const checkpointFile = join(folder, 'events.checkpoint');
        const listener = await run.operator('healthco');
        const lead = await run.operator('secretariat');
        const prefix = run.id('poison');
        const mine = (event: AssociationEvent): event is Extract<AssociationEvent, { name: 'MotionOpened' }> =>
            event.name === 'MotionOpened' && event.payload.motionId.startsWith(prefix);
        const propose = (n: number) =>
            lead.membership.proposeMotion({
                motionId: `${prefix}-${String(n)}`,
                kind: 'amend-charter',
                subjectId: 'charter',
                reason: 'listener give-up test (left open)',
                charterTerms: run.charterTerms(),
            });
        try {
            const calls: string[] = [];
            const errors: unknown[] = [];
            const failing = await listener.listen(
                (event) => {
                    if (mine(event)) {
                        calls.push(event.payload.motionId);
                        if (event.payload.motionId.endsWith('-2')) {
                            throw new Error('cannot store motion');
                        }
                    }
                },
                { checkpointFile, handlerAttempts: 2, onError: (error) => errors.push(error) },
            );
            const first = await propose(1);
            await waitFor(() => calls.length === 1, 'the first event');
            const poison = await propose(2);

            const failure: unknown = await expect(failing.done).to.be.rejectedWith(
                EventListenerError,
                /the handler failed 2 times on MotionOpened .*: cannot store motion/,
            );
            expect(failure).to.include({ failed: 'handler', attempts: 2, transactionId: poison.proposed.txId });
            expect(calls).to.deep.equal([`${prefix}-1`, `${prefix}-2`, `${prefix}-2`]);
            expect(errors).to.deep.equal([failure]);
            const later = await propose(3);

            const replayed: string[] = [];
            const restarted = await listener.listen(
                (event) => {
                    if (mine(event)) {
                        replayed.push(event.transactionId);
                    }
                },
                { checkpointFile },
            );
            await waitFor(() => replayed.length >= 2, 'the failed and the later event');
            await restarted.close();

            expect(replayed).to.deep.equal([poison.proposed.txId, later.proposed.txId]);
            expect(replayed).not.to.include(first.proposed.txId);
        } finally {
            await rm(folder, { recursive: true, force: true });
        }
    });

    describe('refusals of the contract API, before any transaction code runs', () => {
        let raw: ReturnType<typeof rawConnect>;
        let port: FabricGatewayPort;

        before(() => {
            raw = rawConnect(run.network.connectionFile('healthco'));
            port = new FabricGatewayPort(raw.network, raw.profile.chaincode);
        });

        after(() => {
            raw.close();
        });

        it('maps a wrong number of arguments to ValidationError on field arguments', async () => {
            const refusal = port.evaluate({ contract: 'membership', transaction: 'GetMember', args: ['a', 'b'] });

            const error: unknown = await expect(refusal).to.be.rejectedWith(ValidationError);
            expect(error).to.include({ code: 'VALIDATION', stage: 'evaluate' });
            expect(error).to.have.nested.property('details.field', 'arguments');
            expect(error).to.have.property('cause').that.is.instanceOf(GatewayError);
        });

        it('maps an unknown transaction to ValidationError, at endorsement too', async () => {
            const refusal = port.endorse({ contract: 'membership', transaction: 'NoSuchTransaction', args: [] });

            const error: unknown = await expect(refusal).to.be.rejectedWith(ValidationError);
            expect(error).to.include({ code: 'VALIDATION', stage: 'endorse' });
        });
    });

    it('gives concurrent acquirers of one peer one channel, which works for each', async () => {
        const profile = await readConnectionProfile(run.network.connectionFile('carrier'));
        const target = {
            endpoint: profile.peerEndpoint,
            hostAlias: profile.peerHostAlias,
            tlsCACertPath: profile.tlsCACert,
        };
        using pool = new GrpcClientPool();

        const [a, b, c] = await Promise.all([pool.acquire(target), pool.acquire(target), pool.acquire(target)]);

        expect(a).to.equal(b).and.equal(c);
        await new Promise<void>((resolve, reject) => {
            a.waitForReady(Date.now() + 10_000, (error) => {
                if (error === undefined) {
                    resolve();
                } else {
                    reject(error);
                }
            });
        });
    });
});

import { expect, use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import * as sinon from 'sinon';
import * as grpc from '@grpc/grpc-js';
import { type ChannelFactory, type EndpointTls, GrpcClientPool } from '../../../../client/src/connection/grpc-pool';

use(chaiAsPromised);

const peer: EndpointTls = { endpoint: '127.0.0.1:7051', hostAlias: 'peer0.healthco', tlsCACertPath: '/ca.pem' };
const otherPeer: EndpointTls = { ...peer, endpoint: '127.0.0.1:8051' };

describe('GrpcClientPool', () => {
    const sandbox = sinon.createSandbox();
    let opened: grpc.Client[];
    let closes: sinon.SinonSpy[];
    let readFile: sinon.SinonStub<[string], Promise<Buffer>>;
    let channels: ChannelFactory;

    beforeEach(() => {
        opened = [];
        closes = [];
        readFile = sandbox.stub<[string], Promise<Buffer>>().callsFake(async () => {
            await new Promise((resolve) => setImmediate(resolve)); // a real read yields to the event loop
            return Buffer.from('PEM');
        });
        channels = {
            readFile,
            // Real, lazy gRPC clients (nothing connects until a call), their close() watched.
            newClient: (target) => {
                const client = new grpc.Client(target.endpoint, grpc.credentials.createInsecure());
                opened.push(client);
                closes.push(sandbox.spy(client, 'close'));
                return client;
            },
        };
    });

    afterEach(() => {
        for (const client of opened) {
            client.close();
        }
        sandbox.restore();
    });

    it('gives concurrent acquirers of one endpoint one shared channel', async () => {
        const pool = new GrpcClientPool(channels);

        const clients = await Promise.all([pool.acquire(peer), pool.acquire(peer), pool.acquire(peer)]);

        expect(opened).to.have.length(1);
        expect(new Set(clients).size).to.equal(1);
        expect(readFile.callCount).to.equal(1);
    });

    it('keeps the channel open until the last holder releases it', async () => {
        const pool = new GrpcClientPool(channels);
        const [a, b] = await Promise.all([pool.acquire(peer), pool.acquire(peer)]);

        pool.release(a);
        expect(closes[0]?.callCount).to.equal(0);
        pool.release(b);
        expect(closes[0]?.callCount).to.equal(1);
        pool.release(b); // a stray second release neither throws nor closes anything again
        expect(closes[0]?.callCount).to.equal(1);

        const again = await pool.acquire(peer);
        expect(again).not.to.equal(a);
        expect(opened).to.have.length(2);
    });

    it('opens one channel per endpoint', async () => {
        const pool = new GrpcClientPool(channels);

        const [a, b] = await Promise.all([pool.acquire(peer), pool.acquire(otherPeer)]);

        expect(a).not.to.equal(b);
        expect(opened).to.have.length(2);
    });

    it('opens no channel when the CA file cannot be read, names the endpoint, and tries again next time', async () => {
        readFile.onFirstCall().rejects(new Error('ENOENT: /ca.pem'));
        const pool = new GrpcClientPool(channels);

        const failures = await Promise.allSettled([pool.acquire(peer), pool.acquire(peer)]);

        expect(failures.map((f) => f.status)).to.deep.equal(['rejected', 'rejected']);
        expect(String((failures[0] as PromiseRejectedResult).reason)).to.include(
            'cannot read the TLS CA certificate of 127.0.0.1:7051',
        );
        expect(opened).to.have.length(0);
        await pool.acquire(peer);
        expect(opened).to.have.length(1);
    });

    it('closes every channel once, however often it is closed or disposed', async () => {
        const pool = new GrpcClientPool(channels);
        await Promise.all([pool.acquire(peer), pool.acquire(otherPeer)]);

        pool.close();
        pool.close();
        pool[Symbol.dispose]();

        expect(closes.map((c) => c.callCount)).to.deep.equal([1, 1]);
        await expect(pool.acquire(peer)).to.be.rejectedWith(/the pool is closed/);
    });

    it('closes a channel that finished opening after the pool was closed', async () => {
        const pool = new GrpcClientPool(channels);

        const pending = pool.acquire(peer);
        pool.close();

        await expect(pending).to.be.rejectedWith(/the pool is closed/);
        expect(closes.map((c) => c.callCount)).to.deep.equal([1]);
    });

    it('is closed at the end of a using block', async () => {
        {
            using pool = new GrpcClientPool(channels);
            await pool.acquire(peer);
        }
        expect(closes[0]?.callCount).to.equal(1);
    });
});

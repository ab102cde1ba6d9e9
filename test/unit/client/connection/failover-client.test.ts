// FailoverClient over real gRPC on loopback: a peer nobody listens on (connection refused, UNAVAILABLE) and live
// servers that answer, refuse or stream. What fabric-gateway sends is opaque bytes to it, so plain bytes stand in.
import { expect, use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import * as grpc from '@grpc/grpc-js';
import { FailoverClient, type FailoverNotice, type PeerRoute } from '../../../../client/src/connection/failover-client';
import { type ChannelFactory, GrpcClientPool } from '../../../../client/src/connection/grpc-pool';
import { openPeerClient } from '../../../../client/src/connection/peer-client';
import type { ConnectionProfile } from '../../../../client/src/connection/profile';
import { freePort } from '../../devnet/chaincode/fixtures';
import { healthcoProfile } from './profile-fixture';

use(chaiAsPromised);

const bytes = (value: Buffer): Buffer => value;
const unary = '/test.Peer/Call';
const stream = '/test.Peer/Watch';

interface TestPeer {
    readonly endpoint: string;
    /** Every request it received, as text. */
    readonly received: string[];
    close(): Promise<void>;
}

/** A live peer: answers `<name>:<request>`, or refuses every call with `refuse`; streams two messages. */
async function startPeer(name: string, refuse?: grpc.status): Promise<TestPeer> {
    const received: string[] = [];
    const server = new grpc.Server();
    const method = {
        requestSerialize: bytes,
        requestDeserialize: bytes,
        responseSerialize: bytes,
        responseDeserialize: bytes,
    };
    server.addService(
        {
            Call: { path: unary, requestStream: false, responseStream: false, ...method },
            Watch: { path: stream, requestStream: false, responseStream: true, ...method },
        },
        {
            Call: (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
                received.push(call.request.toString());
                if (refuse === undefined) {
                    callback(null, Buffer.from(`${name}:${call.request.toString()}`));
                } else {
                    callback({ code: refuse, details: `${name} refuses` });
                }
            },
            Watch: (call: grpc.ServerWritableStream<Buffer, Buffer>) => {
                received.push(call.request.toString());
                call.write(Buffer.from(`${name}:1`));
                call.write(Buffer.from(`${name}:2`));
                call.end();
            },
        },
    );
    const port = await new Promise<number>((resolve, reject) => {
        server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => {
            error === null ? resolve(bound) : reject(error);
        });
    });
    return {
        endpoint: `127.0.0.1:${String(port)}`,
        received,
        close: () =>
            new Promise<void>((resolve) => {
                server.tryShutdown(() => {
                    resolve();
                });
            }),
    };
}

/** A loopback port that was just free: connecting to it is refused. */
async function unreachable(): Promise<string> {
    return `127.0.0.1:${String(await freePort())}`;
}

function call(client: grpc.Client, request: string, options: grpc.CallOptions = {}): Promise<string> {
    return new Promise((resolve, reject) => {
        client.makeUnaryRequest(unary, bytes, bytes, Buffer.from(request), options, (error, value) => {
            error === null ? resolve(String(value)) : reject(error);
        });
    });
}

async function watch(client: grpc.Client, request: string): Promise<string[]> {
    const messages: string[] = [];
    for await (const message of client.makeServerStreamRequest(
        unary.replace('Call', 'Watch'),
        bytes,
        bytes,
        Buffer.from(request),
    )) {
        messages.push(String(message));
    }
    return messages;
}

describe('FailoverClient', function () {
    this.timeout(20_000);
    const peers: TestPeer[] = [];
    const clients: grpc.Client[] = [];
    let notices: FailoverNotice[];
    let released: string[];

    beforeEach(() => {
        notices = [];
        released = [];
    });

    afterEach(async () => {
        clients.splice(0).forEach((client) => {
            client.close();
        });
        await Promise.all(peers.splice(0).map((peer) => peer.close()));
    });

    async function live(name: string, refuse?: grpc.status): Promise<string> {
        const peer = await startPeer(name, refuse);
        peers.push(peer);
        return peer.endpoint;
    }

    function failover(...endpoints: string[]): FailoverClient {
        const routes: PeerRoute[] = endpoints.map((endpoint) => {
            const client = new grpc.Client(endpoint, grpc.credentials.createInsecure());
            clients.push(client);
            return { endpoint, client };
        });
        return new FailoverClient(
            routes,
            (route) => released.push(route.endpoint),
            (notice) => notices.push(notice),
        );
    }

    it('sends a call the first peer cannot take to the next one, unchanged, and stays there', async () => {
        const dead = await unreachable();
        const second = await live('second');
        const client = failover(dead, second);

        const first = await call(client, 'proposal-1');
        const next = await call(client, 'proposal-2');

        expect([first, next]).to.deep.equal(['second:proposal-1', 'second:proposal-2']);
        expect(peers[0]?.received).to.deep.equal(['proposal-1', 'proposal-2']);
        expect(notices).to.have.length(1);
        expect(notices[0]).to.include({ method: unary, from: dead, to: second });
        expect(client.endpoint).to.equal(second);
    });

    it('wraps round to the first peer when the one in use goes away', async () => {
        const first = await startPeer('first');
        const second = await live('second');
        const client = failover(first.endpoint, second);
        expect(await call(client, 'a')).to.equal('first:a');

        await first.close();
        expect(await call(client, 'b')).to.equal('second:b');
        expect(notices.map((n) => [n.from, n.to])).to.deep.equal([[first.endpoint, second]]);
    });

    it('does not move on an answer from a peer, even a refusal', async () => {
        const refusing = await live('first', grpc.status.ABORTED);
        const second = await live('second');
        const client = failover(refusing, second);

        const error: unknown = await expect(call(client, 'p')).to.be.rejected;

        expect(error).to.include({ code: grpc.status.ABORTED });
        expect(peers[1]?.received).to.deep.equal([]);
        expect(notices).to.deep.equal([]);
    });

    it('does not move once the deadline has passed', async () => {
        const dead = await unreachable();
        const second = await live('second');
        const client = failover(dead, second);

        const error: unknown = await expect(call(client, 'p', { deadline: Date.now() - 1 })).to.be.rejected;

        expect(error).to.include({ code: grpc.status.DEADLINE_EXCEEDED });
        expect(peers[0]?.received).to.deep.equal([]);
    });

    it('tries each peer once and names them all when none can be reached', async () => {
        const [a, b] = [await unreachable(), await unreachable()];
        const client = failover(a, b);

        const error: unknown = await expect(call(client, 'p')).to.be.rejected;

        expect(error).to.include({ code: grpc.status.UNAVAILABLE });
        expect((error as Error).message).to.match(new RegExp(`\\(tried ${a}, ${b}\\)$`));
        expect(notices.map((n) => [n.from, n.to])).to.deep.equal([
            [a, b],
            [b, a],
        ]);
    });

    it('opens the next stream on the next peer when a stream cannot reach its peer', async () => {
        const dead = await unreachable();
        const second = await live('second');
        const client = failover(dead, second);

        const failed: unknown = await expect(watch(client, 'events')).to.be.rejected;
        const messages = await watch(client, 'events');

        expect(failed).to.include({ code: grpc.status.UNAVAILABLE });
        expect(messages).to.deep.equal(['second:1', 'second:2']);
        expect(notices.map((n) => [n.method, n.from, n.to])).to.deep.equal([[stream, dead, second]]);
    });

    it('releases every route once on close, however often it is closed', async () => {
        const client = failover(await unreachable(), await unreachable());

        client.close();
        client.close();

        expect(released).to.have.length(2);
    });
});

describe('openPeerClient', () => {
    const profile = (failoverCa: string): ConnectionProfile => ({
        ...healthcoProfile,
        tlsCACert: '/peer0-ca.pem',
        failoverPeers: [{ endpoint: '127.0.0.1:7061', hostAlias: 'peer1.healthco', tlsCACert: failoverCa }],
    });
    let opened: grpc.Client[];
    let channels: ChannelFactory;

    beforeEach(() => {
        opened = [];
        channels = {
            readFile: (path) =>
                path === '/missing.pem' ? Promise.reject(new Error('ENOENT')) : Promise.resolve(Buffer.from('PEM')),
            newClient: (target) => {
                const client = new grpc.Client(target.endpoint, grpc.credentials.createInsecure());
                opened.push(client);
                return client;
            },
        };
    });

    afterEach(() => {
        opened.forEach((client) => {
            client.close();
        });
    });

    it('opens one channel per peer gateway, first peer first', async () => {
        const pool = new GrpcClientPool(channels);

        const client = await openPeerClient(profile('/peer1-ca.pem'), { pool });

        expect(opened.map((c) => c.getChannel().getTarget())).to.deep.equal([
            'dns:127.0.0.1:7051',
            'dns:127.0.0.1:7061',
        ]);
        expect(client.endpoint).to.equal('127.0.0.1:7051');
        client.close();
    });

    it('leaves no channel open when a failover peer cannot be set up', async () => {
        const pool = new GrpcClientPool(channels);

        await expect(openPeerClient(profile('/missing.pem'), { pool })).to.be.rejectedWith(
            /cannot read the TLS CA certificate of 127.0.0.1:7061/,
        );
        const again = await pool.acquire({
            endpoint: '127.0.0.1:7051',
            hostAlias: 'peer0.healthco',
            tlsCACertPath: '/peer0-ca.pem',
        });

        expect(opened).to.have.length(2);
        expect(again).to.equal(opened[1]);
    });
});

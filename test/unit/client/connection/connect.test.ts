import { generateKeyPairSync } from 'node:crypto';
import { expect, use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import * as sinon from 'sinon';
import * as grpc from '@grpc/grpc-js';
import { connect } from '../../../../client/src/connection/connect';
import { type ChannelFactory, GrpcClientPool } from '../../../../client/src/connection/grpc-pool';
import { ConnectionProfileError } from '../../../../client/src/connection/profile';
import { healthcoProfile } from './profile-fixture';

use(chaiAsPromised);

const profile = healthcoProfile;

const privateKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
// connect does not parse the certificate (the peer does); any PEM text stands in for it here.
const certificate = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('connect and close', () => {
    const sandbox = sinon.createSandbox();
    let opened: grpc.Client[];
    let closes: sinon.SinonSpy[];
    let pool: GrpcClientPool;

    beforeEach(() => {
        opened = [];
        closes = [];
        const channels: ChannelFactory = {
            readFile: () => Promise.resolve(Buffer.from('PEM')),
            newClient: (target) => {
                const client = new grpc.Client(target.endpoint, grpc.credentials.createInsecure());
                opened.push(client);
                closes.push(sandbox.spy(client, 'close'));
                return client;
            },
        };
        pool = new GrpcClientPool(channels);
    });

    afterEach(() => {
        pool.close();
        sandbox.restore();
    });

    it('refuses a malformed private key before opening a channel, naming the organisation', async () => {
        await expect(connect({ profile, identity: { certificate, privateKey: 'not a key' }, pool })).to.be.rejectedWith(
            ConnectionProfileError,
            /private key of the identity for organisation healthco/,
        );
        expect(opened).to.have.length(0);
    });

    it('releases its channel once however often it is closed or disposed', async () => {
        const other = await pool.acquire({
            endpoint: profile.peerEndpoint,
            hostAlias: profile.peerHostAlias,
            tlsCACertPath: profile.tlsCACert,
        });
        const client = await connect({ profile, identity: { certificate, privateKey }, pool });
        expect(opened).to.have.length(1);

        client.close();
        client.close();
        client[Symbol.dispose]();
        await client[Symbol.asyncDispose]();

        // The other holder still has the channel: a second release would have closed it under it.
        expect(closes[0]?.callCount).to.equal(0);
        pool.release(other);
        expect(closes[0]?.callCount).to.equal(1);
        await expect(client.listen(() => undefined)).to.be.rejectedWith(/client of organisation healthco is closed/);
    });
});

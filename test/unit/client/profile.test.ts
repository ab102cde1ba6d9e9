import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { ConnectionProfileError, readConnectionProfile } from '../../../client/src/connection/profile';

use(chaiAsPromised);

describe('readConnectionProfile', () => {
    let dir: string;

    beforeEach(async () => {
        dir = await mkdtemp(join(tmpdir(), 'bia-profile-'));
    });

    afterEach(async () => {
        await rm(dir, { recursive: true, force: true });
    });

    const profile = {
        name: 'healthco',
        mspId: 'HealthcoMSP',
        channel: 'association',
        chaincode: 'bia',
        peerEndpoint: 'localhost:8051',
        peerHostAlias: 'peer0.healthco.bia.example',
        tlsCACert: '../organizations/peerOrganizations/healthco.bia.example/tlsca/tlsca.healthco.bia.example-cert.pem',
        identities: { User1: { certificate: 'u1/cert.pem', privateKey: '/abs/key.pem' } },
        defaultIdentity: 'User1',
    };

    it('resolves relative paths against the connection file and keeps absolute ones', async () => {
        const file = join(dir, 'connections', 'healthco.json');
        await mkdir(join(dir, 'connections'));
        await writeFile(file, JSON.stringify(profile));

        const read = await readConnectionProfile(file);

        expect(read.tlsCACert).to.equal(
            join(dir, 'organizations/peerOrganizations/healthco.bia.example/tlsca/tlsca.healthco.bia.example-cert.pem'),
        );
        expect(read.identities.User1).to.deep.equal({
            certificate: join(dir, 'connections', 'u1/cert.pem'),
            privateKey: '/abs/key.pem',
        });
    });

    it("reads failover peers, resolving their CA paths like the first peer's", async () => {
        const file = join(dir, 'connections', 'healthco.json');
        await mkdir(join(dir, 'connections'));
        const failoverPeers = [
            { endpoint: 'localhost:8151', hostAlias: 'peer1.healthco.bia.example', tlsCACert: 'p1/ca.crt' },
        ];
        await writeFile(file, JSON.stringify({ ...profile, failoverPeers }));

        const read = await readConnectionProfile(file);

        expect(read.failoverPeers).to.deep.equal([
            { ...failoverPeers[0], tlsCACert: join(dir, 'connections', 'p1/ca.crt') },
        ]);
    });

    it('names the missing field of a failover peer, and refuses failoverPeers that is not a list', async () => {
        const file = join(dir, 'bad-failover.json');
        await writeFile(
            file,
            JSON.stringify({ ...profile, failoverPeers: [{ endpoint: 'localhost:8151', tlsCACert: 'ca' }] }),
        );
        const notList = join(dir, 'not-list.json');
        await writeFile(notList, JSON.stringify({ ...profile, failoverPeers: 'localhost:8151' }));

        await expect(readConnectionProfile(file)).to.be.rejectedWith(
            ConnectionProfileError,
            /failoverPeers\[0\] has no hostAlias/,
        );
        await expect(readConnectionProfile(notList)).to.be.rejectedWith(
            ConnectionProfileError,
            /failoverPeers must be a list/,
        );
    });

    it('names the missing field', async () => {
        const file = join(dir, 'bad.json');
        await writeFile(file, JSON.stringify({ ...profile, peerEndpoint: '' }));

        await expect(readConnectionProfile(file)).to.be.rejectedWith(ConnectionProfileError, /has no peerEndpoint/);
    });

    it('refuses a profile without identities and a file that is not there', async () => {
        const file = join(dir, 'none.json');
        await writeFile(file, JSON.stringify({ ...profile, identities: {} }));

        await expect(readConnectionProfile(file)).to.be.rejectedWith(ConnectionProfileError, /lists no identities/);
        await expect(readConnectionProfile(join(dir, 'missing.json'))).to.be.rejectedWith(
            ConnectionProfileError,
            /cannot read connection file/,
        );
    });
});

import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
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

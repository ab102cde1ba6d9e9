import { X509Certificate } from 'node:crypto';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import * as chai from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { after, before, describe, it } from 'mocha';

import {
    type ConnectionFile,
    generateCryptoMaterial,
    peerTlsFiles,
    writeConnectionFiles,
} from '../../../../network/devnet/src/crypto';
import { loadTopology, type Topology } from '../../../../network/devnet/src/topology';
import { organization, removeDir, scratchDir, smallTopology } from './fixtures';

chai.use(chaiAsPromised);
const { expect } = chai;

function subjectField(certificate: X509Certificate, field: string): string[] {
    return certificate.subject
        .split('\n')
        .filter((line) => line.startsWith(`${field}=`))
        .map((line) => line.slice(field.length + 1));
}

async function certificateAt(path: string): Promise<X509Certificate> {
    return new X509Certificate(await readFile(path));
}

describe('devnet crypto material (cryptogen layout)', function () {
    let outputDir: string;
    let topology: Topology;
    let orgDir: string;
    let ordererOrgDir: string;

    before(async function () {
        topology = loadTopology();
        outputDir = await scratchDir('cryptogen');
        await generateCryptoMaterial({ topology, outputDir });
        orgDir = join(outputDir, 'organizations/peerOrganizations/healthco.bia.example');
        ordererOrgDir = join(outputDir, 'organizations/ordererOrganizations/orderer.bia.example');
    });

    after(async function () {
        await removeDir(outputDir);
    });

    it('writes the organisation folders with cryptogen file names', async function () {
        const expected = [
            'ca/ca.healthco.bia.example-cert.pem',
            'ca/priv_sk',
            'tlsca/tlsca.healthco.bia.example-cert.pem',
            'tlsca/priv_sk',
            'msp/cacerts/ca.healthco.bia.example-cert.pem',
            'msp/tlscacerts/tlsca.healthco.bia.example-cert.pem',
            'msp/config.yaml',
            'peers/peer0.healthco.bia.example/msp/cacerts/ca.healthco.bia.example-cert.pem',
            'peers/peer0.healthco.bia.example/msp/tlscacerts/tlsca.healthco.bia.example-cert.pem',
            'peers/peer0.healthco.bia.example/msp/keystore/priv_sk',
            'peers/peer0.healthco.bia.example/msp/signcerts/peer0.healthco.bia.example-cert.pem',
            'peers/peer0.healthco.bia.example/msp/config.yaml',
            'peers/peer0.healthco.bia.example/tls/ca.crt',
            'peers/peer0.healthco.bia.example/tls/server.crt',
            'peers/peer0.healthco.bia.example/tls/server.key',
            'users/Admin@healthco.bia.example/msp/signcerts/Admin@healthco.bia.example-cert.pem',
            'users/Admin@healthco.bia.example/msp/keystore/priv_sk',
            'users/Admin@healthco.bia.example/tls/client.crt',
            'users/Admin@healthco.bia.example/tls/client.key',
            'users/User4@healthco.bia.example/msp/signcerts/User4@healthco.bia.example-cert.pem',
        ];
        for (const file of expected) {
            expect((await stat(join(orgDir, file))).isFile(), file).to.equal(true);
        }
        expect((await stat(join(orgDir, 'msp/admincerts'))).isDirectory()).to.equal(true);
        const peerTls = await readdir(join(orgDir, 'peers/peer0.healthco.bia.example/tls'));
        expect(peerTls.sort()).to.deep.equal(['ca.crt', 'server.crt', 'server.key']);
    });

    it('creates User1..UserN and one Admin per organisation, as userCount says', async function () {
        for (const org of topology.organizations) {
            const users = await readdir(join(outputDir, 'organizations/peerOrganizations', org.domain, 'users'));
            const expected = [`Admin@${org.domain}`];
            for (let index = 1; index <= org.userCount; index++) {
                expected.push(`User${index}@${org.domain}`);
            }
            expect(users.sort()).to.deep.equal(expected.sort());
        }
    });

    it('writes orderer nodes and an orderer admin under ordererOrganizations', async function () {
        const orderers = await readdir(join(ordererOrgDir, 'orderers'));
        expect(orderers.sort()).to.deep.equal(
            topology.ordererOrganization.orderers.map((orderer) => `${orderer.name}.orderer.bia.example`).sort(),
        );
        const certificate = await certificateAt(
            join(
                ordererOrgDir,
                'orderers/orderer1.orderer.bia.example/msp/signcerts/orderer1.orderer.bia.example-cert.pem',
            ),
        );
        expect(subjectField(certificate, 'OU')).to.deep.equal(['orderer']);
        expect(
            (await stat(join(ordererOrgDir, 'orderers/orderer1.orderer.bia.example/tls/server.key'))).isFile(),
        ).to.equal(true);
        expect(await readdir(join(ordererOrgDir, 'users'))).to.deep.equal(['Admin@orderer.bia.example']);
    });

    it('issues a self-signed CA with cryptogen subject and CA extensions', async function () {
        const ca = await certificateAt(join(orgDir, 'ca/ca.healthco.bia.example-cert.pem'));
        expect(ca.ca).to.equal(true);
        expect(ca.subject).to.equal(
            'C=US\nST=California\nL=San Francisco\nO=healthco.bia.example\nCN=ca.healthco.bia.example',
        );
        expect(ca.issuer).to.equal(ca.subject);
        expect(ca.verify(ca.publicKey)).to.equal(true);
        expect(ca.publicKey.asymmetricKeyDetails?.namedCurve).to.equal('prime256v1');
    });

    it('issues identity certificates from the org CA with the NodeOU of each role', async function () {
        const ca = await certificateAt(join(orgDir, 'ca/ca.healthco.bia.example-cert.pem'));
        const cases: [string, string][] = [
            ['peers/peer0.healthco.bia.example/msp/signcerts/peer0.healthco.bia.example-cert.pem', 'peer'],
            ['users/Admin@healthco.bia.example/msp/signcerts/Admin@healthco.bia.example-cert.pem', 'admin'],
            ['users/User1@healthco.bia.example/msp/signcerts/User1@healthco.bia.example-cert.pem', 'client'],
        ];
        for (const [file, role] of cases) {
            const certificate = await certificateAt(join(orgDir, file));
            expect(certificate.checkIssued(ca), file).to.equal(true);
            expect(certificate.verify(ca.publicKey), file).to.equal(true);
            expect(certificate.ca, file).to.equal(false);
            expect(subjectField(certificate, 'OU'), file).to.deep.equal([role]);
            expect(subjectField(certificate, 'C'), file).to.deep.equal(['US']);
            expect(subjectField(certificate, 'ST'), file).to.deep.equal(['California']);
            expect(subjectField(certificate, 'L'), file).to.deep.equal(['San Francisco']);
        }
        const user = await certificateAt(join(orgDir, cases[2]![0]));
        expect(subjectField(user, 'CN')).to.deep.equal(['User1@healthco.bia.example']);
    });

    it('issues TLS certificates from the TLS CA with the host names and loopback addresses', async function () {
        const tlsCa = await certificateAt(join(orgDir, 'tlsca/tlsca.healthco.bia.example-cert.pem'));
        const server = await certificateAt(join(orgDir, 'peers/peer0.healthco.bia.example/tls/server.crt'));
        expect(server.checkIssued(tlsCa)).to.equal(true);
        expect(server.verify(tlsCa.publicKey)).to.equal(true);
        expect(server.subjectAltName?.split(', ')).to.have.members([
            'DNS:peer0.healthco.bia.example',
            'DNS:peer0',
            'DNS:localhost',
            'IP Address:127.0.0.1',
        ]);
        expect(server.checkHost('localhost')).to.equal('localhost');
        expect(server.checkIP('127.0.0.1')).to.equal('127.0.0.1');
        expect(server.keyUsage).to.include.members(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
        const caCopy = await readFile(join(orgDir, 'peers/peer0.healthco.bia.example/tls/ca.crt'), 'utf8');
        expect(caCopy).to.equal(await readFile(join(orgDir, 'tlsca/tlsca.healthco.bia.example-cert.pem'), 'utf8'));
    });

    it('serves TLS that a client trusting the org TLS CA accepts for the peer host name and localhost', async function () {
        const { createServer, connect } = await import('node:tls');
        const files = peerTlsFiles({ topology, outputDir, orgName: 'healthco' });
        const server = createServer(
            { key: await readFile(files.privateKey), cert: await readFile(files.certificate) },
            (socket) => socket.end(),
        );
        await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
        const address = server.address();
        const port = typeof address === 'object' && address !== null ? address.port : 0;
        const ca = await readFile(join(orgDir, 'tlsca/tlsca.healthco.bia.example-cert.pem'));
        try {
            for (const servername of ['peer0.healthco.bia.example', 'localhost']) {
                const authorized = await new Promise<boolean>((resolveConnect, rejectConnect) => {
                    const socket = connect({ host: '127.0.0.1', port, ca, servername }, () => {
                        resolveConnect(socket.authorized);
                        socket.destroy();
                    });
                    socket.on('error', rejectConnect);
                });
                expect(authorized, servername).to.equal(true);
            }
        } finally {
            await new Promise((resolveClose) => server.close(resolveClose));
        }
    });

    it('stores each private key as PKCS#8 PEM matching its certificate', async function () {
        const { createPrivateKey, createPublicKey } = await import('node:crypto');
        const identity = join(orgDir, 'users/User2@healthco.bia.example');
        const keyPem = await readFile(join(identity, 'msp/keystore/priv_sk'), 'utf8');
        expect(keyPem).to.match(/^-----BEGIN PRIVATE KEY-----\n/);
        const derivedPublic = createPublicKey(createPrivateKey(keyPem)).export({ format: 'der', type: 'spki' });
        const certificate = await certificateAt(join(identity, 'msp/signcerts/User2@healthco.bia.example-cert.pem'));
        expect(Buffer.compare(derivedPublic, certificate.publicKey.export({ format: 'der', type: 'spki' }))).to.equal(
            0,
        );
        expect((await stat(join(identity, 'msp/keystore/priv_sk'))).mode & 0o077).to.equal(0);
    });

    it('enables NodeOUs in msp/config.yaml pointing at the CA certificate', async function () {
        const config = await readFile(join(orgDir, 'msp/config.yaml'), 'utf8');
        for (const [key, unit] of [
            ['ClientOUIdentifier', 'client'],
            ['PeerOUIdentifier', 'peer'],
            ['AdminOUIdentifier', 'admin'],
            ['OrdererOUIdentifier', 'orderer'],
        ]) {
            expect(config).to.include(
                `  ${key}:\n    Certificate: cacerts/ca.healthco.bia.example-cert.pem\n    OrganizationalUnitIdentifier: ${unit}\n`,
            );
        }
        expect(config).to.match(/^NodeOUs:\n {2}Enable: true\n/);
    });

    it('gives the peer TLS file paths through peerTlsFiles', function () {
        const files = peerTlsFiles({ topology, outputDir, orgName: 'healthco' });
        expect(files.certificate).to.equal(join(orgDir, 'peers/peer0.healthco.bia.example/tls/server.crt'));
        expect(files.privateKey).to.equal(join(orgDir, 'peers/peer0.healthco.bia.example/tls/server.key'));
        expect(files.caCertificate).to.equal(join(orgDir, 'peers/peer0.healthco.bia.example/tls/ca.crt'));
        expect(() => peerTlsFiles({ topology, outputDir, orgName: 'nobody' })).to.throw('nobody');
    });
});

describe('devnet crypto material regeneration', function () {
    const scratch: string[] = [];

    after(async function () {
        await Promise.all(scratch.map(removeDir));
    });

    async function freshDir(): Promise<string> {
        const dir = await scratchDir('regenerate');
        scratch.push(dir);
        return dir;
    }

    it('keeps existing identities and adds users when userCount grows', async function () {
        const outputDir = await freshDir();
        const topology = smallTopology(1);
        await generateCryptoMaterial({ topology, outputDir });
        const carrier = join(outputDir, 'organizations/peerOrganizations/carrier.bia.example');
        const files = [
            'ca/priv_sk',
            'ca/ca.carrier.bia.example-cert.pem',
            'peers/peer0.carrier.bia.example/msp/keystore/priv_sk',
            'users/User1@carrier.bia.example/msp/signcerts/User1@carrier.bia.example-cert.pem',
        ];
        const before = await Promise.all(files.map((file) => readFile(join(carrier, file), 'utf8')));

        await generateCryptoMaterial({ topology: smallTopology(3), outputDir });

        const afterwards = await Promise.all(files.map((file) => readFile(join(carrier, file), 'utf8')));
        expect(afterwards).to.deep.equal(before);
        const ca = await certificateAt(join(carrier, 'ca/ca.carrier.bia.example-cert.pem'));
        const user3 = await certificateAt(
            join(carrier, 'users/User3@carrier.bia.example/msp/signcerts/User3@carrier.bia.example-cert.pem'),
        );
        expect(user3.verify(ca.publicKey)).to.equal(true);
        expect((await readdir(join(carrier, 'users'))).filter((name) => name.includes('.partial-'))).to.deep.equal([]);
    });

    it('regenerates a deleted identity folder and refuses to replace a deleted CA under existing identities', async function () {
        const outputDir = await freshDir();
        const topology = smallTopology(1);
        await generateCryptoMaterial({ topology, outputDir });
        const carrier = join(outputDir, 'organizations/peerOrganizations/carrier.bia.example');
        await rm(join(carrier, 'users/User1@carrier.bia.example'), { recursive: true });
        await generateCryptoMaterial({ topology, outputDir });
        expect((await stat(join(carrier, 'users/User1@carrier.bia.example/msp/keystore/priv_sk'))).isFile()).to.equal(
            true,
        );

        await rm(join(carrier, 'ca'), { recursive: true });
        await expect(generateCryptoMaterial({ topology, outputDir })).to.be.rejectedWith(/CA folder .* is missing/);
    });
});

describe('devnet connection files', function () {
    let outputDir: string;
    let topology: Topology;
    let written: Map<string, string>;

    before(async function () {
        topology = smallTopology(2);
        outputDir = await scratchDir('connections');
        await generateCryptoMaterial({ topology, outputDir });
        written = await writeConnectionFiles({
            topology,
            outputDir,
            endpoints: new Map([['healthco', '127.0.0.1:41051']]),
        });
    });

    after(async function () {
        await removeDir(outputDir);
    });

    it('writes one file per peer organisation under connections/ and returns absolute paths', function () {
        expect([...written.keys()].sort()).to.deep.equal(topology.organizations.map((org) => org.name).sort());
        for (const [name, path] of written) {
            expect(path).to.equal(resolve(outputDir, 'connections', `${name}.json`));
        }
    });

    it('describes the organisation, its peer and its identities with paths relative to the file', async function () {
        const path = written.get('healthco')!;
        const file = JSON.parse(await readFile(path, 'utf8')) as ConnectionFile;
        const org = organization(topology, 'healthco');
        expect(file).to.include({
            name: 'healthco',
            mspId: org.mspId,
            channel: topology.channel,
            chaincode: topology.chaincode,
            peerEndpoint: '127.0.0.1:41051',
            peerHostAlias: 'peer0.healthco.bia.example',
            tlsCACert:
                '../organizations/peerOrganizations/healthco.bia.example/tlsca/tlsca.healthco.bia.example-cert.pem',
            defaultIdentity: 'User1',
        });
        expect(Object.keys(file.identities)).to.deep.equal(['Admin', 'User1', 'User2']);
        expect(file.identities.User2).to.deep.equal({
            certificate:
                '../organizations/peerOrganizations/healthco.bia.example/users/User2@healthco.bia.example/msp/signcerts/User2@healthco.bia.example-cert.pem',
            privateKey:
                '../organizations/peerOrganizations/healthco.bia.example/users/User2@healthco.bia.example/msp/keystore/priv_sk',
        });
        const base = resolve(outputDir, 'connections');
        for (const identity of Object.values(file.identities)) {
            expect((await stat(resolve(base, identity.certificate))).isFile()).to.equal(true);
            expect((await stat(resolve(base, identity.privateKey))).isFile()).to.equal(true);
        }
        expect((await stat(resolve(base, file.tlsCACert))).isFile()).to.equal(true);
    });

    it('defaults an organisation missing from endpoints to localhost and its topology port', async function () {
        const file = JSON.parse(await readFile(written.get('carrier')!, 'utf8')) as ConnectionFile;
        expect(file.peerEndpoint).to.equal(`localhost:${organization(topology, 'carrier').peer.port}`);
    });
});

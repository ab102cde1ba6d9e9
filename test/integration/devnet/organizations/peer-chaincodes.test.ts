// One chaincode process per organisation's peer, as Fabric runs them: each answers getMspID() with its own peer's MSP
// ID, writes to its own organisation's implicit collection, and several organisations' endorsements of one proposal
// execute at the same time. Driven by the unmodified fabric-gateway client and the orgs fixture chaincode.
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as chai from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { loadTopology, startDevnet, type Devnet } from '../../../../network/devnet/src';
import { connectClient, type ConnectedClient } from '../protocol/client';

chai.use(chaiAsPromised);
const { expect } = chai;

const CHAINCODE = 'orgs';
const fixture = resolve(__dirname, '../../../fixtures/chaincode/orgs');
const utf8 = (bytes: Uint8Array): string => Buffer.from(bytes).toString();
const topology = loadTopology();
const organizations = topology.organizations;

describe('devnet: one chaincode process per organisation', function () {
    this.timeout(90_000);

    let dataDir: string;
    let devnet: Devnet | undefined;
    const clients = new Map<string, ConnectedClient>();

    before(async () => {
        dataDir = await mkdtemp(join(tmpdir(), 'devnet-orgs-'));
        devnet = await startDevnet({
            dataDir,
            batch: { maxMessageCount: 10, batchTimeoutMs: 50 },
            chaincodes: [
                {
                    name: CHAINCODE,
                    packageDir: fixture,
                    // Any one organisation's peer may endorse, so that each can write its own implicit collection.
                    endorsementPolicy: `OR(${organizations.map((org) => `'${org.mspId}.peer'`).join(', ')})`,
                },
            ],
        });
        for (const org of organizations) {
            clients.set(org.name, connectClient(devnet.connectionFiles.get(org.name) ?? ''));
        }
    });

    after(async () => {
        clients.forEach((client) => {
            client.close();
        });
        await devnet?.stop();
        await rm(dataDir, { recursive: true, force: true });
    });

    function contract(orgName: string) {
        const client = clients.get(orgName);
        if (!client) {
            throw new Error(`no client for ${orgName}`);
        }
        return client.gateway.getNetwork(topology.channel).getContract(CHAINCODE);
    }

    function mspIdOf(orgName: string): string {
        const org = organizations.find((candidate) => candidate.name === orgName);
        if (!org) {
            throw new Error(`no organisation ${orgName}`);
        }
        return org.mspId;
    }

    it('starts one process per organisation, each logging to its own file', () => {
        const logs = readdirSync(join(dataDir, 'logs')).filter((name) => name.startsWith(`chaincode-${CHAINCODE}-`));
        expect(logs.sort()).to.deep.equal(organizations.map((org) => `chaincode-${CHAINCODE}-${org.name}.log`).sort());
    });

    it('answers getMspID() with the MSP ID of the peer that runs the transaction', async () => {
        for (const org of organizations) {
            const answer = await contract(org.name).evaluateTransaction('peerMspId');
            expect(utf8(answer), `evaluated at ${org.name}'s peer`).to.equal(org.mspId);
        }
        // The peer that runs it, not the client's organisation: secretariat's client asks carrier's peer.
        const elsewhere = await contract('secretariat').evaluate('peerMspId', {
            endorsingOrganizations: [mspIdOf('carrier')],
        });
        expect(utf8(elsewhere)).to.equal(mspIdOf('carrier'));
    });

    it('runs two organisations endorsements of one proposal at the same time', async () => {
        const folder = join(dataDir, 'rendezvous');
        const endorsers = [mspIdOf('healthco'), mspIdOf('carrier')];

        const result = await contract('healthco').submit('rendezvous', {
            arguments: [folder, String(endorsers.length)],
            endorsingOrganizations: endorsers,
        });

        // Each execution returned only after seeing the other one in progress (the fixture waits for both).
        expect(JSON.parse(utf8(result))).to.deep.equal([...endorsers].sort());
    });

    it("writes to and reads from the endorsing organisation's own implicit collection", async () => {
        const key = `secret-${randomUUID()}`;
        const healthco = mspIdOf('healthco');
        const carrier = mspIdOf('carrier');

        const written = await contract('healthco').submit('putOwn', {
            arguments: [key],
            transientData: { value: 'healthco value' },
            endorsingOrganizations: [healthco],
        });
        await contract('carrier').submit('putOwn', {
            arguments: [key],
            transientData: { value: 'carrier value' },
            endorsingOrganizations: [carrier],
        });

        expect(utf8(written)).to.equal(`_implicit_org_${healthco}`);
        expect(utf8(await contract('healthco').evaluateTransaction('getOwn', key))).to.equal('healthco value');
        expect(utf8(await contract('carrier').evaluateTransaction('getOwn', key))).to.equal('carrier value');
        // A peer holds only its own organisation's implicit collection; every peer has the hash, and says so.
        await expect(contract('carrier').evaluateTransaction('getFrom', healthco, key)).to.be.rejectedWith(
            'private data matching public hash version is not available',
        );
        expect(utf8(await contract('healthco').evaluateTransaction('getFrom', healthco, key))).to.equal(
            'healthco value',
        );
        const hashAtCarrier = utf8(await contract('carrier').evaluateTransaction('hashFrom', healthco, key));
        expect(hashAtCarrier).to.match(/^[0-9a-f]{64}$/);
        expect(utf8(await contract('secretariat').evaluateTransaction('getOwn', key))).to.equal('');
    });
});

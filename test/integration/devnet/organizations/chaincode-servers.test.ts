// Chaincode-as-a-service with one server per organisation, as each Fabric peer dials its own: each server is started
// with its organisation's MSP ID, and the devnet routes each organisation's proposals to that organisation's server.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as chai from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { startDevnet, type Devnet } from '../../../../network/devnet/src';
import { launchChaincodeServer, type LaunchedChaincode } from '../../../../network/devnet/src/chaincode';
import { freePort } from '../../../unit/devnet/chaincode/fixtures';
import { connectClient, type ConnectedClient } from '../protocol/client';
import { twoOrganizations } from '../support/two-organizations';

chai.use(chaiAsPromised);
const { expect } = chai;

const CHANNEL = 'servers';
const CHAINCODE = 'orgs';
const fixture = resolve(__dirname, '../../../fixtures/chaincode/orgs');
const topology = twoOrganizations(CHANNEL, CHAINCODE);
const utf8 = (bytes: Uint8Array): string => Buffer.from(bytes).toString();

describe('devnet: a chaincode server per organisation', function () {
    this.timeout(90_000);

    let dataDir: string;
    let devnet: Devnet | undefined;
    const servers: LaunchedChaincode[] = [];
    const clients: ConnectedClient[] = [];

    before(async () => {
        dataDir = await mkdtemp(join(tmpdir(), 'devnet-servers-'));
        const addresses: Record<string, string> = {};
        for (const org of topology.organizations) {
            const address = `127.0.0.1:${String(await freePort())}`;
            servers.push(
                await launchChaincodeServer({
                    chaincodeId: `${CHAINCODE}_1.0:${org.name}`,
                    packageDir: fixture,
                    address,
                    // What an operator gives each organisation's server, as a peer gives the chaincode it launches.
                    env: { CORE_PEER_LOCALMSPID: org.mspId },
                }),
            );
            addresses[org.name] = address;
        }
        devnet = await startDevnet({ dataDir, topology, chaincodes: [{ name: CHAINCODE, addresses }] });
        for (const org of topology.organizations) {
            clients.push(connectClient(devnet.connectionFiles.get(org.name) ?? ''));
        }
    });

    after(async () => {
        clients.forEach((client) => {
            client.close();
        });
        await devnet?.stop();
        await Promise.all(servers.map((server) => server.stop()));
        await rm(dataDir, { recursive: true, force: true });
    });

    it("sends each organisation's proposals to that organisation's server", async () => {
        for (const [index, org] of topology.organizations.entries()) {
            const contract = clients[index]!.gateway.getNetwork(CHANNEL).getContract(CHAINCODE);
            expect(utf8(await contract.evaluateTransaction('peerMspId')), org.name).to.equal(org.mspId);
        }
    });

    it('endorses on both servers at the same time', async () => {
        const contract = clients[0]!.gateway.getNetwork(CHANNEL).getContract(CHAINCODE);
        const mspIds = topology.organizations.map((org) => org.mspId);

        const result = await contract.submit('rendezvous', {
            arguments: [join(dataDir, 'rendezvous'), String(mspIds.length)],
            endorsingOrganizations: mspIds,
        });

        expect(JSON.parse(utf8(result))).to.deep.equal([...mspIds].sort());
    });

    it('refuses addresses that do not name every organisation', async () => {
        const otherDir = await mkdtemp(join(tmpdir(), 'devnet-servers-'));
        try {
            await expect(
                startDevnet({
                    dataDir: otherDir,
                    topology,
                    chaincodes: [{ name: CHAINCODE, addresses: { org1: '127.0.0.1:1', orgX: '127.0.0.1:2' } }],
                }),
            ).to.be.rejectedWith(
                'chaincode orgs: addresses must name the chaincode server of each organisation (org1, org2); unknown: orgX; missing: org2',
            );
        } finally {
            await rm(otherDir, { recursive: true, force: true });
        }
    });
});

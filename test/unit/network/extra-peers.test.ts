// A second peer for an organisation (topology.json `extraPeers`, `network up --peers-per-org N`): what the fault
// tests need, without changing the default one-peer-per-organisation network.
import { expect } from 'chai';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
    Layout,
    allPorts,
    cryptoConfig,
    loadTopology,
    parseTopology,
    peerLines,
    renderNetwork,
    runCli,
} from '../../../network/tools/src';
import { organizationPeers } from '@bia/devnet/topology';
import type { ConnectionProfile } from '@bia/model';

const topologyPath = join(__dirname, '../../../network/config/topology.json');
const options = {
    orderers: 3,
    batchTimeout: '100ms',
    maxMessageCount: 100,
    raftTickInterval: '100ms',
    stateDatabase: 'goleveldb',
} as const;

describe('network tools: extra peers', () => {
    const topology = loadTopology();
    const healthco = topology.organizations.find((org) => org.name === 'healthco')!;
    let generated: string;

    beforeEach(() => {
        generated = mkdtempSync(join(tmpdir(), 'bia-extra-peers-'));
    });

    afterEach(() => {
        rmSync(generated, { recursive: true, force: true });
    });

    it('topology.json gives healthco a second peer with ports of its own', () => {
        expect(healthco.extraPeers?.map((peer) => peer.name)).to.deep.equal(['peer1']);
        expect(allPorts(topology).get('healthco peer1 listen')).to.equal(healthco.extraPeers?.[0]?.port);
    });

    it('one peer line per organisation by default, each organisation s first N peers with --peers-per-org N', () => {
        const layout = new Layout(generated);
        const node = (line: string): string | undefined => line.split('|')[2];
        expect(peerLines(topology, layout).map(node)).to.deep.equal(
            topology.organizations.map((org) => `${org.peer.name}.${org.name}`),
        );
        expect(peerLines(topology, layout, 2).map(node)).to.deep.equal([
            'peer0.secretariat',
            'peer0.healthco',
            'peer1.healthco',
            'peer0.healthcentres',
            'peer0.carrier',
        ]);
        expect(runCli(['peers', '--generated', generated, '--peers-per-org', '2'], topologyPath).length).to.equal(5);
        expect(() => runCli(['peers', '--generated', generated, '--peers-per-org', '0'], topologyPath)).to.throw(
            /--peers-per-org must be a positive integer/,
        );
    });

    it('cryptogen issues material for every peer, started or not', () => {
        const specs = cryptoConfig(topology).PeerOrgs.find((org) => org.Domain === healthco.domain)?.Specs;
        expect(specs?.map((spec) => spec.Hostname)).to.deep.equal(['peer0', 'peer1']);
    });

    it('renders the second peer: its own ports and identity, bootstrapping gossip from its organisation s first peer', () => {
        const layout = new Layout(generated);
        renderNetwork(topology, layout, { ...options, peersPerOrg: 2 });
        const env = readFileSync(join(generated, 'nodes', 'peer1.healthco', 'node.env'), 'utf8');
        const peer1 = healthco.extraPeers![0]!;
        expect(env).to.include(`CORE_PEER_ID='peer1.healthco.bia.example'`);
        expect(env).to.include(`CORE_PEER_ADDRESS='127.0.0.1:${String(peer1.port)}'`);
        expect(env).to.include(`CORE_PEER_CHAINCODELISTENADDRESS='127.0.0.1:${String(peer1.chaincodePort)}'`);
        expect(env).to.include(`CORE_OPERATIONS_LISTENADDRESS='127.0.0.1:${String(peer1.operationsPort)}'`);
        expect(env).to.include(
            `CORE_PEER_GOSSIP_BOOTSTRAP='127.0.0.1:${String(peer1.port)} 127.0.0.1:${String(healthco.peer.port)}'`,
        );
        const admin = readFileSync(join(generated, 'nodes', 'peer1.healthco', 'admin.env'), 'utf8');
        expect(admin).to.include(`CORE_PEER_ADDRESS='127.0.0.1:${String(peer1.port)}'`);
        const profile = JSON.parse(
            readFileSync(join(generated, 'connections', 'peers', 'peer1.healthco.json'), 'utf8'),
        ) as { peerEndpoint: string; peerHostAlias: string; mspId: string };
        expect(profile).to.include({
            peerEndpoint: `localhost:${String(peer1.port)}`,
            peerHostAlias: 'peer1.healthco.bia.example',
            mspId: 'HealthcoMSP',
        });
        // The organisations' own connection files are unchanged: one per organisation, through its first peer.
        expect(readdirSync(join(generated, 'connections')).filter((name) => name.endsWith('.json'))).to.have.length(4);
    });

    it('lists the running extra peers as failoverPeers in the organisation s own connection file', () => {
        const read = (org: string): ConnectionProfile =>
            JSON.parse(readFileSync(join(generated, 'connections', `${org}.json`), 'utf8')) as ConnectionProfile;
        const peer1 = healthco.extraPeers![0]!;

        renderNetwork(topology, new Layout(generated), { ...options, peersPerOrg: 2 });
        const withTwo = read('healthco');
        renderNetwork(topology, new Layout(generated), options);
        const withOne = read('healthco');

        expect(withTwo.peerEndpoint).to.equal(`localhost:${String(healthco.peer.port)}`);
        expect(withTwo.failoverPeers).to.deep.equal([
            {
                endpoint: `localhost:${String(peer1.port)}`,
                hostAlias: 'peer1.healthco.bia.example',
                tlsCACert:
                    '../organizations/peerOrganizations/healthco.bia.example/peers/peer1.healthco.bia.example/tls/ca.crt',
            },
        ]);
        expect(read('secretariat')).to.not.have.property('failoverPeers');
        expect(withOne).to.not.have.property('failoverPeers');
    });

    it('without --peers-per-org nothing is rendered for extra peers', () => {
        renderNetwork(topology, new Layout(generated), options);
        expect(readdirSync(join(generated, 'nodes'))).to.not.include('peer1.healthco');
        expect(organizationPeers(healthco, 1)).to.deep.equal([healthco.peer]);
    });

    it('refuses an extra peer named like the organisation s peer, and a port used twice', () => {
        const raw = JSON.parse(readFileSync(topologyPath, 'utf8')) as {
            organizations: { extraPeers?: { name: string; port: number }[] }[];
        };
        const named = structuredClone(raw);
        named.organizations[1]!.extraPeers![0]!.name = 'peer0';
        expect(() => parseTopology(named)).to.throw(/extraPeers\[0\]\.name 'peer0' is already a peer's name/);
        const clash = structuredClone(raw);
        clash.organizations[1]!.extraPeers![0]!.port = 7051;
        expect(() => parseTopology(clash)).to.throw(/port 7051 is used by both/);
    });
});

import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
    Layout,
    allPorts,
    configtx,
    connectionProfile,
    cryptoConfig,
    loadTopology,
    ordererEnvironment,
    parseTopology,
    peerEnvironment,
    peerNodeName,
    renderNetwork,
    runCli,
    selectedOrderers,
    type Topology,
} from '../../../network/tools/src';

const repoRoot = resolve(__dirname, '..', '..', '..');
const topologyPath = join(repoRoot, 'network', 'config', 'topology.json');
const ordering = { orderers: 1, batchTimeout: '100ms', maxMessageCount: 100, raftTickInterval: '100ms' } as const;

interface Collection {
    readonly name: string;
    readonly policy: string;
}

interface ConfigtxOrg {
    readonly ID: string;
    readonly MSPDir: string;
    readonly AnchorPeers?: readonly { readonly Host: string; readonly Port: number }[];
    readonly OrdererEndpoints?: readonly string[];
}

interface ChannelProfile {
    readonly Orderer: {
        readonly BatchTimeout: string;
        readonly BatchSize: { readonly MaxMessageCount: number };
        readonly EtcdRaft: { readonly Consenters: readonly { readonly Port: number }[] };
        readonly Organizations: readonly ConfigtxOrg[];
    };
    readonly Application: { readonly Organizations: readonly ConfigtxOrg[] };
}

function profileOf(document: Record<string, unknown>): ChannelProfile {
    return (document.Profiles as Record<string, ChannelProfile>).AssociationChannel!;
}

function mspIdsIn(policy: string): string[] {
    return [...policy.matchAll(/'([A-Za-z0-9]+MSP)\.[a-z]+'/g)].map((match) => match[1]!);
}

describe('network configuration', () => {
    let topology: Topology;
    let layout: Layout;

    beforeEach(() => {
        topology = loadTopology(topologyPath);
        layout = new Layout(join(tmpdir(), `bia-network-${process.pid}-${Date.now()}`));
    });

    describe('topology.json', () => {
        it('parses, names four or more peer organisations with distinct MSP IDs, domains and names', () => {
            const orgs = topology.organizations;

            expect(orgs.length).to.be.at.least(4);
            expect(new Set(orgs.map((org) => org.mspId)).size).to.equal(orgs.length);
            expect(new Set(orgs.map((org) => org.domain)).size).to.equal(orgs.length);
            expect(new Set(orgs.map((org) => org.name)).size).to.equal(orgs.length);
            expect(topology.channel).to.equal('association');
            expect(topology.chaincode).to.equal('bia');
        });

        it('gives every listener its own port, the upgrade slot of the chaincode server included', () => {
            const ports = [...allPorts(topology).values()];

            expect(new Set(ports).size).to.equal(ports.length);
            expect(ports).to.include(topology.chaincodeServer.port + 1);
        });

        it('has an endorsement policy naming only its own organisations, any two of them rather than a majority of all', () => {
            const named = mspIdsIn(topology.endorsementPolicy);

            expect(named.length).to.be.greaterThan(0);
            expect(topology.organizations.map((org) => org.mspId)).to.include.members(named);
            expect(topology.endorsementPolicy).to.match(/^OutOf\(2,/);
        });

        it('agrees with the chaincode package: one terms collection per organisation, members of that MSP only', () => {
            const collections = JSON.parse(
                readFileSync(join(repoRoot, 'chaincode', 'collections_config.json'), 'utf8'),
            ) as Collection[];

            expect(collections.map((collection) => collection.name).sort()).to.deep.equal(
                topology.organizations.map((org) => `terms_${org.mspId}`).sort(),
            );
            for (const collection of collections) {
                expect(collection.policy).to.equal(`OR('${collection.name.replace('terms_', '')}.member')`);
            }
        });

        it('rejects a topology with a missing field, naming it', () => {
            const broken = JSON.parse(readFileSync(topologyPath, 'utf8')) as { organizations: { mspId?: string }[] };
            delete broken.organizations[1]!.mspId;

            expect(() => parseTopology(broken)).to.throw('organizations[1].mspId is missing');
        });

        it('rejects two listeners on one port, naming both', () => {
            const broken = JSON.parse(readFileSync(topologyPath, 'utf8')) as Topology;
            const clash = { ...broken, chaincodeServer: { port: broken.organizations[0]!.peer.port } };

            expect(() => parseTopology(clash)).to.throw(/port \d+ is used by both .*peer listen and chaincode server/);
        });
    });

    describe('crypto-config', () => {
        it('issues material for every orderer and for each organisation its peer, admin and users', () => {
            const config = cryptoConfig(topology);

            expect(config.OrdererOrgs[0]!.Domain).to.equal(topology.ordererOrganization.domain);
            expect(config.OrdererOrgs[0]!.Specs.map((spec) => spec.Hostname)).to.deep.equal(
                topology.ordererOrganization.orderers.map((orderer) => orderer.name),
            );
            expect(config.PeerOrgs.map((org) => [org.Domain, org.Specs[0]!.Hostname, org.Users?.Count])).to.deep.equal(
                topology.organizations.map((org) => [org.domain, org.peer.name, org.userCount]),
            );
            expect(config.PeerOrgs.every((org) => org.Specs[0]!.SANS.includes('127.0.0.1'))).to.equal(true);
        });
    });

    describe('configtx', () => {
        it('puts every organisation in the channel with its anchor peer at its topology port', () => {
            const profile = profileOf(configtx(topology, layout, ordering));

            expect(profile.Application.Organizations.map((org) => [org.ID, org.AnchorPeers])).to.deep.equal(
                topology.organizations.map((org) => [org.mspId, [{ Host: '127.0.0.1', Port: org.peer.port }]]),
            );
            expect(profile.Application.Organizations[0]!.MSPDir).to.equal(
                join(layout.root, 'organizations', 'peerOrganizations', topology.organizations[0]!.domain, 'msp'),
            );
        });

        it('uses the chosen number of Raft consenters, their endpoints and the batch settings', () => {
            const options = { ...ordering, orderers: 3, batchTimeout: '250ms', maxMessageCount: 37 };
            const profile = profileOf(configtx(topology, layout, options));
            const ports = topology.ordererOrganization.orderers.map((orderer) => orderer.port);

            expect(profile.Orderer.EtcdRaft.Consenters.map((consenter) => consenter.Port)).to.deep.equal(ports);
            expect(profile.Orderer.Organizations[0]!.OrdererEndpoints).to.deep.equal(
                ports.map((port) => `127.0.0.1:${port}`),
            );
            expect(profile.Orderer.BatchTimeout).to.equal('250ms');
            expect(profile.Orderer.BatchSize.MaxMessageCount).to.equal(37);
        });

        it('refuses more orderers than the topology defines', () => {
            expect(() => selectedOrderers(topology, topology.ordererOrganization.orderers.length + 1)).to.throw(
                'is not between 1 and',
            );
        });
    });

    describe('node environments', () => {
        it('gives each peer its own addresses, MSP and file-system paths from the topology', () => {
            const environments = topology.organizations.map((org) =>
                peerEnvironment(layout, org, peerNodeName(org), { stateDatabase: 'goleveldb' }),
            );

            topology.organizations.forEach((org, index) => {
                const environment = environments[index]!;
                expect(environment.CORE_PEER_LOCALMSPID).to.equal(org.mspId);
                expect(environment.CORE_PEER_LISTENADDRESS).to.equal(`127.0.0.1:${org.peer.port}`);
                expect(environment.CORE_PEER_GOSSIP_EXTERNALENDPOINT).to.equal(`127.0.0.1:${org.peer.port}`);
                expect(environment.CORE_PEER_CHAINCODELISTENADDRESS).to.equal(`127.0.0.1:${org.peer.chaincodePort}`);
                expect(environment.CORE_OPERATIONS_LISTENADDRESS).to.equal(`127.0.0.1:${org.peer.operationsPort}`);
                expect(environment.CORE_PEER_TLS_ENABLED).to.equal('true');
            });
            expect(new Set(environments.map((environment) => environment.CORE_PEER_FILESYSTEMPATH)).size).to.equal(
                environments.length,
            );
            expect(new Set(environments.map((environment) => environment.FABRIC_CFG_PATH)).size).to.equal(
                environments.length,
            );
        });

        it('runs orderers without a system channel, with TLS and a client-authenticated admin endpoint', () => {
            const orderer = topology.ordererOrganization.orderers[0]!;
            const environment = ordererEnvironment(layout, topology, orderer);

            expect(environment.ORDERER_GENERAL_BOOTSTRAPMETHOD).to.equal('none');
            expect(environment.ORDERER_CHANNELPARTICIPATION_ENABLED).to.equal('true');
            expect(environment.ORDERER_GENERAL_LISTENPORT).to.equal(String(orderer.port));
            expect(environment.ORDERER_ADMIN_LISTENADDRESS).to.equal(`127.0.0.1:${orderer.adminPort}`);
            expect(environment.ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED).to.equal('true');
            expect(environment.ORDERER_GENERAL_TLS_ENABLED).to.equal('true');
        });
    });

    describe('connection files', () => {
        it('have exactly the fields the client library reads, with the peer endpoint and host alias', () => {
            const org = topology.organizations[1]!;
            const profile = connectionProfile(topology, layout, org);

            expect(Object.keys(profile).sort()).to.deep.equal(
                [
                    'chaincode',
                    'channel',
                    'defaultIdentity',
                    'identities',
                    'mspId',
                    'name',
                    'peerEndpoint',
                    'peerHostAlias',
                    'tlsCACert',
                ].sort(),
            );
            expect(profile.peerEndpoint).to.equal(`localhost:${org.peer.port}`);
            expect(profile.peerHostAlias).to.equal(`${org.peer.name}.${org.domain}`);
            expect(profile.mspId).to.equal(org.mspId);
            expect(Object.keys(profile.identities)).to.have.length(org.userCount + 1);
            expect(profile.identities[profile.defaultIdentity]).to.not.equal(undefined);
        });

        it('name files by paths relative to the connection file, inside the generated folder', () => {
            const org = topology.organizations[0]!;
            const profile = connectionProfile(topology, layout, org);
            const admin = profile.identities.Admin!;

            expect(resolve(layout.connectionsDir, admin.certificate)).to.equal(
                join(layout.userDir(org, 'Admin'), 'msp', 'signcerts', `Admin@${org.domain}-cert.pem`),
            );
            expect(resolve(layout.connectionsDir, profile.tlsCACert)).to.equal(
                join(layout.peerDir(org), 'tls', 'ca.crt'),
            );
            expect(admin.privateKey.startsWith('..')).to.equal(true);
        });
    });

    describe('rendered files', () => {
        let generated: string;

        beforeEach(() => {
            generated = mkdtempSync(join(tmpdir(), 'bia-render-'));
        });

        afterEach(() => {
            rmSync(generated, { recursive: true, force: true });
        });

        it('parse, and agree with the topology on organisations, MSP IDs, ports and channel', () => {
            const target = new Layout(generated);
            renderNetwork(topology, target, { ...ordering, stateDatabase: 'goleveldb' });

            const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
            const profile = profileOf(readJson(join(generated, 'config', 'configtx.yaml')) as Record<string, unknown>);
            expect(profile.Application.Organizations.map((org) => org.ID)).to.deep.equal(
                topology.organizations.map((org) => org.mspId),
            );
            for (const org of topology.organizations) {
                const connection = readJson(join(generated, 'connections', `${org.name}.json`)) as Record<
                    string,
                    unknown
                >;
                expect([connection.mspId, connection.channel, connection.peerEndpoint]).to.deep.equal([
                    org.mspId,
                    topology.channel,
                    `localhost:${org.peer.port}`,
                ]);
                const nodeEnv = readFileSync(join(generated, 'nodes', peerNodeName(org), 'node.env'), 'utf8');
                expect(nodeEnv).to.contain(`export CORE_PEER_LISTENADDRESS='127.0.0.1:${org.peer.port}'`);
            }
        });

        it('answer the scripts through the command line', () => {
            expect(runCli(['get', 'channel', 'chaincode'], topologyPath)).to.deep.equal([
                topology.channel,
                topology.chaincode,
            ]);
            expect(runCli(['peers', '--generated', generated], topologyPath)).to.have.length(
                topology.organizations.length,
            );
            expect(() => runCli(['get', 'nonsense'], topologyPath)).to.throw("unknown key 'nonsense'");
            expect(() => runCli(['constructor'], topologyPath)).to.throw('usage: network-config');
        });
    });
});

import { expect } from 'chai';
import { load } from 'js-yaml';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
    Layout,
    allPorts,
    caLines,
    caName,
    caOrganizations,
    connectionProfile,
    identityNames,
    nodeOusConfig,
    loadTopology,
    parseTopology,
    runCli,
    type Topology,
} from '../../../network/tools/src';

const repoRoot = resolve(__dirname, '..', '..', '..');
const topologyPath = join(repoRoot, 'network', 'config', 'topology.json');

interface NodeOus {
    readonly NodeOUs: Readonly<
        Record<string, { readonly Certificate: string; readonly OrganizationalUnitIdentifier: string }>
    > & {
        readonly Enable: boolean;
    };
}

describe('Fabric CA option', () => {
    let topology: Topology;
    let layout: Layout;

    beforeEach(() => {
        topology = loadTopology(topologyPath);
        layout = new Layout(join(tmpdir(), `bia-fabric-ca-${process.pid}-${Date.now()}`));
    });

    afterEach(() => {
        rmSync(layout.root, { recursive: true, force: true });
    });

    it('gives every organisation, the orderers included, a CA whose ports clash with no other listener', () => {
        const ports = allPorts(topology);

        expect(ports.get(`${topology.ordererOrganization.name} CA`)).to.equal(topology.ordererOrganization.ca.port);
        for (const org of topology.organizations) {
            expect(ports.get(`${org.name} CA`)).to.equal(org.ca.port);
            expect(ports.get(`${org.name} CA operations`)).to.equal(org.ca.operationsPort);
        }
        expect(new Set(ports.values()).size).to.equal(ports.size);
    });

    it('rejects a topology whose organisation has no CA, naming it', () => {
        const broken = JSON.parse(readFileSync(topologyPath, 'utf8')) as { organizations: { ca?: unknown }[] };
        delete broken.organizations[2]!.ca;

        expect(() => parseTopology(broken)).to.throw('organizations[2].ca is missing');
    });

    it("issues into cryptogen's folders: the orderer organisation's orderers and admin, each organisation's peer, admin and users", () => {
        const [orderers, ...peers] = caOrganizations(topology, layout);

        expect(orderers).to.deep.include({
            name: topology.ordererOrganization.name,
            kind: 'orderer',
            orgDir: layout.ordererOrgDir(topology),
            users: ['Admin'],
        });
        expect(orderers!.nodes).to.deep.equal(
            topology.ordererOrganization.orderers.map(
                (orderer) => `${orderer.name}.${topology.ordererOrganization.domain}`,
            ),
        );
        expect(peers.map((org) => [org.name, org.kind, org.orgDir, org.nodes, org.users])).to.deep.equal(
            topology.organizations.map((org) => [
                org.name,
                'peer',
                layout.peerOrgDir(org),
                // Every peer the topology lists (extraPeers too), started or not, like the orderers.
                [org.peer, ...(org.extraPeers ?? [])].map((peer) => `${peer.name}.${org.domain}`),
                identityNames(org),
            ]),
        );
    });

    it('covers every identity the connection files name, inside the organisation folder it fills', () => {
        const byName = new Map(caOrganizations(topology, layout).map((org) => [org.name, org]));

        for (const org of topology.organizations) {
            const issued = byName.get(org.name)!;
            const profile = connectionProfile(topology, layout, org);

            expect(Object.keys(profile.identities)).to.deep.equal([...issued.users]);
            for (const files of Object.values(profile.identities)) {
                expect(
                    resolve(layout.connectionsDir, files.certificate).startsWith(`${issued.orgDir}/users/`),
                ).to.equal(true);
            }
        }
    });

    it('writes an MSP config with NodeOUs for the four identity types, all certified by the CA', () => {
        const config = load(nodeOusConfig('cacerts/ca.pem')) as NodeOus;

        expect(config.NodeOUs.Enable).to.equal(true);
        for (const type of ['Client', 'Peer', 'Admin', 'Orderer']) {
            expect(config.NodeOUs[`${type}OUIdentifier`]).to.deep.equal({
                Certificate: 'cacerts/ca.pem',
                OrganizationalUnitIdentifier: type.toLowerCase(),
            });
        }
    });

    it('answers the scripts with one line per CA and writes the NodeOUs config beside the CA homes', () => {
        const lines = runCli(['fabric-ca', '--generated', layout.root], topologyPath);

        expect(lines).to.deep.equal(caLines(topology, layout));
        expect(lines.map((line) => line.split('|').slice(0, 6))).to.deep.equal(
            caOrganizations(topology, layout).map((org) => [
                org.name,
                org.domain,
                org.kind,
                String(org.ca.port),
                String(org.ca.operationsPort),
                caName(org),
            ]),
        );
        const written = join(layout.root, 'ca', 'msp-config.yaml');
        expect(readFileSync(written, 'utf8')).to.equal(nodeOusConfig('cacerts/ca.pem'));
    });
});

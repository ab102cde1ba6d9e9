// A network spread over hosts (`network up --hosts`, `org add --host`; network/tools/src/hosts.ts): the inventory
// and placement, and what they change in the rendered configuration. The rehearsal on real hosts is
// npm run test:hosts (root and Fabric binaries); these run everywhere.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadTopology } from '@bia/devnet/topology';
import {
    Layout,
    ccaasServerTlsConnection,
    chaincodeServerHost,
    configtx,
    connectionProfile,
    cryptoConfig,
    initialPlacement,
    parseInventory,
    parsePlacement,
    peerEnvironment,
    peerLines,
    withPlacedOrganization,
} from '../../../network/tools/src';
import { withChannelOrganization } from '../../../network/tools/src/org-channel';

const repoRoot = resolve(__dirname, '..', '..', '..');
const topology = loadTopology(join(repoRoot, 'network', 'config', 'topology.json'));
const organizations = ['orderer', 'secretariat', 'healthco', 'healthcentres', 'carrier'];

const inventory = parseInventory({
    machines: Object.fromEntries([...organizations, 'university'].map((name) => [`${name}.bia.test`, `biah-${name}`])),
    placement: Object.fromEntries(organizations.map((name) => [name, `${name}.bia.test`])),
});

describe('a network spread over hosts', () => {
    const placement = initialPlacement(topology, inventory);
    const layout = new Layout('/g', placement);

    describe('inventory and placement', () => {
        it('places the ordering organisation and every organisation, and reads back what it writes', () => {
            expect(placement.assignments.map((entry) => `${entry.kind} ${entry.organization}`)).to.deep.equal([
                'orderer orderer',
                'peer secretariat',
                'peer healthco',
                'peer healthcentres',
                'peer carrier',
            ]);
            expect(placement.host('healthco')).to.equal('healthco.bia.test');
            expect(parsePlacement(placement.format()).assignments).to.deep.equal(placement.assignments);
            expect(placement.format().split('\n')[1]).to.equal(
                'peer|secretariat|secretariat.bia.test|biah-secretariat',
            );
        });

        it('refuses an inventory that leaves an organisation unplaced or names an unknown machine or bad names', () => {
            const partial = parseInventory({
                machines: { 'a.bia.test': 'biah-a' },
                placement: { orderer: 'a.bia.test' },
            });
            expect(() => initialPlacement(topology, partial)).to.throw(/secretariat/);
            expect(() => parseInventory({ machines: { 'a.bia.test': 'ns' }, placement: { x: 'b.bia.test' } })).to.throw(
                /placement.x names host 'b.bia.test'/,
            );
            expect(() => parseInventory({ machines: { localhost: 'ns' } })).to.throw(/not a host name/);
            expect(() => parseInventory({ machines: { 'a.bia.test': 'bad ns' } })).to.throw(/network namespace/);
            expect(() => parsePlacement('peer|a|a.bia.test\n')).to.throw(/line 1/);
        });

        it('puts a newcomer on a machine of the inventory, once, and nowhere else', () => {
            const grown = withPlacedOrganization(placement, inventory, 'university', 'university.bia.test');
            expect(grown.host('university')).to.equal('university.bia.test');
            expect(withPlacedOrganization(grown, inventory, 'university', 'university.bia.test')).to.equal(grown);
            expect(() => withPlacedOrganization(grown, inventory, 'university', 'carrier.bia.test')).to.throw(
                /runs on university.bia.test/,
            );
            expect(() => withPlacedOrganization(placement, inventory, 'school', 'school.bia.test')).to.throw(
                /not a machine of the inventory/,
            );
        });
    });

    describe('rendered configuration', () => {
        it("keeps each organisation's crypto material in its host's folder and hands out public copies", () => {
            const healthco = topology.organizations[1];
            expect(healthco?.name).to.equal('healthco');
            if (healthco === undefined) {
                return;
            }
            expect(layout.peerOrgDir(healthco)).to.equal(
                '/g/hosts/healthco/organizations/peerOrganizations/healthco.bia.example',
            );
            expect(layout.ordererOrgDir(topology)).to.equal(
                '/g/hosts/orderer/organizations/ordererOrganizations/orderer.bia.example',
            );
            expect(layout.peerTlsCaFile(healthco)).to.equal('/g/exchange/healthco/tls-ca.crt');
            expect(layout.publicMspDir('healthco', layout.peerOrgDir(healthco))).to.equal('/g/exchange/healthco/msp');
            // A single-host network keeps its layout.
            const single = new Layout('/g');
            expect(single.peerOrgDir(healthco)).to.equal('/g/organizations/peerOrganizations/healthco.bia.example');
            expect(single.peerTlsCaFile(healthco)).to.equal(join(single.peerDir(healthco), 'tls', 'ca.crt'));
        });

        it('gives every TLS certificate its host name, and the channel configuration host names only', () => {
            const crypto = cryptoConfig(topology, placement);
            expect(crypto.OrdererOrgs[0]?.Specs.map((spec) => spec.SANS[0])).to.deep.equal([
                'orderer.bia.test',
                'orderer.bia.test',
                'orderer.bia.test',
            ]);
            expect(crypto.PeerOrgs.map((org) => org.Specs[0]?.SANS[0])).to.deep.equal(
                organizations.slice(1).map((name) => `${name}.bia.test`),
            );
            const text = JSON.stringify(
                configtx(topology, layout, {
                    orderers: 3,
                    batchTimeout: '100ms',
                    maxMessageCount: 10,
                    raftTickInterval: '100ms',
                }),
            );
            expect(text).to.not.match(/127\.0\.0\.1|localhost/);
            expect(text).to.include(
                '"OrdererEndpoints":["orderer.bia.test:7050","orderer.bia.test:7150","orderer.bia.test:7250"]',
            );
            expect(text).to.include('"AnchorPeers":[{"Host":"carrier.bia.test","Port":10051}]');
            expect(text).to.include('"MSPDir":"/g/exchange/carrier/msp"');
        });

        it('has peers listen on their host and announce its name; clients and other admins dial that name', () => {
            const carrier = topology.organizations.find((org) => org.name === 'carrier');
            if (carrier === undefined) {
                throw new Error('no carrier in the topology');
            }
            const environment = peerEnvironment(layout, carrier, 'peer0.carrier', { stateDatabase: 'goleveldb' });
            expect(environment).to.include({
                CORE_PEER_LISTENADDRESS: '0.0.0.0:10051',
                CORE_PEER_ADDRESS: 'carrier.bia.test:10051',
                CORE_PEER_GOSSIP_EXTERNALENDPOINT: 'carrier.bia.test:10051',
                CORE_OPERATIONS_LISTENADDRESS: '127.0.0.1:9449',
            });
            expect(connectionProfile(topology, layout, carrier).peerEndpoint).to.equal('carrier.bia.test:10051');
            expect(peerLines(topology, layout).at(-1)?.split('|')[6]).to.equal('/g/exchange/carrier/tls-ca.crt');
        });

        it("adds a newcomer's anchor peer, at its host name, in the update that adds its organisation", () => {
            const config = { channel_group: { groups: { Application: { groups: { AMSP: {} } } } } };
            const group = { values: { MSP: { value: {} } }, policies: {} };
            const added = withChannelOrganization(config, 'UMSP', group, { Host: 'university.bia.test', Port: 12051 });
            expect(added).to.deep.equal({
                channel_group: {
                    groups: {
                        Application: {
                            groups: {
                                AMSP: {},
                                UMSP: {
                                    values: {
                                        MSP: { value: {} },
                                        AnchorPeers: {
                                            mod_policy: 'Admins',
                                            value: { anchor_peers: [{ host: 'university.bia.test', port: 12051 }] },
                                            version: '0',
                                        },
                                    },
                                    policies: {},
                                },
                            },
                        },
                    },
                },
            });
            expect(group.values).to.not.have.property('AnchorPeers');
        });

        it('writes a chaincode connection that every organisation can install: no key, every TLS CA', () => {
            const dir = mkdtempSync(join(tmpdir(), 'bia-hosts-'));
            try {
                const files = ['a', 'b'].map((name) => {
                    const file = join(dir, `${name}.crt`);
                    writeFileSync(file, `-----BEGIN CERTIFICATE-----\n${name}\n-----END CERTIFICATE-----\n`);
                    return file;
                });
                const connection = ccaasServerTlsConnection(`${chaincodeServerHost}:9999`, files);
                expect(connection).to.deep.equal({
                    address: 'chaincode.localhost:9999',
                    dial_timeout: '10s',
                    tls_required: true,
                    client_auth_required: false,
                    root_cert:
                        '-----BEGIN CERTIFICATE-----\na\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nb\n-----END CERTIFICATE-----\n',
                });
                expect(() => ccaasServerTlsConnection('x:1', [])).to.throw(/no TLS CA/);
            } finally {
                rmSync(dir, { recursive: true, force: true });
            }
        });
    });
});

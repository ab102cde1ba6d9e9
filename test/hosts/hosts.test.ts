// Runs from the client host of test/hosts/run.sh, after the network came up across the hosts and the chaincode was
// deployed (phase "deployed"), and again after `scripts/bia org add --host` put a fifth organisation on a new host
// (phase "added"). What a multi-machine deployment must hold: every private key stays in its own organisation's
// host folder and is certified by that organisation only; what moved between hosts (the exchange, the chaincode
// package, connection and node files) holds no key; every endpoint is a host name; every node runs in its own
// organisation's namespace; and each organisation's chaincode server runs with its own MSP ID.
import { execFileSync } from 'node:child_process';
import { X509Certificate, createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { expect, use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { type AssociationClient, NotFoundError, connect } from '@bia/client';
import type { ConnectionProfile } from '@bia/model';
import { type Association, association, closeAssociation } from '../integration/support/association';
import { chaincodeServerHost, parsePlacement, type Placement } from '../../network/tools/src';

use(chaiAsPromised);

after(closeAssociation);

const generated = process.env.BIA_GENERATED ?? '';
const connectionsDir = process.env.BIA_FABRIC_CONNECTIONS ?? '';
const phase = process.env.BIA_HOSTS_PHASE ?? '';
const newcomer = process.env.BIA_ORGS_NAME ?? 'university';

const pemBlock = /-----BEGIN ([A-Z ]+)-----[\s\S]*?-----END \1-----/g;
const privateKeyLabel = /^(?:EC |RSA |ENCRYPTED )?PRIVATE KEY$/;

function filesUnder(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
            return filesUnder(path);
        }
        return entry.isFile() ? [path] : [];
    });
}

interface Pem {
    readonly file: string;
    readonly label: string;
    readonly text: string;
}

/** Every PEM block of a file, JSON-escaped ones (in connection.json, configuration JSON) included. */
function pemsOf(file: string): Pem[] {
    const content = readFileSync(file).toString('latin1');
    return [...content.matchAll(pemBlock)].map((match) => ({
        file,
        label: match[1] ?? '',
        text: match[0].replaceAll('\\n', '\n'),
    }));
}

/** The certificate of a PEM block, or undefined when it does not parse (then it certifies nothing). */
function certificateOf(pem: Pem): X509Certificate | undefined {
    try {
        return new X509Certificate(pem.text);
    } catch {
        return undefined;
    }
}

/** `hosts/<org>/...` or `exchange/<org>/...` → [area, org]; anything else → [its first folder, undefined]. */
function ownerOf(file: string): { area: string; org: string | undefined } {
    const [area = '', org] = relative(generated, file).split(sep);
    return area === 'hosts' || area === 'exchange' ? { area, org } : { area, org: undefined };
}

/** A key file by its name, as cryptogen and openssl name them: *_sk, keystore/*, *.key. */
function namedLikeKey(file: string): boolean {
    return /_sk$/.test(basename(file)) || basename(dirname(file)) === 'keystore' || file.endsWith('.key');
}

function spki(key: ReturnType<typeof createPublicKey>): string {
    return key.export({ type: 'spki', format: 'der' }).toString('base64');
}

function readPlacementFile(): Placement {
    return parsePlacement(readFileSync(join(generated, 'placement'), 'utf8'));
}

/** KEY='value' lines of a generated environment file. */
function environmentOf(file: string): Record<string, string> {
    const environment: Record<string, string> = {};
    for (const [, name = '', value = ''] of readFileSync(file, 'utf8').matchAll(/^export ([A-Z0-9_]+)='(.*)'$/gm)) {
        environment[name] = value;
    }
    return environment;
}

function hostOfEndpoint(endpoint: string): string {
    return endpoint.slice(0, endpoint.lastIndexOf(':'));
}

describe(`a network spread over hosts (phase ${phase})`, function () {
    this.timeout(300_000);

    if (generated === '' || connectionsDir === '' || (phase !== 'deployed' && phase !== 'added')) {
        // Only test/hosts/run.sh brings up the network this needs; failing here keeps a misconfigured run from passing.
        throw new Error(
            'run through npm run test:hosts (BIA_GENERATED, BIA_FABRIC_CONNECTIONS or BIA_HOSTS_PHASE unset)',
        );
    }

    const placement = readPlacementFile();
    const organizations = placement.assignments.map((entry) => entry.organization);

    it('places the ordering organisation and every organisation on its own host', () => {
        const hosts = placement.assignments.map((entry) => entry.host);
        expect(new Set(hosts).size).to.equal(hosts.length);
        expect(organizations).to.include.members(['orderer', 'secretariat', 'healthco', 'healthcentres', 'carrier']);
        if (phase === 'added') {
            expect(organizations).to.include(newcomer);
        }
    });

    it('keeps every private key in its own organisation host folder, certified by that organisation alone', () => {
        const files = filesUnder(generated);
        const pems = files.flatMap(pemsOf);
        const keys = pems.filter((pem) => privateKeyLabel.test(pem.label));
        const keyFiles = new Set(keys.map((key) => key.file));
        // A file named like a key must hold one (else the scan would miss a key in another encoding).
        for (const file of files.filter(namedLikeKey)) {
            expect(
                keyFiles.has(file),
                `${relative(generated, file)} is named like a key but holds no PEM key`,
            ).to.equal(true);
        }

        // Every organisation's CAs, from what it published: they tell who certified each certificate.
        const authorities = organizations.flatMap((org) =>
            ['cacerts', 'tlscacerts'].flatMap((folder) =>
                filesUnder(join(generated, 'exchange', org, 'msp', folder)).map((file) => ({
                    org,
                    certificate: new X509Certificate(readFileSync(file)),
                })),
            ),
        );
        // Every distinct certificate once (ledgers repeat the same ones), by the public key it certifies.
        const byText = new Map<string, Pem>();
        for (const pem of pems.filter((candidate) => candidate.label === 'CERTIFICATE')) {
            byText.set(pem.text, pem);
        }
        const certifiedKeys = new Map<string, { file: string; certificate: X509Certificate }[]>();
        for (const pem of byText.values()) {
            const certificate = certificateOf(pem);
            if (certificate !== undefined) {
                const publicKey = spki(certificate.publicKey);
                certifiedKeys.set(publicKey, [
                    ...(certifiedKeys.get(publicKey) ?? []),
                    { file: pem.file, certificate },
                ]);
            }
        }
        const issuersOf = (certificate: X509Certificate): string[] =>
            authorities
                .filter((ca) => certificate.checkIssued(ca.certificate) && certificate.verify(ca.certificate.publicKey))
                .map((ca) => ca.org);

        const perOrganization = new Map<string, number>();
        for (const key of keys) {
            const where = relative(generated, key.file);
            const { area, org } = ownerOf(key.file);
            expect(area, `private key outside every host folder: ${where}`).to.equal('hosts');
            expect(org, where).to.be.a('string');
            const owner = org ?? '';
            expect(organizations, where).to.include(owner);
            const publicKey = spki(createPublicKey(createPrivateKey(key.text)));
            const certifying = certifiedKeys.get(publicKey) ?? [];
            expect(certifying, `${where} is certified by no certificate`).to.not.be.empty;
            for (const entry of certifying) {
                expect(issuersOf(entry.certificate), `${relative(generated, entry.file)} (key ${where})`).to.deep.equal(
                    [owner],
                );
                // The certificate may travel (exchange, other hosts' folders hold public material); the key does not.
            }
            perOrganization.set(owner, (perOrganization.get(owner) ?? 0) + 1);
        }
        for (const org of organizations) {
            expect(perOrganization.get(org) ?? 0, `keys of ${org}`).to.be.greaterThan(0);
        }
        console.log(
            `      ${keys.length} private keys in ${files.length} files: ${[...perOrganization]
                .map(([org, count]) => `${org} ${count}`)
                .join(', ')}`,
        );
    });

    it('ships a chaincode package that every organisation installs and that holds no key', () => {
        const packages = filesUnder(join(generated, 'chaincode', 'packages')).filter(
            (file) => file.endsWith('.tar.gz') && basename(file) !== 'code.tar.gz',
        );
        expect(packages).to.not.be.empty;
        for (const file of packages) {
            const text = execFileSync(
                'bash',
                ['-c', 'tar -xzOf "$1" code.tar.gz | tar -xzO ./connection.json', '_', file],
                {
                    encoding: 'utf8',
                },
            );
            expect(text).to.not.match(/PRIVATE KEY/);
            const connection = JSON.parse(text) as Record<string, unknown>;
            expect(connection).to.include({ tls_required: true, client_auth_required: false });
            expect(connection).to.not.have.property('client_key');
            expect(hostOfEndpoint(String(connection.address))).to.equal(chaincodeServerHost);
        }
    });

    const hostOf = (org: string): string => placement.host(org);

    it("addresses every peer by its host's name, and every peer's TLS certificate carries it", () => {
        for (const org of organizations.filter((name) => name !== 'orderer')) {
            const profile = JSON.parse(readFileSync(join(connectionsDir, `${org}.json`), 'utf8')) as ConnectionProfile;
            expect(hostOfEndpoint(profile.peerEndpoint), `${org}.json`).to.equal(hostOf(org));
            const peer = environmentOf(join(generated, 'nodes', `peer0.${org}`, 'node.env'));
            for (const name of [
                'CORE_PEER_ADDRESS',
                'CORE_PEER_GOSSIP_EXTERNALENDPOINT',
                'CORE_PEER_GOSSIP_BOOTSTRAP',
            ]) {
                expect(hostOfEndpoint(peer[name] ?? ''), `peer0.${org} ${name}`).to.equal(hostOf(org));
            }
            const admin = environmentOf(join(generated, 'nodes', `peer0.${org}`, 'admin.env'));
            expect(hostOfEndpoint(admin.CORE_PEER_ADDRESS ?? ''), `peer0.${org} admin.env`).to.equal(hostOf(org));
            const tls = new X509Certificate(readFileSync(join(peer.CORE_PEER_TLS_CERT_FILE ?? '')));
            expect(tls.subjectAltName ?? '', `peer0.${org} TLS certificate`).to.include(`DNS:${hostOf(org)}`);
        }
    });

    it('names hosts, and only public MSP material from the exchange, in the channel configuration', () => {
        const configtx = JSON.parse(readFileSync(join(generated, 'config', 'configtx.yaml'), 'utf8')) as {
            Profiles: Record<string, { Orderer: OrdererSection; Application: { Organizations: Organization[] } }>;
        };
        const profile = Object.values(configtx.Profiles)[0];
        expect(profile).to.not.equal(undefined);
        const orderer = profile?.Orderer;
        for (const endpoint of orderer?.Organizations[0]?.OrdererEndpoints ?? []) {
            expect(hostOfEndpoint(endpoint)).to.equal(hostOf('orderer'));
        }
        for (const consenter of orderer?.EtcdRaft.Consenters ?? []) {
            expect(consenter.Host).to.equal(hostOf('orderer'));
            expect(new X509Certificate(readFileSync(consenter.ServerTLSCert)).subjectAltName).to.include(
                `DNS:${hostOf('orderer')}`,
            );
        }
        for (const org of profile?.Application.Organizations ?? []) {
            expect(org.AnchorPeers.map((anchor) => anchor.Host)).to.not.include.members(['127.0.0.1', 'localhost']);
            expect(org.MSPDir, 'MSP material in the genesis block comes from the exchange').to.include(
                `${sep}exchange${sep}`,
            );
        }
    });

    it('runs every node and chaincode server in its organisation namespace, each server with its own MSP ID', () => {
        const namespaceOf = (netns: string): string => `net:[${statSync(join('/run/netns', netns)).ino}]`;
        const pidsDir = join(generated, 'pids');
        const running = readdirSync(pidsDir).filter((file) => file.endsWith('.pid'));
        const servers = new Set<string>();
        for (const file of running) {
            const name = file.slice(0, -'.pid'.length);
            const [pid = ''] = readFileSync(join(pidsDir, file), 'utf8').trim().split(' ');
            const org = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : 'orderer';
            const assignment = placement.assignments.find((entry) => entry.organization === org);
            expect(assignment, name).to.not.equal(undefined);
            expect(readlinkSync(`/proc/${pid}/ns/net`), `${name} (pid ${pid})`).to.equal(
                namespaceOf(assignment?.netns ?? ''),
            );
            if (name.startsWith('chaincode-')) {
                const environment = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
                const profile = JSON.parse(
                    readFileSync(join(connectionsDir, `${org}.json`), 'utf8'),
                ) as ConnectionProfile;
                expect(environment, name).to.include(`CORE_PEER_LOCALMSPID=${profile.mspId}`);
                servers.add(org);
            }
        }
        // The test runner is on a host of its own.
        expect(readlinkSync('/proc/self/ns/net')).to.not.be.oneOf(
            placement.assignments.map((entry) => namespaceOf(entry.netns)),
        );
        expect([...servers].sort()).to.deep.equal(organizations.filter((org) => org !== 'orderer').sort());
    });

    if (phase === 'deployed') {
        describe('the chaincode knows which organisation endorses', () => {
            let run: Association;
            const clients: AssociationClient[] = [];

            before(async function () {
                run = await association();
            });

            after(() => {
                for (const client of clients) {
                    client.close();
                }
            });

            it("reads a party's terms on its own organisation's peer and names the holder on another's", async () => {
                const healthco = await run.operator('healthco');
                const terms = { text: 'Depot rent 300 EUR a month', salt: randomBytes(16).toString('hex') };
                const { dealId } = await healthco.deals.draft(
                    {
                        dealId: run.id('deal'),
                        kind: 'service',
                        title: 'Cold storage at the carrier depot',
                        summary: 'One month',
                        partyMemberIds: [run.members.healthco, run.members.carrier],
                    },
                    terms,
                );
                expect(await healthco.deals.getTerms(dealId)).to.deep.equal({ dealId, termsVersion: 1, ...terms });

                // The same operator through the secretariat's peer: that peer's chaincode server says whose peers
                // hold the terms, which it can only do knowing its own organisation's MSP ID.
                const own = JSON.parse(
                    readFileSync(join(connectionsDir, 'healthco.json'), 'utf8'),
                ) as ConnectionProfile;
                const other = JSON.parse(
                    readFileSync(join(connectionsDir, 'secretariat.json'), 'utf8'),
                ) as ConnectionProfile;
                const viaSecretariat = join(connectionsDir, 'hosts-test-healthco-via-secretariat.json');
                writeFileSync(
                    viaSecretariat,
                    JSON.stringify({
                        ...own,
                        peerEndpoint: other.peerEndpoint,
                        peerHostAlias: other.peerHostAlias,
                        tlsCACert: other.tlsCACert,
                    }),
                );
                const through = await connect({ connectionFile: viaSecretariat, identity: 'User1' });
                clients.push(through);
                const refusal = through.deals.getTerms(dealId);
                await expect(refusal).to.be.rejectedWith(
                    NotFoundError,
                    /on the peers of HealthcoMSP, not on this peer of SecretariatMSP/,
                );
            });
        });
    }

    if (phase === 'added') {
        it(`keeps the newcomer's material on its own host: ${newcomer}`, () => {
            const hostDir = join(generated, 'hosts', newcomer);
            expect(existsSync(join(hostDir, 'organizations', 'peerOrganizations'))).to.equal(true);
            // Nowhere else holds its organisation folder (the single-host layout's organizations/ does not exist).
            expect(existsSync(join(generated, 'organizations'))).to.equal(false);
            const group = readFileSync(join(generated, 'exchange', 'updates', newcomer, 'group.json'), 'utf8');
            expect(group).to.not.include('PRIVATE KEY');
        });

        it("has every organisation's anchor peer at its host name in the channel configuration", () => {
            // The configuration as the existing admins last fetched it from the ordering service (org add).
            const config = JSON.parse(
                readFileSync(join(generated, 'exchange', 'updates', newcomer, 'latest.json'), 'utf8'),
            ) as ChannelConfig;
            const groups = config.channel_group.groups.Application.groups;
            const anchors = Object.fromEntries(
                Object.entries(groups).map(([msp, group]) => [msp, group.values.AnchorPeers?.value.anchor_peers ?? []]),
            );
            expect(anchors).to.have.property('UniversityMSP');
            for (const org of organizations.filter((name) => name !== 'orderer')) {
                const profile = JSON.parse(
                    readFileSync(join(connectionsDir, `${org}.json`), 'utf8'),
                ) as ConnectionProfile;
                expect(
                    anchors[profile.mspId]?.map((anchor) => anchor.host),
                    profile.mspId,
                ).to.deep.equal([placement.host(org)]);
            }
        });
    }
});

interface ChannelConfig {
    readonly channel_group: {
        readonly groups: {
            readonly Application: {
                readonly groups: Readonly<
                    Record<
                        string,
                        {
                            readonly values: {
                                readonly AnchorPeers?: {
                                    readonly value: { readonly anchor_peers: { host: string }[] };
                                };
                            };
                        }
                    >
                >;
            };
        };
    };
}

interface OrdererSection {
    readonly Organizations: { readonly OrdererEndpoints: readonly string[] }[];
    readonly EtcdRaft: { readonly Consenters: readonly { readonly Host: string; readonly ServerTLSCert: string }[] };
}

interface Organization {
    readonly MSPDir: string;
    readonly AnchorPeers: readonly { readonly Host: string }[];
}

import { expect } from 'chai';
import { load } from 'js-yaml';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
    Layout,
    composeEnvFile,
    composeEnvPath,
    composeProjectEnvironment,
    composeProjectName,
    loadTopology,
    peerNodeName,
    renderNetwork,
    type Topology,
} from '../../../network/tools/src';

const repoRoot = resolve(__dirname, '..', '..', '..');
const composePath = join(repoRoot, 'network', 'compose', 'compose.yaml');
const render = {
    orderers: 3,
    batchTimeout: '100ms',
    maxMessageCount: 100,
    raftTickInterval: '100ms',
    stateDatabase: 'goleveldb',
} as const;

interface Service {
    readonly image: string;
    readonly command: string;
    readonly network_mode: string;
    readonly user: string;
    readonly volumes: readonly string[];
    readonly env_file: string;
    readonly environment: Readonly<Record<string, string>>;
    readonly profiles?: readonly string[];
}

function services(): Readonly<Record<string, Service>> {
    const document = load(readFileSync(composePath, 'utf8')) as { services: Record<string, Service> };
    return document.services;
}

/** Parses the env-file format composeEnvFile writes (NAME='value'). */
function parseEnvFile(text: string): Record<string, string> {
    const entries = text
        .trim()
        .split('\n')
        .map((line) => /^([A-Z0-9_]+)='(.*)'$/.exec(line))
        .map((match) => {
            expect(match, 'every line is NAME=value in single quotes').to.not.equal(null);
            return [match![1]!, match![2]!] as const;
        });
    return Object.fromEntries(entries);
}

/** What each service's `environment` must say, from topology.json alone. */
function expectedIdentity(topology: Topology): Record<string, Record<string, string>> {
    const expected: Record<string, Record<string, string>> = {};
    for (const orderer of topology.ordererOrganization.orderers) {
        expected[orderer.name] = {
            ORDERER_GENERAL_LOCALMSPID: topology.ordererOrganization.mspId,
            ORDERER_GENERAL_LISTENADDRESS: '127.0.0.1',
            ORDERER_GENERAL_LISTENPORT: String(orderer.port),
            ORDERER_ADMIN_LISTENADDRESS: `127.0.0.1:${orderer.adminPort}`,
            ORDERER_OPERATIONS_LISTENADDRESS: `127.0.0.1:${orderer.operationsPort}`,
        };
    }
    for (const org of topology.organizations) {
        expected[peerNodeName(org)] = {
            CORE_PEER_ID: `${org.peer.name}.${org.domain}`,
            CORE_PEER_LOCALMSPID: org.mspId,
            CORE_PEER_LISTENADDRESS: `127.0.0.1:${org.peer.port}`,
            CORE_PEER_CHAINCODELISTENADDRESS: `127.0.0.1:${org.peer.chaincodePort}`,
            CORE_OPERATIONS_LISTENADDRESS: `127.0.0.1:${org.peer.operationsPort}`,
        };
    }
    return expected;
}

describe('docker compose runtime', () => {
    let topology: Topology;
    let layout: Layout;

    beforeEach(() => {
        topology = loadTopology(join(repoRoot, 'network', 'config', 'topology.json'));
        layout = new Layout(mkdtempSync(join(tmpdir(), 'bia-compose-')));
    });

    afterEach(() => {
        rmSync(layout.root, { recursive: true, force: true });
    });

    describe('network/compose/compose.yaml', () => {
        it('has one service per orderer and per organisation peer of topology.json, and no other', () => {
            expect(Object.keys(services()).sort()).to.deep.equal(
                [
                    ...topology.ordererOrganization.orderers.map((orderer) => orderer.name),
                    ...topology.organizations.map(peerNodeName),
                ].sort(),
            );
        });

        it('runs the official Fabric 2.5 images on the host network, as the user, with the generated folder at its own path', () => {
            for (const [name, service] of Object.entries(services())) {
                const kind = name.startsWith('orderer') ? 'orderer' : 'peer';

                expect(service.image, name).to.equal(`hyperledger/fabric-${kind}:\${BIA_FABRIC_IMAGE_TAG:-2.5}`);
                expect(service.network_mode, name).to.equal('host');
                expect(service.user, name).to.match(/^\$\{BIA_CONTAINER_USER:\?/);
                expect(service.env_file, name).to.equal(`\${BIA_GENERATED}/compose/${name}.env`);
                expect(service.volumes[0], name).to.match(/^\$\{BIA_GENERATED:\?[^}]*\}:\$\{BIA_GENERATED\}$/);
                expect(service.command, name).to.equal(kind === 'orderer' ? 'orderer' : 'peer node start');
            }
            const peer = services()[peerNodeName(topology.organizations[0]!)]!;
            expect(peer.volumes[1]).to.match(/^\$\{BIA_BUILDERS:\?[^}]*\}:\$\{BIA_BUILDERS\}:ro$/);
        });

        it('names, for each node, the MSP ID and ports topology.json gives it', () => {
            const expected = expectedIdentity(topology);

            for (const [name, service] of Object.entries(services())) {
                expect(service.environment, name).to.deep.equal(expected[name]);
            }
        });

        it('agrees with the generated env file of each node, which is the native process environment', () => {
            renderNetwork(topology, layout, render);
            const nodeEnv = (node: string): string =>
                readFileSync(join(layout.nodeConfigDir(node), 'node.env'), 'utf8');

            for (const [name, service] of Object.entries(services())) {
                const generated = parseEnvFile(readFileSync(composeEnvPath(layout, name), 'utf8'));

                for (const [variable, value] of Object.entries(service.environment)) {
                    expect(generated[variable], `${name} ${variable}`).to.equal(value);
                }
                for (const [variable, value] of Object.entries(generated)) {
                    expect(nodeEnv(name), `${name} ${variable}`).to.include(`export ${variable}='${value}'`);
                }
            }
        });

        it('starts the second and third orderers only with the raft3 profile', () => {
            const [first, ...others] = topology.ordererOrganization.orderers;

            expect(services()[first!.name]!.profiles).to.equal(undefined);
            for (const orderer of others) {
                expect(services()[orderer.name]!.profiles).to.deep.equal(['raft3']);
            }
            for (const org of topology.organizations) {
                expect(services()[peerNodeName(org)]!.profiles).to.equal(undefined);
            }
        });

        it('is accepted by docker compose itself when it is installed (no Docker engine needed)', function () {
            const compose = spawnSync('docker', ['compose', 'version']).status === 0 ? ['docker', 'compose'] : null;
            const legacy = spawnSync('docker-compose', ['version']).status === 0 ? ['docker-compose'] : null;
            const command = compose ?? legacy;
            if (command === null) {
                this.skip();
            }
            renderNetwork(topology, layout, render);
            const envFile = join(layout.root, 'compose', 'compose.env');
            const user = '1000:1000';
            const builders = join(repoRoot, 'network', 'builders', 'ccaas');
            writeFileSync(
                envFile,
                composeEnvFile(composeProjectEnvironment(layout, { builders, imageTag: '2.5.16', user })),
            );

            const resolved = execFileSync(
                command[0]!,
                [...command.slice(1), '--file', composePath, '--env-file', envFile, 'config'],
                { encoding: 'utf8' },
            );

            const config = load(resolved) as {
                services: Record<string, Service & { environment: Record<string, string> }>;
            };
            const peer = config.services[peerNodeName(topology.organizations[1]!)]!;
            expect(peer.image).to.equal('hyperledger/fabric-peer:2.5.16');
            expect(peer.user).to.equal(user);
            expect(peer.environment.CORE_PEER_MSPCONFIGPATH).to.equal(
                join(layout.peerDir(topology.organizations[1]!), 'msp'),
            );
        });
    });

    describe('generated compose files', () => {
        it('writes values single-quoted and refuses one that the format cannot carry', () => {
            expect(composeEnvFile({ B: '/a b', A: '[x]' })).to.equal("A='[x]'\nB='/a b'\n");
            expect(() => composeEnvFile({ A: "it's" })).to.throw('the value of A contains a quote');
        });

        it('gives each generated folder its own project name and checks the container user', () => {
            const other = new Layout(join(layout.root, 'other'));
            const options = { builders: '/builders', imageTag: '2.5.16', user: '1000:1000' };

            expect(composeProjectName(layout)).to.match(/^bia-[0-9a-f]{8}$/);
            expect(composeProjectName(other)).to.not.equal(composeProjectName(layout));
            expect(composeProjectEnvironment(layout, options)).to.include({
                BIA_GENERATED: layout.root,
                COMPOSE_PROJECT_NAME: composeProjectName(layout),
            });
            expect(() => composeProjectEnvironment(layout, { ...options, user: 'root' })).to.throw('uid:gid');
        });
    });
});

// The network's topology (network/config/topology.json): the single source of organisations, MSP IDs, ports and
// names for the devnet and the real network alike. This module is its one loader, and it validates.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface OrdererSpec {
    readonly name: string;
    readonly port: number;
    readonly adminPort: number;
    readonly operationsPort: number;
}

export interface PeerSpec {
    readonly name: string;
    readonly port: number;
    readonly chaincodePort: number;
    readonly operationsPort: number;
}

/** An organisation's Fabric CA server (used with `network up --ca fabric-ca`). */
export interface CaServer {
    readonly port: number;
    readonly operationsPort: number;
}

export interface OrganizationSpec {
    readonly name: string;
    readonly mspId: string;
    readonly domain: string;
    readonly role: string;
    readonly peer: PeerSpec;
    /**
     * Further peers of the organisation (optional `extraPeers` in topology.json), started by the real network only
     * with `network up --peers-per-org N` (fault tests need a second peer of one organisation); the devnet ignores them.
     */
    readonly extraPeers?: readonly PeerSpec[];
    readonly ca: CaServer;
    readonly userCount: number;
}

export interface Topology {
    readonly domain: string;
    readonly channel: string;
    readonly chaincode: string;
    readonly ordererOrganization: {
        readonly name: string;
        readonly mspId: string;
        readonly domain: string;
        readonly ca: CaServer;
        readonly orderers: readonly OrdererSpec[];
    };
    readonly organizations: readonly OrganizationSpec[];
    readonly chaincodeServer: { readonly port: number };
    readonly endorsementPolicy: string;
    readonly batch: { readonly maxMessageCount: number; readonly batchTimeoutMs: number };
}

type Json = Record<string, unknown>;

function field(record: Json, key: string, where: string): unknown {
    if (!(key in record)) {
        throw new Error(`topology: ${where}.${key} is missing`);
    }
    return record[key];
}

function text(record: Json, key: string, where: string): string {
    const value = field(record, key, where);
    if (typeof value !== 'string' || value === '') {
        throw new Error(`topology: ${where}.${key} must be a non-empty string`);
    }
    return value;
}

function port(record: Json, key: string, where: string): number {
    const value = field(record, key, where);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1024 || value > 65535) {
        throw new Error(`topology: ${where}.${key} must be a port number from 1024 to 65535`);
    }
    return value;
}

function positive(record: Json, key: string, where: string): number {
    const value = field(record, key, where);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
        throw new Error(`topology: ${where}.${key} must be a positive integer`);
    }
    return value;
}

function object(value: unknown, where: string): Json {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new Error(`topology: ${where} must be an object`);
    }
    return value as Json;
}

function list(record: Json, key: string, where: string): Json[] {
    const value = field(record, key, where);
    if (!Array.isArray(value) || value.length === 0) {
        throw new Error(`topology: ${where}.${key} must be a non-empty array`);
    }
    return value.map((item, index) => object(item, `${where}.${key}[${index}]`));
}

function ordererNode(record: Json, where: string): OrdererSpec {
    return {
        name: text(record, 'name', where),
        port: port(record, 'port', where),
        adminPort: port(record, 'adminPort', where),
        operationsPort: port(record, 'operationsPort', where),
    };
}

function caServer(record: Json, where: string): CaServer {
    const ca = object(field(record, 'ca', where), `${where}.ca`);
    return { port: port(ca, 'port', `${where}.ca`), operationsPort: port(ca, 'operationsPort', `${where}.ca`) };
}

function peerNode(record: Json, where: string): PeerSpec {
    return {
        name: text(record, 'name', where),
        port: port(record, 'port', where),
        chaincodePort: port(record, 'chaincodePort', where),
        operationsPort: port(record, 'operationsPort', where),
    };
}

function extraPeers(record: Json, first: PeerSpec, where: string): PeerSpec[] {
    if (!('extraPeers' in record)) {
        return [];
    }
    const peers = list(record, 'extraPeers', where).map((peer, index) =>
        peerNode(peer, `${where}.extraPeers[${index}]`),
    );
    const names = new Set([first.name]);
    for (const [index, peer] of peers.entries()) {
        if (names.has(peer.name)) {
            throw new Error(`topology: ${where}.extraPeers[${index}].name '${peer.name}' is already a peer's name`);
        }
        names.add(peer.name);
    }
    return peers;
}

function peerOrganization(record: Json, where: string): OrganizationSpec {
    const peer = peerNode(object(field(record, 'peer', where), `${where}.peer`), `${where}.peer`);
    return {
        name: text(record, 'name', where),
        mspId: text(record, 'mspId', where),
        domain: text(record, 'domain', where),
        role: text(record, 'role', where),
        peer,
        extraPeers: extraPeers(record, peer, where),
        ca: caServer(record, where),
        userCount: positive(record, 'userCount', where),
    };
}

/** The organisation's first `count` peers: its peer, then its extra peers (fewer when it has fewer). */
export function organizationPeers(org: OrganizationSpec, count: number): readonly PeerSpec[] {
    return [org.peer, ...(org.extraPeers ?? [])].slice(0, Math.max(1, count));
}

/** Checks the parsed topology.json and returns it typed; throws naming the first field that is wrong. */
export function parseTopology(value: unknown): Topology {
    const root = object(value, 'topology');
    const ordererOrganization = object(field(root, 'ordererOrganization', 'topology'), 'ordererOrganization');
    const batch = object(field(root, 'batch', 'topology'), 'batch');
    const topology: Topology = {
        domain: text(root, 'domain', 'topology'),
        channel: text(root, 'channel', 'topology'),
        chaincode: text(root, 'chaincode', 'topology'),
        ordererOrganization: {
            name: text(ordererOrganization, 'name', 'ordererOrganization'),
            mspId: text(ordererOrganization, 'mspId', 'ordererOrganization'),
            domain: text(ordererOrganization, 'domain', 'ordererOrganization'),
            ca: caServer(ordererOrganization, 'ordererOrganization'),
            orderers: list(ordererOrganization, 'orderers', 'ordererOrganization').map((node, index) =>
                ordererNode(node, `ordererOrganization.orderers[${index}]`),
            ),
        },
        organizations: list(root, 'organizations', 'topology').map((org, index) =>
            peerOrganization(org, `organizations[${index}]`),
        ),
        chaincodeServer: {
            port: port(
                object(field(root, 'chaincodeServer', 'topology'), 'chaincodeServer'),
                'port',
                'chaincodeServer',
            ),
        },
        endorsementPolicy: text(root, 'endorsementPolicy', 'topology'),
        batch: {
            maxMessageCount: positive(batch, 'maxMessageCount', 'batch'),
            batchTimeoutMs: positive(batch, 'batchTimeoutMs', 'batch'),
        },
    };
    assertDistinctPorts(topology);
    return topology;
}

/** Every listening port of the network, named by the process that listens on it. */
export function allPorts(topology: Topology): ReadonlyMap<string, number> {
    const ports = new Map<string, number>();
    const ordererCa = topology.ordererOrganization.ca;
    ports.set(`${topology.ordererOrganization.name} CA`, ordererCa.port);
    ports.set(`${topology.ordererOrganization.name} CA operations`, ordererCa.operationsPort);
    for (const orderer of topology.ordererOrganization.orderers) {
        ports.set(`${orderer.name} listen`, orderer.port);
        ports.set(`${orderer.name} admin`, orderer.adminPort);
        ports.set(`${orderer.name} operations`, orderer.operationsPort);
    }
    for (const org of topology.organizations) {
        ports.set(`${org.name} peer listen`, org.peer.port);
        ports.set(`${org.name} peer chaincode`, org.peer.chaincodePort);
        ports.set(`${org.name} peer operations`, org.peer.operationsPort);
        for (const peer of org.extraPeers ?? []) {
            ports.set(`${org.name} ${peer.name} listen`, peer.port);
            ports.set(`${org.name} ${peer.name} chaincode`, peer.chaincodePort);
            ports.set(`${org.name} ${peer.name} operations`, peer.operationsPort);
        }
        ports.set(`${org.name} CA`, org.ca.port);
        ports.set(`${org.name} CA operations`, org.ca.operationsPort);
    }
    ports.set('chaincode server', topology.chaincodeServer.port);
    ports.set('chaincode server (upgrade slot)', topology.chaincodeServer.port + 1);
    return ports;
}

function assertDistinctPorts(topology: Topology): void {
    const owners = new Map<number, string>();
    for (const [owner, value] of allPorts(topology)) {
        const previous = owners.get(value);
        if (previous !== undefined) {
            throw new Error(`topology: port ${value} is used by both ${previous} and ${owner}`);
        }
        owners.set(value, owner);
    }
}

/** network/config/topology.json, resolved from this package's location (src/ or dist/). */
export const defaultTopologyPath = resolve(__dirname, '../../config/topology.json');

/** Reads and checks a topology.json file. */
export function loadTopology(path: string = defaultTopologyPath): Topology {
    return parseTopology(JSON.parse(readFileSync(path, 'utf8')));
}

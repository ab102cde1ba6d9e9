// The running network's topology as it grows and shrinks: `bia org add|remove` extend or reduce the network's own
// copy (generated/topology.json; network/config/topology.json stays the founding one). What names organisations
// explicitly, the endorsement policy and the per-organisation terms collections, is derived from it here.
import { allPorts, parseTopology, type Topology } from '@bia/devnet/topology';

/** What `org add` is told; everything else gets a default derived from the topology. */
export interface OrganizationRequest {
    readonly name: string;
    readonly mspId?: string;
    readonly domain?: string;
    readonly role?: string;
    readonly peerPort?: number;
    readonly userCount?: number;
}

/** One entry of a chaincode's collections configuration (Fabric's collections_config.json format). */
export interface Collection {
    readonly name: string;
    readonly policy: string;
    readonly requiredPeerCount: number;
    readonly maxPeerCount: number;
    readonly blockToLive: number;
    readonly memberOnlyRead: boolean;
    readonly memberOnlyWrite: boolean;
}

type Json = Record<string, unknown>;

const organizationName = /^[a-z][a-z0-9]{0,30}$/;
const mspIdPattern = /^[A-Za-z][A-Za-z0-9.-]{0,62}$/;

function titleCase(name: string): string {
    return name.charAt(0).toUpperCase() + name.slice(1);
}

function organizationsOf(raw: Json): Json[] {
    const organizations = raw.organizations;
    if (!Array.isArray(organizations)) {
        throw new Error('topology: organizations must be an array');
    }
    return organizations as Json[];
}

/**
 * The first port base B (from the highest organisation peer port + 1000, in steps of 1000) whose peer (B),
 * chaincode (B+1) and CA (B+3) ports are all free, as the founding organisations' ports are laid out.
 */
function freeBase(topology: Topology, used: ReadonlySet<number>): number {
    const highest = Math.max(...topology.organizations.map((org) => org.peer.port));
    for (let base = highest + 1000; base + 3 <= 65535; base += 1000) {
        if (![base, base + 1, base + 3].some((port) => used.has(port))) {
            return base;
        }
    }
    throw new Error('org add: no free peer port base; name one with --peer-port');
}

function freePorts(used: Set<number>, from: number, count: number): number[] {
    const ports: number[] = [];
    for (let port = from; ports.length < count; port += 1) {
        if (port > 65535) {
            throw new Error('org add: no free operations port');
        }
        if (!used.has(port)) {
            ports.push(port);
            used.add(port);
        }
    }
    return ports;
}

/** The topology.json record of a new organisation: defaults from its name, ports that no node uses yet. */
export function organizationRecord(topology: Topology, request: OrganizationRequest): Json {
    if (!organizationName.test(request.name)) {
        throw new Error(
            `org add: NAME '${request.name}' must be lower-case letters and digits, starting with a letter`,
        );
    }
    const mspId = request.mspId ?? `${titleCase(request.name)}MSP`;
    if (!mspIdPattern.test(mspId)) {
        throw new Error(`org add: --msp-id '${mspId}' must be letters, digits, '.' or '-', starting with a letter`);
    }
    const used = new Set(allPorts(topology).values());
    const base = request.peerPort ?? freeBase(topology, used);
    const highestOperations = Math.max(
        ...topology.organizations.flatMap((org) => [org.peer.operationsPort, org.ca.operationsPort]),
        topology.ordererOrganization.ca.operationsPort,
        ...topology.ordererOrganization.orderers.map((orderer) => orderer.operationsPort),
    );
    const [peerOperations, caOperations] = freePorts(used, highestOperations + 1, 2);
    return {
        name: request.name,
        mspId,
        domain: request.domain ?? `${request.name}.${topology.domain}`,
        role: request.role ?? 'A member organisation that runs its own peer (joined with bia org add)',
        peer: { name: 'peer0', port: base, chaincodePort: base + 1, operationsPort: peerOperations },
        ca: { port: base + 3, operationsPort: caOperations },
        userCount: request.userCount ?? 4,
    };
}

/** The endorsement policy `OutOf(k, ...)` naming the given organisations' peers, keeping k. */
export function policyFor(policy: string, mspIds: readonly string[]): string {
    const match = /^OutOf\(\s*(\d+)\s*,/.exec(policy);
    if (match?.[1] === undefined) {
        throw new Error(`endorsementPolicy '${policy}' is not OutOf(k, ...): cannot add or remove organisations in it`);
    }
    const k = Number(match[1]);
    if (mspIds.length < k) {
        throw new Error(`endorsementPolicy needs ${k} endorsing organisations; only ${mspIds.length} would remain`);
    }
    return `OutOf(${k}, ${mspIds.map((msp) => `'${msp}.peer'`).join(', ')})`;
}

/**
 * The raw topology with the new organisation appended and the endorsement policy naming it; checked by the one
 * topology validator (distinct ports, fields), and refused when the name, MSP ID or domain is taken.
 */
export function withOrganization(raw: unknown, request: OrganizationRequest): { raw: Json; added: Json } {
    const topology = parseTopology(raw);
    const record = organizationRecord(topology, request);
    for (const org of topology.organizations) {
        for (const key of ['name', 'mspId', 'domain'] as const) {
            if (org[key] === record[key]) {
                throw new Error(`org add: ${key} '${org[key]}' is already organisation '${org.name}''s`);
            }
        }
    }
    const root = raw as Json;
    const organizations = [...organizationsOf(root), record];
    const next = {
        ...root,
        organizations,
        endorsementPolicy: policyFor(
            topology.endorsementPolicy,
            organizations.map((org) => String(org.mspId)),
        ),
    };
    parseTopology(next);
    return { raw: next, added: record };
}

/** The raw topology without the named organisation (the founding secretariat cannot leave). */
export function withoutOrganization(raw: unknown, name: string): { raw: Json; removed: Json } {
    const topology = parseTopology(raw);
    const index = topology.organizations.findIndex((org) => org.name === name);
    if (index < 0) {
        throw new Error(`org remove: no organisation '${name}' in the network's topology`);
    }
    if (index === 0) {
        throw new Error(
            `org remove: '${name}' is the secretariat (the topology's first organisation); it cannot leave`,
        );
    }
    const root = raw as Json;
    const organizations = organizationsOf(root).filter((org) => org.name !== name);
    const removed = organizationsOf(root)[index] as Json;
    const next = {
        ...root,
        organizations,
        endorsementPolicy: policyFor(
            topology.endorsementPolicy,
            organizations.map((org) => String(org.mspId)),
        ),
    };
    parseTopology(next);
    return { raw: next, removed };
}

/** The collection holding the confidential deal terms of the members an MSP hosts. */
export function termsCollectionName(mspId: string): string {
    return `terms_${mspId}`;
}

function termsCollection(name: string, policy: string): Collection {
    return {
        name,
        policy,
        requiredPeerCount: 0,
        maxPeerCount: 1,
        blockToLive: 0,
        memberOnlyRead: true,
        memberOnlyWrite: false,
    };
}

/**
 * The association chaincode's collections: one terms collection per organisation of the topology, readable by its
 * members only. Fabric never lets a definition drop a collection it had, and refuses a collection policy naming an
 * MSP that is not on the channel: so the collection of an organisation that left (in `previous`, not in the
 * topology) stays, sealed with a role no peer holds (the secretariat's `orderer` role), so that no peer becomes
 * eligible for it and nobody can read or receive its data any more. Its existing data stays where it was, on the
 * departed organisation's own peers; every ledger keeps only the hashes.
 */
export function termsCollections(topology: Topology, previous: readonly Collection[] = []): Collection[] {
    const current = new Map(
        topology.organizations.map((org) => [
            termsCollectionName(org.mspId),
            termsCollection(termsCollectionName(org.mspId), `OR('${org.mspId}.member')`),
        ]),
    );
    const sealedPolicy = `OR('${topology.organizations[0]?.mspId ?? ''}.orderer')`;
    const kept = previous.map((collection) => current.get(collection.name) ?? { ...collection, policy: sealedPolicy });
    const keptNames = new Set(kept.map((collection) => collection.name));
    return [...kept, ...[...current.values()].filter((collection) => !keptNames.has(collection.name))];
}

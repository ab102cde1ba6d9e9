// Which machine each organisation's nodes run on, for a network spread over several hosts (`network up --hosts
// FILE`, `org add --host H`). The inventory (FILE, kept by whoever provisions the machines) names the machines and
// how to run a command on each; the placement (generated/placement, kept by the scripts) says which organisation
// runs on which machine. Every endpoint of an organisation's nodes is then `<its host>:<port>`, and its
// certificates carry that host name.
import { readFileSync } from 'node:fs';
import type { Topology } from '@bia/devnet/topology';

/** One organisation on one machine: a line `kind|organisation|host|netns` of the placement file. */
export interface HostAssignment {
    readonly kind: 'orderer' | 'peer';
    readonly organization: string;
    /** The host name the organisation's nodes are reached at (every other host resolves it). */
    readonly host: string;
    /** How a command runs on that machine here: the Linux network namespace standing in for it. */
    readonly netns: string;
}

/** The machines and the founding placement, as the provisioner describes them (JSON). */
export interface Inventory {
    /** host name → network namespace. */
    readonly machines: ReadonlyMap<string, string>;
    /** organisation name (the orderer organisation's too) → host name. */
    readonly placement: ReadonlyMap<string, string>;
}

/**
 * The name each host resolves to its own chaincode server, so that one chaincode package (one package ID) serves
 * every organisation from its own machine. Under `.localhost` (RFC 6761): it never means another machine.
 */
export const chaincodeServerHost = 'chaincode.localhost';

// RFC 1123 host names with at least two labels; network namespace names as `ip netns` accepts them (and short
// enough for the interface names made from them).
const hostPattern = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;
const netnsPattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;

type Json = Record<string, unknown>;

function object(value: unknown, where: string): Json {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new Error(`hosts: ${where} must be an object`);
    }
    return value as Json;
}

function checkedHost(host: string, where: string): string {
    if (!hostPattern.test(host)) {
        throw new Error(`hosts: ${where} '${host}' is not a host name (lower-case labels joined by dots)`);
    }
    return host;
}

function stringEntries(value: unknown, where: string): [string, string][] {
    return Object.entries(object(value, where)).map(([key, entry]) => {
        if (typeof entry !== 'string' || entry === '') {
            throw new Error(`hosts: ${where}.${key} must be a non-empty string`);
        }
        return [key, entry];
    });
}

/** Checks an inventory: `{"machines": {host: netns}, "placement": {organisation: host}}`. */
export function parseInventory(value: unknown): Inventory {
    const root = object(value, 'inventory');
    const machines = new Map(
        stringEntries(root.machines, 'machines').map(([host, netns]) => {
            checkedHost(host, 'machines:');
            if (!netnsPattern.test(netns)) {
                throw new Error(`hosts: machines.${host} '${netns}' is not a network namespace name`);
            }
            return [host, netns];
        }),
    );
    const placement = new Map(stringEntries(root.placement ?? {}, 'placement'));
    for (const [org, host] of placement) {
        if (!machines.has(host)) {
            throw new Error(`hosts: placement.${org} names host '${host}', which is not in machines`);
        }
    }
    return { machines, placement };
}

export function readInventory(path: string): Inventory {
    return parseInventory(JSON.parse(readFileSync(path, 'utf8')) as unknown);
}

/** The placement of a network: which machine each of its organisations runs on. */
export class Placement {
    readonly #assignments: readonly HostAssignment[];

    constructor(assignments: readonly HostAssignment[]) {
        const seen = new Set<string>();
        for (const assignment of assignments) {
            if (seen.has(assignment.organization)) {
                throw new Error(`hosts: organisation '${assignment.organization}' is placed twice`);
            }
            seen.add(assignment.organization);
        }
        this.#assignments = assignments;
    }

    get assignments(): readonly HostAssignment[] {
        return this.#assignments;
    }

    /** The host name an organisation's nodes are reached at; throws for an organisation that has none. */
    host(organization: string): string {
        const assignment = this.#assignments.find((candidate) => candidate.organization === organization);
        if (assignment === undefined) {
            throw new Error(`hosts: organisation '${organization}' is not placed on any host`);
        }
        return assignment.host;
    }

    has(organization: string): boolean {
        return this.#assignments.some((candidate) => candidate.organization === organization);
    }

    /** The placement file: one `kind|organisation|host|netns` line per organisation. */
    format(): string {
        return this.#assignments
            .map((entry) => `${entry.kind}|${entry.organization}|${entry.host}|${entry.netns}\n`)
            .join('');
    }
}

export function parsePlacement(text: string): Placement {
    const assignments = text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line, index): HostAssignment => {
            const [kind, organization, host, netns, ...rest] = line.split('|');
            if (
                (kind !== 'orderer' && kind !== 'peer') ||
                organization === undefined ||
                host === undefined ||
                netns === undefined ||
                rest.length > 0
            ) {
                throw new Error(`hosts: placement line ${index + 1} is not kind|organisation|host|netns: '${line}'`);
            }
            return { kind, organization, host: checkedHost(host, 'placement host'), netns };
        });
    return new Placement(assignments);
}

export function readPlacement(path: string): Placement {
    return parsePlacement(readFileSync(path, 'utf8'));
}

function assignment(inventory: Inventory, kind: HostAssignment['kind'], organization: string, host: string) {
    const netns = inventory.machines.get(host);
    if (netns === undefined) {
        throw new Error(`hosts: host '${host}' (for ${organization}) is not a machine of the inventory`);
    }
    return { kind, organization, host, netns };
}

/** The founding placement: the inventory must place the orderer organisation and every organisation. */
export function initialPlacement(topology: Topology, inventory: Inventory): Placement {
    const ordering = topology.ordererOrganization.name;
    const place = (kind: HostAssignment['kind'], organization: string): HostAssignment => {
        const host = inventory.placement.get(organization);
        if (host === undefined) {
            throw new Error(`hosts: the inventory's placement does not name a host for organisation '${organization}'`);
        }
        return assignment(inventory, kind, organization, host);
    };
    return new Placement([place('orderer', ordering), ...topology.organizations.map((org) => place('peer', org.name))]);
}

/** The placement with one more organisation on `host` (kept as it is when it is already placed there). */
export function withPlacedOrganization(
    placement: Placement,
    inventory: Inventory,
    organization: string,
    host: string,
): Placement {
    checkedHost(host, '--host');
    if (placement.has(organization)) {
        if (placement.host(organization) !== host) {
            throw new Error(
                `hosts: organisation '${organization}' runs on ${placement.host(organization)}, not ${host}`,
            );
        }
        return placement;
    }
    return new Placement([...placement.assignments, assignment(inventory, 'peer', organization, host)]);
}

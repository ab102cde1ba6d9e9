// Where everything a running network needs lives under network/generated (one place, so scripts and tests agree).
import { join } from 'node:path';
import type { Placement } from './hosts';
import type { OrdererSpec, OrganizationSpec, PeerSpec, Topology } from '@bia/devnet/topology';

/**
 * Paths of the generated network, all absolute when `root` is. With a placement (a network spread over hosts),
 * each organisation's crypto material lives in its own host's folder (`hosts/<org>/organizations/...`), and what
 * the others need of it, its public MSP and TLS CA certificate, in `exchange/<org>/`, which holds no key.
 */
export class Layout {
    readonly #root: string;
    readonly #placement: Placement | undefined;

    constructor(root: string, placement?: Placement) {
        this.#root = root;
        this.#placement = placement;
    }

    get placement(): Placement | undefined {
        return this.#placement;
    }

    /** The host name an organisation's nodes are reached at; undefined on a single-host network (127.0.0.1). */
    endpointHost(organization: string): string | undefined {
        return this.#placement?.host(organization);
    }

    /** An organisation's own folder on its host (its keys never leave it). */
    hostDir(organization: string): string {
        return join(this.#root, 'hosts', organization);
    }

    /** The public material an organisation hands the others (MSP certificates, TLS CA certificate; no key). */
    exchangeDir(organization: string): string {
        return join(this.#root, 'exchange', organization);
    }

    #organizationsOf(organization: string): string {
        return this.#placement === undefined ? this.organizations : join(this.hostDir(organization), 'organizations');
    }

    /** The MSP folder others read an organisation's public MSP from (configtxgen's MSPDir). */
    publicMspDir(organization: string, orgDir: string): string {
        return this.#placement === undefined ? join(orgDir, 'msp') : join(this.exchangeDir(organization), 'msp');
    }

    /** The TLS CA certificate others verify a peer with. */
    peerTlsCaFile(org: OrganizationSpec, peer: PeerSpec = org.peer): string {
        return this.#placement === undefined
            ? join(this.peerDir(org, peer), 'tls', 'ca.crt')
            : join(this.exchangeDir(org.name), 'tls-ca.crt');
    }

    /** The TLS CA certificate others verify an orderer with. */
    ordererTlsCaFile(topology: Topology, orderer: OrdererSpec): string {
        return this.#placement === undefined
            ? join(this.ordererDir(topology, orderer), 'tls', 'ca.crt')
            : join(this.exchangeDir(topology.ordererOrganization.name), 'tls-ca.crt');
    }

    get root(): string {
        return this.#root;
    }

    get organizations(): string {
        return join(this.#root, 'organizations');
    }

    get configDir(): string {
        return join(this.#root, 'config');
    }

    get connectionsDir(): string {
        return join(this.#root, 'connections');
    }

    ordererOrgDir(topology: Topology): string {
        const ordering = topology.ordererOrganization;
        return join(this.#organizationsOf(ordering.name), 'ordererOrganizations', ordering.domain);
    }

    ordererDir(topology: Topology, orderer: OrdererSpec): string {
        const domain = topology.ordererOrganization.domain;
        return join(this.ordererOrgDir(topology), 'orderers', `${orderer.name}.${domain}`);
    }

    ordererAdminDir(topology: Topology): string {
        return join(this.ordererOrgDir(topology), 'users', `Admin@${topology.ordererOrganization.domain}`);
    }

    peerOrgDir(org: OrganizationSpec): string {
        return join(this.#organizationsOf(org.name), 'peerOrganizations', org.domain);
    }

    peerDir(org: OrganizationSpec, peer: PeerSpec = org.peer): string {
        return join(this.peerOrgDir(org), 'peers', peerHostOf(org, peer));
    }

    userDir(org: OrganizationSpec, user: string): string {
        return join(this.peerOrgDir(org), 'users', `${user}@${org.domain}`);
    }

    /** The directory given to a node as FABRIC_CFG_PATH, holding its core.yaml or orderer.yaml and node.env. */
    nodeConfigDir(node: string): string {
        return join(this.#root, 'nodes', node);
    }

    nodeDataDir(node: string): string {
        return join(this.#root, 'data', node);
    }
}

/** The TLS host name of an organisation's first peer, as cryptogen names it. */
export function peerHost(org: OrganizationSpec): string {
    return peerHostOf(org, org.peer);
}

/** The TLS host name of one of an organisation's peers. */
export function peerHostOf(org: OrganizationSpec, peer: PeerSpec): string {
    return `${peer.name}.${org.domain}`;
}

/** The TLS host name of an orderer, as cryptogen names it. */
export function ordererHost(topology: Topology, orderer: OrdererSpec): string {
    return `${orderer.name}.${topology.ordererOrganization.domain}`;
}

/** The process name of an organisation's first peer (log, PID and config file names). */
export function peerNodeName(org: OrganizationSpec): string {
    return peerNodeNameOf(org, org.peer);
}

/** The process name of one of an organisation's peers, e.g. peer1.healthco. */
export function peerNodeNameOf(org: OrganizationSpec, peer: PeerSpec): string {
    return `${peer.name}.${org.name}`;
}

/** The identities cryptogen issues for an organisation: Admin, then User1..UserN. */
export function identityNames(org: OrganizationSpec): string[] {
    return ['Admin', ...Array.from({ length: org.userCount }, (_, index) => `User${index + 1}`)];
}

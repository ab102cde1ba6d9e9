// Where everything a running network needs lives under network/generated (one place, so scripts and tests agree).
import { join } from 'node:path';
import type { OrdererSpec, OrganizationSpec, PeerSpec, Topology } from '@bia/devnet/topology';

/** Paths of the generated network, all absolute when `root` is. */
export class Layout {
    readonly #root: string;

    constructor(root: string) {
        this.#root = root;
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
        return join(this.organizations, 'ordererOrganizations', topology.ordererOrganization.domain);
    }

    ordererDir(topology: Topology, orderer: OrdererSpec): string {
        const domain = topology.ordererOrganization.domain;
        return join(this.ordererOrgDir(topology), 'orderers', `${orderer.name}.${domain}`);
    }

    ordererAdminDir(topology: Topology): string {
        return join(this.ordererOrgDir(topology), 'users', `Admin@${topology.ordererOrganization.domain}`);
    }

    peerOrgDir(org: OrganizationSpec): string {
        return join(this.organizations, 'peerOrganizations', org.domain);
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

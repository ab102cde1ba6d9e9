// Where cryptogen puts things (cmd/cryptogen, internal/cryptogen/msp): one place for every path and file name, shared
// by the generator, the connection files and the MSP registry.
import { join, resolve } from 'node:path';

import type { OrganizationSpec, Topology } from '../topology';

export type NodeRole = 'client' | 'peer' | 'admin' | 'orderer';

export interface IdentitySpec {
    /** The certificate's common name and the identity's folder name, e.g. peer0.healthco.bia.example. */
    readonly commonName: string;
    /** Short name used in connection files: Admin, User1, ... (the part before '@'), or the node's host name. */
    readonly shortName: string;
    readonly role: NodeRole;
    /** TLS subject alternative names; empty for users, as cryptogen gives users none. */
    readonly alternativeNames: readonly string[];
}

export interface OrganizationLayout {
    /** The organisation's name in the topology, e.g. healthco. */
    readonly name: string;
    readonly kind: 'peer' | 'orderer';
    readonly mspId: string;
    readonly domain: string;
    readonly directory: string;
    readonly nodes: readonly IdentitySpec[];
    readonly users: readonly IdentitySpec[];
}

export const adminName = 'Admin';
export const userPrefix = 'User';

export function certificateFileName(commonName: string): string {
    return `${commonName}-cert.pem`;
}

export function caCommonName(domain: string): string {
    return `ca.${domain}`;
}

export function tlsCaCommonName(domain: string): string {
    return `tlsca.${domain}`;
}

export function peerOrganizationLayout(outputDir: string, org: OrganizationSpec): OrganizationLayout {
    const users: IdentitySpec[] = [];
    for (let index = 1; index <= org.userCount; index++) {
        users.push(userSpec(`${userPrefix}${index}`, org.domain, 'client'));
    }
    users.push(userSpec(adminName, org.domain, 'admin'));
    return {
        name: org.name,
        kind: 'peer',
        mspId: org.mspId,
        domain: org.domain,
        directory: join(outputDir, 'organizations', 'peerOrganizations', org.domain),
        nodes: [nodeSpec(org.peer.name, org.domain, 'peer')],
        users,
    };
}

export function ordererOrganizationLayout(outputDir: string, topology: Topology): OrganizationLayout {
    const org = topology.ordererOrganization;
    return {
        name: org.name,
        kind: 'orderer',
        mspId: org.mspId,
        domain: org.domain,
        directory: join(outputDir, 'organizations', 'ordererOrganizations', org.domain),
        nodes: org.orderers.map((orderer) => nodeSpec(orderer.name, org.domain, 'orderer')),
        users: [userSpec(adminName, org.domain, 'admin')],
    };
}

export function allOrganizationLayouts(outputDir: string, topology: Topology): OrganizationLayout[] {
    return [
        ...topology.organizations.map((org) => peerOrganizationLayout(outputDir, org)),
        ordererOrganizationLayout(outputDir, topology),
    ];
}

/** Paths inside an organisation's folder. */
export const orgPaths = {
    caDir: (org: OrganizationLayout) => join(org.directory, 'ca'),
    tlsCaDir: (org: OrganizationLayout) => join(org.directory, 'tlsca'),
    mspDir: (org: OrganizationLayout) => join(org.directory, 'msp'),
    caCertificate: (org: OrganizationLayout) =>
        join(org.directory, 'ca', certificateFileName(caCommonName(org.domain))),
    tlsCaCertificate: (org: OrganizationLayout) =>
        join(org.directory, 'tlsca', certificateFileName(tlsCaCommonName(org.domain))),
    identityDir: (org: OrganizationLayout, identity: IdentitySpec) =>
        join(
            org.directory,
            identity.role === 'client' || identity.role === 'admin' ? 'users' : nodeFolder(org),
            identity.commonName,
        ),
};

/** Paths inside one identity's folder (a peer, an orderer or a user). */
export const identityPaths = {
    signCertificate: (identityDir: string, identity: IdentitySpec) =>
        join(identityDir, 'msp', 'signcerts', certificateFileName(identity.commonName)),
    privateKey: (identityDir: string) => join(identityDir, 'msp', 'keystore', 'priv_sk'),
    tlsCertificate: (identityDir: string, identity: IdentitySpec) =>
        join(identityDir, 'tls', `${tlsFilePrefix(identity)}.crt`),
    tlsPrivateKey: (identityDir: string, identity: IdentitySpec) =>
        join(identityDir, 'tls', `${tlsFilePrefix(identity)}.key`),
    tlsCaCertificate: (identityDir: string) => join(identityDir, 'tls', 'ca.crt'),
};

/** cryptogen names a user's TLS pair client.crt/client.key and a node's server.crt/server.key. */
export function tlsFilePrefix(identity: IdentitySpec): 'client' | 'server' {
    return identity.role === 'client' || identity.role === 'admin' ? 'client' : 'server';
}

function nodeFolder(org: OrganizationLayout): string {
    return org.kind === 'peer' ? 'peers' : 'orderers';
}

function userSpec(shortName: string, domain: string, role: 'client' | 'admin'): IdentitySpec {
    return { commonName: `${shortName}@${domain}`, shortName, role, alternativeNames: [] };
}

/** cryptogen's SANs for a node are its common name and host name; like test-network we add the loopback names. */
function nodeSpec(hostName: string, domain: string, role: 'peer' | 'orderer'): IdentitySpec {
    const commonName = `${hostName}.${domain}`;
    return {
        commonName,
        shortName: hostName,
        role,
        alternativeNames: [commonName, hostName, 'localhost', '127.0.0.1'],
    };
}

export interface TlsFiles {
    /** The node's TLS certificate (tls/server.crt). */
    readonly certificate: string;
    /** The node's TLS private key (tls/server.key). */
    readonly privateKey: string;
    /** The organisation's TLS CA certificate (tls/ca.crt). */
    readonly caCertificate: string;
}

/** Absolute paths of an organisation's peer TLS files, to serve the peer's gRPC endpoints over TLS. */
export function peerTlsFiles(options: { topology: Topology; outputDir: string; orgName: string }): TlsFiles {
    const org = options.topology.organizations.find((candidate) => candidate.name === options.orgName);
    if (!org) {
        throw new Error(`organisation ${options.orgName} is not in the topology`);
    }
    const layout = peerOrganizationLayout(resolve(options.outputDir), org);
    const [peer] = layout.nodes;
    if (!peer) {
        throw new Error(`organisation ${options.orgName} has no peer`);
    }
    const identityDir = orgPaths.identityDir(layout, peer);
    return {
        certificate: identityPaths.tlsCertificate(identityDir, peer),
        privateKey: identityPaths.tlsPrivateKey(identityDir, peer),
        caCertificate: identityPaths.tlsCaCertificate(identityDir),
    };
}

// What `network up --ca fabric-ca` needs: one Fabric CA per organisation, and the identities each one issues in
// cryptogen's folder layout (so configtx, node environments and connection files are the same for both).
import { join } from 'node:path';
import { Layout, identityNames, ordererHost, peerHostOf } from './layout';
import type { CaServer, Topology } from '@bia/devnet/topology';

/** An organisation as its CA sees it: where its material goes and which nodes and users it enrols. */
export interface CaOrganization {
    readonly name: string;
    readonly domain: string;
    readonly kind: 'peer' | 'orderer';
    readonly ca: CaServer;
    /** cryptogen's organisation folder (peerOrganizations/<domain> or ordererOrganizations/<domain>). */
    readonly orgDir: string;
    /** TLS host names of the organisation's nodes (peers or orderers), which are also their enrolment IDs. */
    readonly nodes: readonly string[];
    /** Admin, then User1..UserN (orderer organisation: Admin only). */
    readonly users: readonly string[];
}

/** The CA name a server announces and clients ask for (--caname). */
export const caName = (org: { readonly name: string }): string => `ca-${org.name}`;

/** Every organisation with a CA: the orderer organisation first, then the peer organisations in topology order. */
export function caOrganizations(topology: Topology, layout: Layout): CaOrganization[] {
    const ordererOrg = topology.ordererOrganization;
    return [
        {
            name: ordererOrg.name,
            domain: ordererOrg.domain,
            kind: 'orderer',
            ca: ordererOrg.ca,
            orgDir: layout.ordererOrgDir(topology),
            nodes: ordererOrg.orderers.map((orderer) => ordererHost(topology, orderer)),
            users: ['Admin'],
        },
        ...topology.organizations.map((org): CaOrganization => ({
            name: org.name,
            domain: org.domain,
            kind: 'peer',
            ca: org.ca,
            orgDir: layout.peerOrgDir(org),
            nodes: [org.peer, ...(org.extraPeers ?? [])].map((peer) => peerHostOf(org, peer)),
            users: identityNames(org),
        })),
    ];
}

/** One line per CA for the scripts: org|domain|kind|port|operationsPort|caName|orgDir|nodes(,)|users(,). */
export function caLines(topology: Topology, layout: Layout): string[] {
    return caOrganizations(topology, layout).map((org) =>
        [
            org.name,
            org.domain,
            org.kind,
            org.ca.port,
            org.ca.operationsPort,
            caName(org),
            org.orgDir,
            org.nodes.join(','),
            org.users.join(','),
        ].join('|'),
    );
}

/** Where a CA server keeps its home (keys, database, TLS certificate) and its registrar's MSP. */
export function caHome(layout: Layout, org: { readonly name: string }): string {
    return join(layout.root, 'ca', org.name);
}

/**
 * An MSP's config.yaml enabling NodeOUs: Fabric CA writes the identity type (client, peer, admin, orderer) into
 * the certificate's OU, and the MSP classifies identities by it, as it does for cryptogen's material.
 * `caCert` is relative to the MSP folder.
 */
export function nodeOusConfig(caCert: string): string {
    const ou = (name: string): string =>
        `  ${name}OUIdentifier:\n    Certificate: ${caCert}\n    OrganizationalUnitIdentifier: ${name.toLowerCase()}\n`;
    return `NodeOUs:\n  Enable: true\n${['Client', 'Peer', 'Admin', 'Orderer'].map(ou).join('')}`;
}

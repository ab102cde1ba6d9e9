// The connection file the client library reads for an organisation (paths relative to the file itself).
import { join, relative } from 'node:path';
import type { ConnectionProfile, IdentityFiles } from '@bia/model';
import { Layout, identityNames, peerHostOf } from './layout';
import type { OrganizationSpec, PeerSpec, Topology } from '@bia/devnet/topology';

export type { ConnectionProfile, IdentityFiles };

/** cryptogen's file names for a user's certificate and key. */
export function identityFiles(layout: Layout, org: OrganizationSpec, user: string): IdentityFiles {
    const msp = join(layout.userDir(org, user), 'msp');
    return {
        certificate: join(msp, 'signcerts', `${user}@${org.domain}-cert.pem`),
        privateKey: join(msp, 'keystore', 'priv_sk'),
    };
}

/**
 * The connection file for one organisation through its first peer, written into layout.connectionsDir; or through
 * another of its peers, written into `dir` (connections/peers/) with paths relative to that folder. `failover` are
 * the organisation's other running peers, listed as its failoverPeers.
 */
export function connectionProfile(
    topology: Topology,
    layout: Layout,
    org: OrganizationSpec,
    peer: PeerSpec = org.peer,
    dir: string = layout.connectionsDir,
    failover: readonly PeerSpec[] = [],
): ConnectionProfile {
    const fromFile = (path: string): string => relative(dir, path);
    const host = layout.endpointHost(org.name) ?? 'localhost';
    const identities: Record<string, IdentityFiles> = {};
    for (const user of identityNames(org)) {
        const files = identityFiles(layout, org, user);
        identities[user] = { certificate: fromFile(files.certificate), privateKey: fromFile(files.privateKey) };
    }
    return {
        name: org.name,
        mspId: org.mspId,
        channel: topology.channel,
        chaincode: topology.chaincode,
        peerEndpoint: `${host}:${peer.port}`,
        peerHostAlias: peerHostOf(org, peer),
        tlsCACert: fromFile(join(layout.peerDir(org, peer), 'tls', 'ca.crt')),
        ...(failover.length === 0
            ? {}
            : {
                  failoverPeers: failover.map((other) => ({
                      endpoint: `${host}:${other.port}`,
                      hostAlias: peerHostOf(org, other),
                      tlsCACert: fromFile(join(layout.peerDir(org, other), 'tls', 'ca.crt')),
                  })),
              }),
        identities,
        defaultIdentity: 'User1',
    };
}

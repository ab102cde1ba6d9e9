// The connection file the client library reads for an organisation (paths relative to the file itself).
import { join, relative } from 'node:path';
import type { ConnectionProfile, IdentityFiles } from '@bia/model';
import { Layout, identityNames, peerHost } from './layout';
import type { PeerOrganization, Topology } from './topology';

export type { ConnectionProfile, IdentityFiles };

/** cryptogen's file names for a user's certificate and key. */
export function identityFiles(layout: Layout, org: PeerOrganization, user: string): IdentityFiles {
    const msp = join(layout.userDir(org, user), 'msp');
    return {
        certificate: join(msp, 'signcerts', `${user}@${org.domain}-cert.pem`),
        privateKey: join(msp, 'keystore', 'priv_sk'),
    };
}

/** The connection file for one organisation, written into layout.connectionsDir. */
export function connectionProfile(topology: Topology, layout: Layout, org: PeerOrganization): ConnectionProfile {
    const fromFile = (path: string): string => relative(layout.connectionsDir, path);
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
        peerEndpoint: `localhost:${org.peer.port}`,
        peerHostAlias: peerHost(org),
        tlsCACert: fromFile(join(layout.peerDir(org), 'tls', 'ca.crt')),
        identities,
        defaultIdentity: 'User1',
    };
}

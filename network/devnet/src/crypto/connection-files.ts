// Per-organisation connection files: everything a client of one organisation needs to reach its peer, with paths
// relative to the file so the tree can be moved. The real network's scripts write the same format.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';

import type { ConnectionProfile, IdentityFiles } from '@bia/model';
import type { Topology } from '../topology';
import { adminName, type IdentitySpec, identityPaths, orgPaths, peerOrganizationLayout, userPrefix } from './layout';

/** The connection file format, defined once in @bia/model. */
export type ConnectionFile = ConnectionProfile;
export type ConnectionIdentity = IdentityFiles;

export interface WriteConnectionFilesOptions {
    readonly topology: Topology;
    /** The same outputDir given to generateCryptoMaterial; files go to outputDir/connections/<org name>.json. */
    readonly outputDir: string;
    /** Org name to the host:port its peer listens on; an org missing here gets localhost:<its topology peer port>. */
    readonly endpoints: ReadonlyMap<string, string>;
}

export const defaultIdentityName = `${userPrefix}1`;

/** Writes one connection file per peer organisation; returns org name to the file's absolute path. */
export async function writeConnectionFiles(options: WriteConnectionFilesOptions): Promise<Map<string, string>> {
    const connectionsDir = resolve(options.outputDir, 'connections');
    await mkdir(connectionsDir, { recursive: true });
    const written = new Map<string, string>();
    for (const org of options.topology.organizations) {
        const file = join(connectionsDir, `${org.name}.json`);
        const content = buildConnectionFile(options, org.name, dirname(file));
        await writeFile(file, `${JSON.stringify(content, null, 2)}\n`);
        written.set(org.name, file);
    }
    return written;
}

function buildConnectionFile(options: WriteConnectionFilesOptions, orgName: string, baseDir: string): ConnectionFile {
    const { topology, outputDir } = options;
    const org = topology.organizations.find((candidate) => candidate.name === orgName);
    if (!org) {
        throw new Error(`organisation ${orgName} is not in the topology`);
    }
    const layout = peerOrganizationLayout(resolve(outputDir), org);
    const identities: Record<string, ConnectionIdentity> = {};
    // Admin first, then User1..N, so the file reads in the order people look for them.
    const ordered = [...layout.users].sort(
        (a, b) => Number(b.shortName === adminName) - Number(a.shortName === adminName),
    );
    for (const user of ordered) {
        identities[user.shortName] = connectionIdentity(baseDir, orgPaths.identityDir(layout, user), user);
    }
    const peer = layout.nodes[0];
    return {
        name: org.name,
        mspId: org.mspId,
        channel: topology.channel,
        chaincode: topology.chaincode,
        peerEndpoint: options.endpoints.get(org.name) ?? `localhost:${org.peer.port}`,
        peerHostAlias: peer?.commonName ?? `${org.peer.name}.${org.domain}`,
        tlsCACert: relativePath(baseDir, orgPaths.tlsCaCertificate(layout)),
        identities,
        defaultIdentity: org.userCount > 0 ? defaultIdentityName : adminName,
    };
}

function connectionIdentity(baseDir: string, identityDir: string, identity: IdentitySpec): ConnectionIdentity {
    return {
        certificate: relativePath(baseDir, identityPaths.signCertificate(identityDir, identity)),
        privateKey: relativePath(baseDir, identityPaths.privateKey(identityDir)),
    };
}

/** Forward slashes on every platform, so the files are the same wherever they are written. */
function relativePath(from: string, to: string): string {
    return relative(from, to).split(sep).join('/');
}

// An organisation's connection file, as `scripts/bia network up` and the devnet write it.
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { ConnectionProfile, IdentityFiles, PeerGateway } from '@bia/model';

/** The connection file format (`<network>/connections/<org>.json`), defined once in @bia/model. */
export type { ConnectionProfile, IdentityFiles, PeerGateway };

/** A connection file is missing, unreadable or lacks a field; the message names the file and the field. */
export class ConnectionProfileError extends Error {
    /** @param message - what is wrong, naming the file */
    constructor(message: string) {
        super(message);
        this.name = 'ConnectionProfileError';
    }
}

/**
 * Reads a connection file and resolves its paths against the file's own folder.
 * @param path - the connection file, e.g. `network/generated/connections/healthco.json`
 * @returns the profile with absolute paths
 * @throws {@link ConnectionProfileError} when the file is missing or a field is absent
 */
export async function readConnectionProfile(path: string): Promise<ConnectionProfile> {
    let parsed: Partial<ConnectionProfile>;
    try {
        parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<ConnectionProfile>;
    } catch (cause) {
        throw new ConnectionProfileError(`cannot read connection file ${path}: ${String(cause)}`);
    }
    const required = ['name', 'mspId', 'channel', 'chaincode', 'peerEndpoint', 'peerHostAlias', 'tlsCACert'] as const;
    for (const field of required) {
        if (typeof parsed[field] !== 'string' || parsed[field] === '') {
            throw new ConnectionProfileError(`connection file ${path} has no ${field}`);
        }
    }
    if (parsed.identities === undefined || Object.keys(parsed.identities).length === 0) {
        throw new ConnectionProfileError(`connection file ${path} lists no identities`);
    }
    const listed: unknown = parsed.failoverPeers ?? [];
    if (!Array.isArray(listed)) {
        throw new ConnectionProfileError(`connection file ${path}: failoverPeers must be a list`);
    }
    const failoverPeers = listed.map((peer: unknown, index) =>
        peerGateway(peer, `${path} failoverPeers[${String(index)}]`),
    );
    const base = dirname(resolve(path));
    const at = (file: string): string => (isAbsolute(file) ? file : resolve(base, file));
    const identities = Object.fromEntries(
        Object.entries(parsed.identities).map(([name, files]) => [
            name,
            { certificate: at(files.certificate), privateKey: at(files.privateKey) },
        ]),
    );
    const profile = parsed as ConnectionProfile;
    return {
        ...profile,
        tlsCACert: at(profile.tlsCACert),
        failoverPeers: failoverPeers.map((peer) => ({ ...peer, tlsCACert: at(peer.tlsCACert) })),
        identities,
        defaultIdentity: profile.defaultIdentity || Object.keys(identities)[0] || '',
    };
}

/** One entry of failoverPeers, each field a non-empty string. */
function peerGateway(value: unknown, where: string): PeerGateway {
    const peer = (typeof value === 'object' && value !== null ? value : {}) as Partial<
        Record<keyof PeerGateway, unknown>
    >;
    const field = (name: keyof PeerGateway): string => {
        const text = peer[name];
        if (typeof text !== 'string' || text === '') {
            throw new ConnectionProfileError(`connection file ${where} has no ${name}`);
        }
        return text;
    };
    return { endpoint: field('endpoint'), hostAlias: field('hostAlias'), tlsCACert: field('tlsCACert') };
}

// An organisation's connection file, as `scripts/bia network up` and the devnet write it.
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';

/** Where an identity's certificate and private key are, as named in a connection file. */
export interface IdentityFiles {
    /** PEM certificate file. */
    readonly certificate: string;
    /** PEM PKCS#8 private key file. */
    readonly privateKey: string;
}

/** The contents of `<network>/connections/<org>.json`; file paths are relative to that file. */
export interface ConnectionProfile {
    /** The organisation's name, e.g. `healthco`. */
    readonly name: string;
    /** Its MSP ID, e.g. `HealthcoMSP`. */
    readonly mspId: string;
    /** The channel, `association`. */
    readonly channel: string;
    /** The chaincode's name, `bia`. */
    readonly chaincode: string;
    /** host:port of the organisation's peer gateway. */
    readonly peerEndpoint: string;
    /** TLS server name of the peer (its certificate's host name). */
    readonly peerHostAlias: string;
    /** PEM file of the CA that issued the peer's TLS certificate. */
    readonly tlsCACert: string;
    /** The organisation's identities by name: `Admin`, `User1`, … */
    readonly identities: Readonly<Record<string, IdentityFiles>>;
    /** The identity `connect` uses when none is named. */
    readonly defaultIdentity: string;
}

/** A connection file is missing, unreadable or incomplete, or names no such identity. */
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
        identities,
        defaultIdentity: profile.defaultIdentity || Object.keys(identities)[0] || '',
    };
}

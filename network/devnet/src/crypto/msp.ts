// The channel's MSPs: turns the creator and endorser bytes in Fabric messages into verified identities, checks their
// signatures, and hands out the peers' own signing identities.
import { X509Certificate } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { msp } from '@hyperledger/fabric-protos';

import type { Topology } from '../topology';
import { SignatureFormatError, verifyLowS } from './ecdsa';
import { type Role, validateStructure, validateValidityPeriod } from './identity-validation';
import { allOrganizationLayouts, identityPaths, type OrganizationLayout, orgPaths } from './layout';
import { MspError } from './msp-error';
import { firstPemBlock } from './pem';
import { loadSigner, type Signer } from './signer';

export type { Role } from './identity-validation';
export { MspError, type MspErrorKind } from './msp-error';
export type { Signer } from './signer';

export interface VerifiedIdentity {
    readonly mspId: string;
    /** From the certificate's NodeOU. */
    readonly role: Role;
    readonly certificate: X509Certificate;
    /** The msp.SerializedIdentity bytes the identity was read from. */
    readonly serialized: Uint8Array;
}

export interface MspRegistryOptions {
    readonly topology: Topology;
    /** The outputDir given to generateCryptoMaterial. */
    readonly outputDir: string;
    /** Clock for certificate validity checks; defaults to the system clock. */
    readonly now?: () => Date;
}

interface OrganizationMsp {
    readonly layout: OrganizationLayout;
    readonly caCertificates: readonly X509Certificate[];
}

/** Structural checks are cached per serialized identity; the validity period is checked on every use. */
type CachedIdentity = { readonly identity: VerifiedIdentity } | { readonly error: MspError };

const identityCacheLimit = 4096;

export class MspRegistry {
    readonly #msps: ReadonlyMap<string, OrganizationMsp>;
    readonly #applicationMspIds: readonly string[];
    readonly #now: () => Date;
    readonly #identities = new Map<string, CachedIdentity>();
    readonly #signers = new Map<string, Signer>();

    private constructor(
        msps: ReadonlyMap<string, OrganizationMsp>,
        applicationMspIds: readonly string[],
        now: () => Date,
    ) {
        this.#msps = msps;
        this.#applicationMspIds = applicationMspIds;
        this.#now = now;
    }

    /** Reads each organisation's CA certificates from its msp/cacerts folder (written by generateCryptoMaterial). */
    static async load(options: MspRegistryOptions): Promise<MspRegistry> {
        const layouts = allOrganizationLayouts(options.outputDir, options.topology);
        const msps = new Map<string, OrganizationMsp>();
        for (const layout of layouts) {
            msps.set(layout.mspId, {
                layout,
                caCertificates: await readCaCertificates(join(orgPaths.mspDir(layout), 'cacerts')),
            });
        }
        const applicationMspIds = options.topology.organizations.map((org) => org.mspId);
        return new MspRegistry(msps, applicationMspIds, options.now ?? (() => new Date()));
    }

    /** Every MSP on the channel: the application organisations in topology order, then the orderer organisation. */
    mspIds(): string[] {
        return [...this.#msps.keys()];
    }

    /** The application (peer) organisations' MSP IDs, in topology order: what implicit meta policies range over. */
    applicationMspIds(): string[] {
        return [...this.#applicationMspIds];
    }

    /**
     * Reads and validates a serialized identity as a peer does for a proposal's creator.
     * @throws MspError for an unknown MSP ID, a malformed identity, a certificate its MSP did not issue, an expired one.
     */
    deserialize(serializedIdentity: Uint8Array): VerifiedIdentity {
        const key = Buffer.from(serializedIdentity).toString('base64');
        let cached = this.#identities.get(key);
        if (!cached) {
            cached = this.#parse(serializedIdentity);
            if (this.#identities.size >= identityCacheLimit) {
                this.#identities.clear();
            }
            this.#identities.set(key, cached);
        }
        if ('error' in cached) {
            throw cached.error;
        }
        validateValidityPeriod(cached.identity.certificate, cached.identity.mspId, this.#now());
        return cached.identity;
    }

    /** Whether the signature is a valid low-S ECDSA signature by the identity over SHA-256(message). */
    verifySignature(identity: VerifiedIdentity, message: Uint8Array, signature: Uint8Array): boolean {
        try {
            this.checkSignature(identity, message, signature);
            return true;
        } catch (err) {
            if (err instanceof MspError) {
                return false;
            }
            throw err;
        }
    }

    /** Like verifySignature, but says why a signature is refused. @throws MspError of kind 'signature'. */
    checkSignature(identity: VerifiedIdentity, message: Uint8Array, signature: Uint8Array): void {
        let valid: boolean;
        try {
            valid = verifyLowS(identity.certificate.publicKey, message, signature);
        } catch (err) {
            if (!(err instanceof SignatureFormatError)) {
                throw err;
            }
            throw new MspError({
                kind: 'signature',
                mspId: identity.mspId,
                message: `could not determine the validity of the signature: Failed verifing with opts [<nil>]: ${err.message}`,
                cause: err,
            });
        }
        if (!valid) {
            throw new MspError({ kind: 'signature', mspId: identity.mspId, message: 'The signature is invalid' });
        }
    }

    /** The signing identity of an organisation's peer (its msp/signcerts certificate and keystore key). */
    peerSigner(orgName: string): Signer {
        const org = this.#organization(orgName);
        const peer = org.layout.nodes[0];
        if (!peer) {
            throw new Error(`organisation ${orgName} has no peer`);
        }
        return this.signer(orgName, peer.shortName);
    }

    /**
     * A signing identity by organisation name and identity name: 'peer0' or 'orderer0' for nodes, 'Admin' or
     * 'User1'..'UserN' for users.
     */
    signer(orgName: string, identityName: string): Signer {
        const org = this.#organization(orgName);
        const cacheKey = `${orgName}/${identityName}`;
        const cached = this.#signers.get(cacheKey);
        if (cached) {
            return cached;
        }
        const identity = [...org.layout.nodes, ...org.layout.users].find((spec) => spec.shortName === identityName);
        if (!identity) {
            throw new Error(`organisation ${orgName} has no identity named ${identityName}`);
        }
        const identityDir = orgPaths.identityDir(org.layout, identity);
        const signer = loadSigner({
            mspId: org.layout.mspId,
            certificatePath: identityPaths.signCertificate(identityDir, identity),
            privateKeyPath: identityPaths.privateKey(identityDir),
        });
        this.#signers.set(cacheKey, signer);
        return signer;
    }

    #organization(orgName: string): OrganizationMsp {
        for (const org of this.#msps.values()) {
            if (org.layout.name === orgName) {
                return org;
            }
        }
        throw new Error(`unknown organisation ${orgName}`);
    }

    #parse(serializedIdentity: Uint8Array): CachedIdentity {
        try {
            const { org, certificate } = this.#read(serializedIdentity);
            const mspId = org.layout.mspId;
            const role = validateStructure(certificate, mspId, org.caCertificates);
            return { identity: { mspId, role, certificate, serialized: Uint8Array.from(serializedIdentity) } };
        } catch (err) {
            if (err instanceof MspError) {
                return { error: err };
            }
            throw err;
        }
    }

    #read(serializedIdentity: Uint8Array): { org: OrganizationMsp; certificate: X509Certificate } {
        let decoded: msp.SerializedIdentity;
        try {
            decoded = msp.SerializedIdentity.deserializeBinary(serializedIdentity);
        } catch (err) {
            throw new MspError({
                kind: 'deserialize',
                message: `could not deserialize a SerializedIdentity: ${(err as Error).message}`,
                cause: err,
            });
        }
        const mspId = decoded.getMspid();
        const org = this.#msps.get(mspId);
        if (!org) {
            throw new MspError({ kind: 'deserialize', mspId, message: `MSP ${mspId} is not defined on channel` });
        }
        const block = firstPemBlock(Buffer.from(decoded.getIdBytes_asU8()).toString('latin1'));
        if (!block) {
            throw new MspError({ kind: 'deserialize', mspId, message: 'could not decode the PEM structure' });
        }
        let certificate: X509Certificate;
        try {
            certificate = new X509Certificate(block.der);
        } catch (err) {
            throw new MspError({
                kind: 'deserialize',
                mspId,
                message: 'parseCertificate failed: x509: malformed certificate',
                cause: err,
            });
        }
        const key = certificate.publicKey;
        if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
            throw new MspError({
                kind: 'deserialize',
                mspId,
                message: "failed to import certificate's public key: the devnet supports ECDSA P-256 keys only",
            });
        }
        return { org, certificate };
    }
}

async function readCaCertificates(directory: string): Promise<X509Certificate[]> {
    let files: string[];
    try {
        files = (await readdir(directory)).filter((file) => file.endsWith('.pem')).sort();
    } catch (err) {
        throw new Error(`no MSP CA certificates in ${directory}; run generateCryptoMaterial first`, { cause: err });
    }
    if (files.length === 0) {
        throw new Error(`no MSP CA certificates in ${directory}; run generateCryptoMaterial first`);
    }
    return Promise.all(files.map(async (file) => new X509Certificate(await readFile(join(directory, file)))));
}

// Signing identities: an MSP ID, a certificate and its private key, signing the way Fabric's bccsp does.
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { msp } from '@hyperledger/fabric-protos';

import { signLowS } from './ecdsa';

export interface Signer {
    readonly mspId: string;
    /** msp.SerializedIdentity bytes: the MSP ID and the PEM certificate, as a creator or endorser field holds them. */
    readonly serializedIdentity: Uint8Array;
    /** ECDSA P-256 over SHA-256(message), DER encoded, low-S. */
    sign(message: Uint8Array): Uint8Array;
}

/** msp.SerializedIdentity bytes for a PEM certificate, exactly as the Fabric client libraries build them. */
export function serializeIdentity(mspId: string, certificatePem: string | Uint8Array): Uint8Array {
    const identity = new msp.SerializedIdentity();
    identity.setMspid(mspId);
    identity.setIdBytes(typeof certificatePem === 'string' ? Buffer.from(certificatePem) : certificatePem);
    return identity.serializeBinary();
}

export function newSigner(options: {
    readonly mspId: string;
    readonly certificatePem: string | Uint8Array;
    readonly privateKeyPem: string | Uint8Array;
}): Signer {
    const privateKey: KeyObject = createPrivateKey(Buffer.from(options.privateKeyPem));
    return {
        mspId: options.mspId,
        serializedIdentity: serializeIdentity(options.mspId, options.certificatePem),
        sign: (message) => signLowS(privateKey, message),
    };
}

/** Reads a signer from certificate and key files, such as a cryptogen signcerts/ and keystore/priv_sk pair. */
export function loadSigner(options: {
    readonly mspId: string;
    readonly certificatePath: string;
    readonly privateKeyPath: string;
}): Signer {
    return newSigner({
        mspId: options.mspId,
        certificatePem: readFileSync(options.certificatePath),
        privateKeyPem: readFileSync(options.privateKeyPath),
    });
}

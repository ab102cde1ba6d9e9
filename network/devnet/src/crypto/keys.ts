// ECDSA P-256 key pairs through WebCrypto, stored as PKCS#8 PEM like cryptogen's priv_sk files.
import { webcrypto } from 'node:crypto';

import { firstPemBlock, toPem } from './pem';

const ecdsaP256: webcrypto.EcKeyImportParams = { name: 'ECDSA', namedCurve: 'P-256' };

export async function generateKeyPair(): Promise<webcrypto.CryptoKeyPair> {
    return webcrypto.subtle.generateKey(ecdsaP256, true, ['sign', 'verify']);
}

export async function privateKeyToPem(privateKey: webcrypto.CryptoKey): Promise<string> {
    const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', privateKey);
    return toPem('PRIVATE KEY', new Uint8Array(pkcs8));
}

/** Imports a PKCS#8 PEM private key for signing certificates. */
export async function importPrivateKeyPem(pem: string): Promise<webcrypto.CryptoKey> {
    const block = firstPemBlock(pem);
    if (block?.label !== 'PRIVATE KEY') {
        throw new Error('expected a PEM block of type PRIVATE KEY');
    }
    return webcrypto.subtle.importKey('pkcs8', block.der, ecdsaP256, true, ['sign']);
}

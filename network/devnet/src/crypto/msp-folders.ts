// Writes the MSP folders cryptogen writes: an organisation's verifying MSP and each identity's local MSP plus TLS pair.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { type CertificateAuthority, certificateToPem, issueCertificate } from './certificates';
import { generateKeyPair, privateKeyToPem } from './keys';
import { caCommonName, certificateFileName, type IdentitySpec, tlsCaCommonName, tlsFilePrefix } from './layout';

/** A CA as loaded from or written to disk, with its certificate's PEM text to copy into MSP folders verbatim. */
export interface StoredAuthority extends CertificateAuthority {
    readonly certificatePem: string;
}

export interface OrganizationAuthorities {
    readonly domain: string;
    readonly signing: StoredAuthority;
    readonly tls: StoredAuthority;
}

const nodeOuRoles = [
    ['ClientOUIdentifier', 'client'],
    ['PeerOUIdentifier', 'peer'],
    ['AdminOUIdentifier', 'admin'],
    ['OrdererOUIdentifier', 'orderer'],
] as const;

/** msp/config.yaml enabling NodeOUs, in the shape cryptogen's YAML marshalling produces. */
export function nodeOuConfigYaml(caCertificatePath: string): string {
    const lines = ['NodeOUs:', '  Enable: true'];
    for (const [key, unit] of nodeOuRoles) {
        lines.push(`  ${key}:`, `    Certificate: ${caCertificatePath}`, `    OrganizationalUnitIdentifier: ${unit}`);
    }
    return `${lines.join('\n')}\n`;
}

/** The organisation-level MSP (GenerateVerifyingMSP): CA certificates and NodeOU config, no keys. */
export async function writeVerifyingMsp(mspDir: string, authorities: OrganizationAuthorities): Promise<void> {
    await writeCaCertificates(mspDir, authorities);
}

/** One identity's folder (GenerateLocalMSP): msp/ with its signing key and certificate, tls/ with its TLS pair. */
export async function writeLocalIdentity(
    identityDir: string,
    identity: IdentitySpec,
    authorities: OrganizationAuthorities,
    now: Date,
): Promise<void> {
    const mspDir = join(identityDir, 'msp');
    await writeCaCertificates(mspDir, authorities);
    await mkdir(join(mspDir, 'keystore'), { recursive: true });
    await mkdir(join(mspDir, 'signcerts'), { recursive: true });

    const signingKeys = await generateKeyPair();
    const certificate = await issueCertificate(authorities.signing, {
        commonName: identity.commonName,
        organizationalUnits: [identity.role],
        alternativeNames: [],
        publicKey: signingKeys.publicKey,
        purpose: 'identity',
        now,
    });
    await writePrivateKey(join(mspDir, 'keystore', 'priv_sk'), await privateKeyToPem(signingKeys.privateKey));
    await writeFile(join(mspDir, 'signcerts', certificateFileName(identity.commonName)), certificateToPem(certificate));

    const tlsDir = join(identityDir, 'tls');
    await mkdir(tlsDir, { recursive: true });
    const tlsKeys = await generateKeyPair();
    const tlsCertificate = await issueCertificate(authorities.tls, {
        commonName: identity.commonName,
        organizationalUnits: [],
        alternativeNames: identity.alternativeNames,
        publicKey: tlsKeys.publicKey,
        purpose: 'tls',
        now,
    });
    const prefix = tlsFilePrefix(identity);
    await writeFile(join(tlsDir, 'ca.crt'), authorities.tls.certificatePem);
    await writeFile(join(tlsDir, `${prefix}.crt`), certificateToPem(tlsCertificate));
    await writePrivateKey(join(tlsDir, `${prefix}.key`), await privateKeyToPem(tlsKeys.privateKey));
}

async function writeCaCertificates(mspDir: string, authorities: OrganizationAuthorities): Promise<void> {
    for (const folder of ['admincerts', 'cacerts', 'tlscacerts']) {
        await mkdir(join(mspDir, folder), { recursive: true });
    }
    const caFile = certificateFileName(caCommonName(authorities.domain));
    await writeFile(join(mspDir, 'cacerts', caFile), authorities.signing.certificatePem);
    await writeFile(
        join(mspDir, 'tlscacerts', certificateFileName(tlsCaCommonName(authorities.domain))),
        authorities.tls.certificatePem,
    );
    await writeFile(join(mspDir, 'config.yaml'), nodeOuConfigYaml(`cacerts/${caFile}`));
}

export async function writePrivateKey(path: string, pem: string): Promise<void> {
    await writeFile(path, pem, { mode: 0o600 });
}

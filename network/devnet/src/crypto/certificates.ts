// X.509 certificates shaped like cryptogen's (internal/cryptogen/ca): the same subjects, extensions, key usages and
// ten-year validity, so tools written against a cryptogen tree accept the devnet's material unchanged.
import { createHash, randomBytes, webcrypto } from 'node:crypto';

import type * as x509 from '@peculiar/x509';

import { toPem } from './pem';
import { loadX509Library } from './x509-library';

type X509Library = Awaited<ReturnType<typeof loadX509Library>>;

const signingAlgorithm = { name: 'ECDSA', hash: 'SHA-256' };
const validityDays = 3650;
const backdateMinutes = 5;

/** cryptogen's fixed subject prefix for every certificate it issues. */
const subjectPrefix: x509.JsonName = [{ C: ['US'] }, { ST: ['California'] }, { L: ['San Francisco'] }];

export interface CertificateAuthority {
    readonly certificate: x509.X509Certificate;
    readonly privateKey: webcrypto.CryptoKey;
}

export type CertificatePurpose = 'identity' | 'tls';

export interface LeafCertificateRequest {
    readonly commonName: string;
    /** Node OU (client, peer, admin, orderer) for identity certificates; cryptogen puts none in TLS certificates. */
    readonly organizationalUnits: readonly string[];
    readonly alternativeNames: readonly string[];
    readonly publicKey: webcrypto.CryptoKey;
    readonly purpose: CertificatePurpose;
    readonly now: Date;
}

export async function createCertificateAuthority(options: {
    readonly commonName: string;
    readonly organization: string;
    readonly keys: webcrypto.CryptoKeyPair;
    readonly now: Date;
}): Promise<x509.X509Certificate> {
    const x509 = await loadX509Library();
    const validity = validityFrom(options.now);
    return x509.X509CertificateGenerator.createSelfSigned(
        {
            serialNumber: randomSerialNumber(),
            name: [...subjectPrefix, { O: [options.organization] }, { CN: [options.commonName] }],
            notBefore: validity.notBefore,
            notAfter: validity.notAfter,
            keys: options.keys,
            signingAlgorithm,
            extensions: [
                new x509.KeyUsagesExtension(
                    x509.KeyUsageFlags.digitalSignature |
                        x509.KeyUsageFlags.keyEncipherment |
                        x509.KeyUsageFlags.keyCertSign |
                        x509.KeyUsageFlags.cRLSign,
                    true,
                ),
                new x509.ExtendedKeyUsageExtension([
                    x509.ExtendedKeyUsage.clientAuth,
                    x509.ExtendedKeyUsage.serverAuth,
                ]),
                new x509.BasicConstraintsExtension(true, undefined, true),
                new x509.SubjectKeyIdentifierExtension(await subjectKeyIdentifier(options.keys.publicKey)),
            ],
        },
        webcrypto,
    );
}

export async function issueCertificate(
    authority: CertificateAuthority,
    request: LeafCertificateRequest,
): Promise<x509.X509Certificate> {
    const x509 = await loadX509Library();
    const validity = validityFrom(request.now);
    const subject: x509.JsonName = [
        ...subjectPrefix,
        ...request.organizationalUnits.map((unit) => ({ OU: [unit] })),
        { CN: [request.commonName] },
    ];
    const extensions: x509.Extension[] = [
        request.purpose === 'tls'
            ? new x509.KeyUsagesExtension(
                  x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
                  true,
              )
            : new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.AuthorityKeyIdentifierExtension(authorityKeyIdentifier(x509, authority)),
    ];
    if (request.purpose === 'tls') {
        extensions.push(
            new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
        );
    }
    if (request.alternativeNames.length > 0) {
        extensions.push(new x509.SubjectAlternativeNameExtension(request.alternativeNames.map(generalName)));
    }
    return x509.X509CertificateGenerator.create(
        {
            serialNumber: randomSerialNumber(),
            subject,
            issuer: authority.certificate.subjectName,
            notBefore: validity.notBefore,
            notAfter: validity.notAfter,
            publicKey: request.publicKey,
            signingKey: authority.privateKey,
            signingAlgorithm,
            extensions,
        },
        webcrypto,
    );
}

/** cryptogen (like Go's net.ParseIP) treats a name that parses as an IP address as an IP SAN, anything else as DNS. */
function generalName(name: string): x509.JsonGeneralName {
    const isIp = /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || name.includes(':');
    return { type: isIp ? 'ip' : 'dns', value: name };
}

/** Now rounded to the minute and backdated five minutes, valid for ten years: cryptogen's x509Template. */
function validityFrom(now: Date): { notBefore: Date; notAfter: Date } {
    const minute = 60_000;
    const notBefore = new Date(Math.round(now.getTime() / minute) * minute - backdateMinutes * minute);
    const notAfter = new Date(notBefore.getTime() + validityDays * 24 * 60 * minute);
    return { notBefore, notAfter };
}

/** A positive 128-bit serial number without a leading zero byte, so its DER INTEGER is minimal. */
function randomSerialNumber(): string {
    const bytes = randomBytes(16);
    bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x40;
    return bytes.toString('hex');
}

/** RFC 7093 method 4, as cryptogen computes it: SHA-256 of the uncompressed public point. */
async function subjectKeyIdentifier(publicKey: webcrypto.CryptoKey): Promise<string> {
    const point = new Uint8Array(await webcrypto.subtle.exportKey('raw', publicKey));
    return createHash('sha256').update(point).digest('hex');
}

/** Go sets a certificate's authority key identifier to its issuer's subject key identifier. */
function authorityKeyIdentifier(x509: X509Library, authority: CertificateAuthority): string {
    const extension = authority.certificate.getExtension(x509.SubjectKeyIdentifierExtension);
    if (!extension) {
        throw new Error(`CA certificate ${authority.certificate.subject} has no subject key identifier`);
    }
    return extension.keyId;
}

/** The certificate as PEM text laid out exactly as Go's pem.Encode writes it. */
export function certificateToPem(certificate: x509.X509Certificate): string {
    return toPem('CERTIFICATE', new Uint8Array(certificate.rawData));
}

// Certificates a hostile insider could obtain: issued by an organisation's REAL certificate authority (its key is
// in the network's crypto material, laid out as cryptogen lays it out on the devnet and on real Fabric), so the
// MSP accepts them, but with subjects chosen to confuse whoever derives roles or IDs from the subject's text.
// Each certificate gets a fresh P-256 key pair; nothing is written to disk.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type * as x509 from '@peculiar/x509';
import { certificateToPem } from '../../../network/devnet/src/crypto/certificates';
import { generateKeyPair, importPrivateKeyPem, privateKeyToPem } from '../../../network/devnet/src/crypto/keys';
import { loadX509Library } from '../../../network/devnet/src/crypto/x509-library';
import type { Credentials } from './raw-gateway';
import { readConnectionProfile } from './raw-gateway';

/** cryptogen's fixed subject prefix, so crafted certificates look like the organisation's others. */
export const cryptogenPrefix: x509.JsonName = [{ C: ['US'] }, { ST: ['California'] }, { L: ['San Francisco'] }];

export interface OrganizationCa {
    readonly certificatePem: string;
    /** Issues a certificate with exactly this subject (RDN sequence; an RDN with several entries is multi-valued). */
    issue(subject: x509.JsonName): Promise<Credentials>;
}

/**
 * The organisation's signing CA, found from its connection file: the file's Admin certificate sits at
 * `<org>/users/Admin@<domain>/msp/signcerts/`, and cryptogen keeps the CA's certificate and key (`*_sk`) in `<org>/ca/`.
 */
export async function organizationCa(connectionFile: string): Promise<OrganizationCa> {
    const profile = readConnectionProfile(connectionFile);
    const admin = profile.identities.Admin ?? profile.identities[profile.defaultIdentity];
    if (admin === undefined) {
        throw new Error(`${connectionFile} names no identity to find the organisation's folder from`);
    }
    const certificateFile = resolve(dirname(connectionFile), admin.certificate);
    const orgDir = organizationFolder(certificateFile);
    const caDir = join(orgDir, 'ca');
    let files: string[];
    try {
        files = readdirSync(caDir);
    } catch (error) {
        throw new Error(
            `no CA folder ${caDir}: the adversarial suite needs the organisation's CA key in cryptogen's layout ` +
                '(a network set up with --ca fabric-ca keeps it in its CA server instead)',
            { cause: error },
        );
    }
    const keyFile = files.find((name) => name.endsWith('_sk'));
    const caCertFile = files.find((name) => name.endsWith('.pem'));
    if (keyFile === undefined || caCertFile === undefined) {
        throw new Error(`${caDir} holds no CA key (*_sk) and certificate (*.pem): ${files.join(', ')}`);
    }
    const lib = await loadX509Library();
    const certificatePem = readFileSync(join(caDir, caCertFile), 'utf8');
    const caCertificate = new lib.X509Certificate(certificatePem);
    const caKey = await importPrivateKeyPem(readFileSync(join(caDir, keyFile), 'utf8'));
    const keyId = caCertificate.getExtension(lib.SubjectKeyIdentifierExtension)?.keyId;
    return {
        certificatePem,
        issue: async (subject) => {
            const keys = await generateKeyPair();
            const now = Date.now();
            const certificate = await lib.X509CertificateGenerator.create({
                serialNumber: serialNumber(),
                subject: new lib.Name(exactName(subject)),
                issuer: caCertificate.subjectName,
                notBefore: new Date(now - 5 * 60_000),
                notAfter: new Date(now + 24 * 3600_000),
                publicKey: keys.publicKey,
                signingKey: caKey,
                signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
                extensions: [
                    new lib.KeyUsagesExtension(lib.KeyUsageFlags.digitalSignature, true),
                    new lib.BasicConstraintsExtension(false, undefined, true),
                    ...(keyId === undefined ? [] : [new lib.AuthorityKeyIdentifierExtension(keyId)]),
                ],
            });
            return {
                certificatePem: certificateToPem(certificate),
                privateKeyPem: await privateKeyToPem(keys.privateKey),
            };
        },
    };
}

/**
 * The subject with every value taken literally: @peculiar/x509 reads plain string values as DN text (it strips quotes
 * and backslash escapes, and takes `#...` as hex), which would quietly defuse the very characters under test. Each
 * value gets the string type a Go CA (cryptogen, Fabric CA) gives it: PrintableString when its characters allow,
 * else UTF8String.
 */
function exactName(subject: x509.JsonName): x509.JsonNameParams {
    return subject.map((rdn) =>
        Object.fromEntries(
            Object.entries(rdn).map(([type, values]) => [
                type,
                values.map((value) => (printable.test(value) ? { printableString: value } : { utf8String: value })),
            ]),
        ),
    );
}

/** ASN.1 PrintableString's characters (X.680), as Go's x509 checks them. */
const printable = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

/** A client certificate's subject: cryptogen's prefix, `OU=client` (its one NodeOU role), then the given RDNs. */
export function clientSubject(...rdns: x509.JsonName): x509.JsonName {
    return [...cryptogenPrefix, { OU: ['client'] }, ...rdns];
}

/** The organisation's folder is the one directly under `peerOrganizations`. */
function organizationFolder(path: string): string {
    let dir = dirname(path);
    while (basename(dirname(dir)) !== 'peerOrganizations') {
        const parent = dirname(dir);
        if (parent === dir) {
            throw new Error(`${path} is not inside a peerOrganizations folder (cryptogen's layout)`);
        }
        dir = parent;
    }
    return dir;
}

/** A random positive 128-bit serial without a leading zero byte (a minimal DER INTEGER), as cryptogen's. */
function serialNumber(): string {
    const bytes = randomBytes(16);
    bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x40;
    return bytes.toString('hex');
}

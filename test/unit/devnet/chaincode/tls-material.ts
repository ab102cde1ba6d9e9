// A throw-away CA with a server and a client certificate, written as PEM files, for TLS between devnet and chaincode.
import 'reflect-metadata';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const NOT_BEFORE = new Date('2020-01-01T00:00:00Z');
const NOT_AFTER = new Date('2040-01-01T00:00:00Z');

export interface TlsFiles {
    readonly caCertFile: string;
    readonly caCertPem: Buffer;
    readonly serverKeyFile: string;
    readonly serverCertFile: string;
    readonly clientKeyPem: Buffer;
    readonly clientCertPem: Buffer;
}

interface Issued {
    readonly keyPem: string;
    readonly certPem: string;
}

async function newKeys(): Promise<webcrypto.CryptoKeyPair> {
    return webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
}

async function issue(
    ca: x509.X509Certificate,
    caKey: webcrypto.CryptoKey,
    commonName: string,
    serial: string,
): Promise<Issued> {
    const keys = await newKeys();
    const certificate = await x509.X509CertificateGenerator.create(
        {
            serialNumber: serial,
            subject: `CN=${commonName}`,
            issuer: ca.subject,
            notBefore: NOT_BEFORE,
            notAfter: NOT_AFTER,
            publicKey: keys.publicKey,
            signingKey: caKey,
            signingAlgorithm: ALGORITHM,
            extensions: [
                new x509.SubjectAlternativeNameExtension([
                    { type: 'dns', value: 'localhost' },
                    { type: 'ip', value: '127.0.0.1' },
                ]),
                new x509.ExtendedKeyUsageExtension([
                    x509.ExtendedKeyUsage.serverAuth,
                    x509.ExtendedKeyUsage.clientAuth,
                ]),
            ],
        },
        webcrypto,
    );
    const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
    return { keyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'), certPem: certificate.toString('pem') };
}

export async function newTlsFiles(): Promise<TlsFiles> {
    const caKeys = await newKeys();
    const ca = await x509.X509CertificateGenerator.createSelfSigned(
        {
            serialNumber: '01',
            name: 'CN=Devnet Test TLS CA',
            notBefore: NOT_BEFORE,
            notAfter: NOT_AFTER,
            keys: caKeys,
            signingAlgorithm: ALGORITHM,
            extensions: [new x509.BasicConstraintsExtension(true, undefined, true)],
        },
        webcrypto,
    );
    const server = await issue(ca, caKeys.privateKey, 'localhost', '02');
    const client = await issue(ca, caKeys.privateKey, 'devnet-peer', '03');
    const dir = await mkdtemp(join(tmpdir(), 'devnet-chaincode-tls-'));
    const files = {
        caCertFile: join(dir, 'ca.pem'),
        serverKeyFile: join(dir, 'server.key'),
        serverCertFile: join(dir, 'server.pem'),
    };
    await writeFile(files.caCertFile, ca.toString('pem'));
    await writeFile(files.serverKeyFile, server.keyPem);
    await writeFile(files.serverCertFile, server.certPem);
    return {
        ...files,
        caCertPem: Buffer.from(ca.toString('pem')),
        clientKeyPem: Buffer.from(client.keyPem),
        clientCertPem: Buffer.from(client.certPem),
    };
}

// Generates every organisation's crypto material in cryptogen's folder layout. Like `cryptogen extend`, it only adds
// what is missing, so a restarted devnet keeps its identities and a larger userCount adds users.
import { access, chmod, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import type { Topology } from '../topology';
import { certificateToPem, createCertificateAuthority } from './certificates';
import { generateKeyPair, importPrivateKeyPem, privateKeyToPem } from './keys';
import { loadX509Library } from './x509-library';
import {
    allOrganizationLayouts,
    caCommonName,
    certificateFileName,
    type OrganizationLayout,
    orgPaths,
    tlsCaCommonName,
} from './layout';
import {
    type OrganizationAuthorities,
    type StoredAuthority,
    writeLocalIdentity,
    writePrivateKey,
    writeVerifyingMsp,
} from './msp-folders';

export interface GenerateCryptoMaterialOptions {
    readonly topology: Topology;
    readonly outputDir: string;
    /** Issue time for new certificates; defaults to now. Tests use it to make expired material. */
    readonly now?: Date;
}

export async function generateCryptoMaterial(options: GenerateCryptoMaterialOptions): Promise<void> {
    const now = options.now ?? new Date();
    for (const org of allOrganizationLayouts(options.outputDir, options.topology)) {
        await generateOrganization(org, now);
    }
}

async function generateOrganization(org: OrganizationLayout, now: Date): Promise<void> {
    const authorities: OrganizationAuthorities = {
        domain: org.domain,
        signing: await loadOrCreateAuthority(org, orgPaths.caDir(org), caCommonName(org.domain), now),
        tls: await loadOrCreateAuthority(org, orgPaths.tlsCaDir(org), tlsCaCommonName(org.domain), now),
    };
    await createOnce(orgPaths.mspDir(org), (dir) => writeVerifyingMsp(dir, authorities));
    await Promise.all(
        [...org.nodes, ...org.users].map((identity) =>
            createOnce(orgPaths.identityDir(org, identity), (dir) =>
                writeLocalIdentity(dir, identity, authorities, now),
            ),
        ),
    );
}

async function loadOrCreateAuthority(
    org: OrganizationLayout,
    caDir: string,
    commonName: string,
    now: Date,
): Promise<StoredAuthority> {
    const certificateFile = join(caDir, certificateFileName(commonName));
    const keyFile = join(caDir, 'priv_sk');
    if (!(await exists(caDir))) {
        if (await exists(orgPaths.mspDir(org))) {
            // New CA keys would orphan every identity already issued; refuse rather than silently break them.
            throw new Error(
                `${org.directory} has identities but its CA folder ${caDir} is missing; delete the folder to regenerate it`,
            );
        }
        await createOnce(caDir, async (dir) => {
            const keys = await generateKeyPair();
            const certificate = await createCertificateAuthority({ commonName, organization: org.domain, keys, now });
            await writePrivateKey(join(dir, 'priv_sk'), await privateKeyToPem(keys.privateKey));
            await writeFile(join(dir, certificateFileName(commonName)), certificateToPem(certificate));
        });
    }
    try {
        const x509 = await loadX509Library();
        const certificatePem = await readFile(certificateFile, 'utf8');
        return {
            certificatePem,
            certificate: new x509.X509Certificate(certificatePem),
            privateKey: await importPrivateKeyPem(await readFile(keyFile, 'utf8')),
        };
    } catch (err) {
        throw new Error(`cannot load the CA in ${caDir}; delete ${org.directory} to regenerate it`, { cause: err });
    }
}

/** Builds a folder under a temporary name and renames it into place, so an interrupted run leaves no half-written identity. */
async function createOnce(target: string, populate: (dir: string) => Promise<void>): Promise<void> {
    if (await exists(target)) {
        return;
    }
    await mkdir(dirname(target), { recursive: true });
    const staging = await mkdtemp(`${target}.partial-`);
    await chmod(staging, 0o755);
    try {
        await populate(staging);
        await rename(staging, target);
    } catch (err) {
        await rm(staging, { recursive: true, force: true });
        throw err;
    }
}

async function exists(path: string): Promise<boolean> {
    try {
        await access(path);
        return true;
    } catch {
        return false;
    }
}

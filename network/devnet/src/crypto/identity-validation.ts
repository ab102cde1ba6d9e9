// Checks an identity certificate the way Fabric's X.509 MSP validates a creator (msp/mspimplvalidate.go) with NodeOUs
// enabled: not a CA, within its validity period, issued by one of the MSP's CAs, and exactly one node OU.
import type { X509Certificate } from 'node:crypto';

import { MspError } from './msp-error';

export type Role = 'admin' | 'peer' | 'client' | 'orderer';

const nodeOuRoles: ReadonlySet<string> = new Set<Role>(['client', 'peer', 'admin', 'orderer']);

/** The checks that do not depend on the time; their outcome can be cached per certificate. */
export function validateStructure(
    certificate: X509Certificate,
    mspId: string,
    caCertificates: readonly X509Certificate[],
): Role {
    if (certificate.ca) {
        throw invalid(
            mspId,
            'could not obtain certification chain: An X509 certificate with Basic Constraint: Certificate Authority equals true cannot be used as an identity',
        );
    }
    const issuer = caCertificates.find((ca) => certificate.checkIssued(ca) && certificate.verify(ca.publicKey));
    if (!issuer) {
        throw invalid(
            mspId,
            'could not obtain certification chain: the supplied identity is not valid: x509: certificate signed by unknown authority',
        );
    }
    return nodeRole(certificate, mspId);
}

/** Go's x509 validity check, with its message and RFC 3339 times. */
export function validateValidityPeriod(certificate: X509Certificate, mspId: string, now: Date): void {
    const notBefore = new Date(certificate.validFrom);
    const notAfter = new Date(certificate.validTo);
    let detail: string | undefined;
    if (now < notBefore) {
        detail = `current time ${rfc3339(now)} is before ${rfc3339(notBefore)}`;
    } else if (now > notAfter) {
        detail = `current time ${rfc3339(now)} is after ${rfc3339(notAfter)}`;
    }
    if (detail !== undefined) {
        throw invalid(
            mspId,
            `could not obtain certification chain: the supplied identity is not valid: x509: certificate has expired or is not yet valid: ${detail}`,
        );
    }
}

/** The subject's OU values; Node prints one attribute per line. */
export function organizationalUnits(certificate: X509Certificate): string[] {
    return certificate.subject
        .split('\n')
        .filter((line) => line.startsWith('OU='))
        .map((line) => line.slice('OU='.length));
}

function nodeRole(certificate: X509Certificate, mspId: string): Role {
    const units = organizationalUnits(certificate);
    const roles = units.filter((unit) => nodeOuRoles.has(unit)) as Role[];
    const [role] = roles;
    if (role === undefined) {
        throw invalid(
            mspId,
            `could not validate identity's OUs: the identity does not have an OU that resolves to client, peer, orderer, or admin role. OUs: [${units.join(' ')}], MSP: [${mspId}]`,
        );
    }
    if (roles.length > 1) {
        throw invalid(
            mspId,
            `could not validate identity's OUs: the identity must have a client, a peer, an orderer, or an admin OU role to be valid, not a combination of them. OUs: [${units.join(' ')}], MSP: [${mspId}]`,
        );
    }
    return role;
}

function invalid(mspId: string, message: string): MspError {
    return new MspError({ kind: 'validate', mspId, message });
}

function rfc3339(time: Date): string {
    return time.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

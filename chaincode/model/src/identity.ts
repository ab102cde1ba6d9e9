// Who a Fabric X.509 identity is, read from its certificate: the identity ID that bindings use, and the NodeOU role.
// Never parsed out of a display string: fabric-shim's getID() escapes only some characters, so a subject value such
// as a common name containing "/OU=admin" would read as another attribute. The chaincode and clients share this.
import { type DistinguishedName, certificateNames } from './x509-names';

/** The roles Fabric's NodeOUs tell apart; the MSPs of this network use these OU values (cryptogen's and fabric-ca's). */
export const nodeRoles = ['admin', 'client', 'peer', 'orderer'] as const;
export type NodeRole = (typeof nodeRoles)[number];

export interface CertificateIdentity {
    /** `x509::<subject>::<issuer>`, see {@link identityIdOf}. */
    readonly identityId: string;
    /** The subject's OU values, every OU attribute of every RDN in certificate order (Go's pkix.Name). */
    readonly organizationalUnits: readonly string[];
    /** The one NodeOU role among them; undefined when there is none or more than one (Fabric's MSP refuses both). */
    readonly role: NodeRole | undefined;
}

/**
 * Reads a certificate (PEM text, PEM bytes as `ctx.clientIdentity.getIDBytes()` gives them, or DER). The DER is read
 * here, not by OpenSSL (node:crypto), so every endorser reads it alike whatever its Node version, and as Go does.
 * @throws Error when it is not a certificate, or its names use an encoding Go's x509 (and so Fabric's MSP) refuses
 *   or that could be read in more than one way.
 */
export function certificateIdentity(certificate: string | Uint8Array): CertificateIdentity {
    const { subject, issuer } = certificateNames(certificateDer(certificate));
    const organizationalUnits = subject.flat().flatMap(({ type, value }) => (type === ouType ? [value] : []));
    const roles = organizationalUnits.filter((unit): unit is NodeRole =>
        (nodeRoles as readonly string[]).includes(unit),
    );
    return {
        identityId: `x509::${distinguishedNameText(subject)}::${distinguishedNameText(issuer)}`,
        organizationalUnits,
        role: roles.length === 1 ? roles[0] : undefined,
    };
}

/**
 * The identity ID of a certificate: `x509::<subject>::<issuer>`, each name written as RFC 4514 writes it (RDNs most
 * specific first, separated by `,`; attributes of one RDN by `+`; `TYPE=value`), with every value character other
 * than an ASCII letter, digit, space, `.`, `_`, `-` or `@` escaped as `\XX` per UTF-8 byte — `:`, `/`, `=`, `,`, `+`,
 * `\`, quotes, NUL, every non-ASCII character, and a leading or trailing space included. So the ID is ASCII, no value
 * can imitate a separator or another attribute, look-alike letters stay visibly different, and different names give
 * different IDs. Types are short names (CN, OU, O, L, ST, C, STREET, SERIALNUMBER, POSTALCODE, DC, UID) or dotted OIDs.
 * Two certificates of one CA with the same subject (a re-enrolment) share the ID, as they do in Fabric.
 * @example identityIdOf(pem) === 'x509::CN=User1@healthco.bia.example,OU=client,L=San Francisco,ST=California,C=US::CN=ca.healthco.bia.example,O=healthco.bia.example,L=San Francisco,ST=California,C=US'
 */
export function identityIdOf(certificate: string | Uint8Array): string {
    return certificateIdentity(certificate).identityId;
}

/** Whether a text has the form {@link identityIdOf} gives (it may still name no certificate). */
export function isIdentityId(text: string): boolean {
    return identityIdPattern.test(text);
}

const ouType = '2.5.4.11';

const pemBlock = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([A-Za-z0-9+/=\s]*?)-----END \1-----/;

/** The DER of the first PEM block (as Go's pem.Decode, which Fabric's MSP uses, takes the first), or DER as it is. */
function certificateDer(certificate: string | Uint8Array): Uint8Array {
    if (typeof certificate !== 'string' && certificate[0] === 0x30) {
        return certificate;
    }
    const text = typeof certificate === 'string' ? certificate : Buffer.from(certificate).toString('latin1');
    const body = pemBlock.exec(text)?.[2]?.replace(/\s+/g, '');
    if (body === undefined || body.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(body)) {
        throw new Error('not a PEM-encoded certificate');
    }
    return Buffer.from(body, 'base64');
}

const typeNames: Readonly<Record<string, string>> = {
    '2.5.4.3': 'CN',
    '2.5.4.5': 'SERIALNUMBER',
    '2.5.4.6': 'C',
    '2.5.4.7': 'L',
    '2.5.4.8': 'ST',
    '2.5.4.9': 'STREET',
    '2.5.4.10': 'O',
    [ouType]: 'OU',
    '2.5.4.17': 'POSTALCODE',
    '0.9.2342.19200300.100.1.1': 'UID',
    '0.9.2342.19200300.100.1.25': 'DC',
};

const value = String.raw`(?:[A-Za-z0-9 ._@-]|\\[0-9A-F]{2})*`;
const type = String.raw`(?:[A-Z]+|[0-9]+(?:\.[0-9]+)+)`;
const rdn = `${type}=${value}(?:\\+${type}=${value})*`;
const dn = `(?:${rdn}(?:,${rdn})*)?`;
const identityIdPattern = new RegExp(`^x509::${dn}::${dn}$`);

function distinguishedNameText(name: DistinguishedName): string {
    return [...name]
        .reverse()
        .map((attributes) =>
            attributes.map(({ type, value }) => `${typeNames[type] ?? type}=${escape(value)}`).join('+'),
        )
        .join(',');
}

const verbatim = /^[A-Za-z0-9 ._@-]$/;
const encoder = new TextEncoder();

function escape(value: string): string {
    // Code points, not UTF-16 units: each character is escaped as its whole UTF-8 encoding.
    const characters = Array.from(value);
    return characters
        .map((character, index) => {
            const edgeSpace = character === ' ' && (index === 0 || index === characters.length - 1);
            if (verbatim.test(character) && !edgeSpace) {
                return character;
            }
            return [...encoder.encode(character)]
                .map((byte) => `\\${byte.toString(16).toUpperCase().padStart(2, '0')}`)
                .join('');
        })
        .join('');
}

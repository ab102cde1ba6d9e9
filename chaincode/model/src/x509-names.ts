// The issuer and subject names of an X.509 certificate, read from its DER bytes as Go's crypto/x509 reads them (the
// parser Fabric's MSP validates creators with): every attribute of every RDN, values only of the six string types
// Go accepts, each decoded and checked as Go does. A name Go would refuse is refused here too.
// TextDecoder is the global one (Node and browsers alike): @bia/model is also bundled into the member portal.
import { DerError, DerReader, derTags, objectIdentifier } from './der';

/** One attribute of a relative distinguished name: its type as a dotted OID and its decoded string value. */
export interface NameAttribute {
    readonly type: string;
    readonly value: string;
}

/** A distinguished name: its RDNs in certificate order (most general first), each with one or more attributes. */
export type DistinguishedName = readonly (readonly NameAttribute[])[];

export interface CertificateNames {
    readonly issuer: DistinguishedName;
    readonly subject: DistinguishedName;
}

/** The issuer and subject of a DER-encoded certificate. */
export function certificateNames(der: Uint8Array): CertificateNames {
    const outer = new DerReader(der);
    const certificate = new DerReader(outer.expect(derTags.sequence, 'certificate').content);
    outer.end('certificate');
    const tbs = new DerReader(certificate.expect(derTags.sequence, 'tbsCertificate').content);
    if (tbs.peekTag() === derTags.contextZero) {
        tbs.read();
    }
    tbs.expect(derTags.integer, 'serialNumber');
    tbs.expect(derTags.sequence, 'signature');
    const issuer = distinguishedName(tbs.expect(derTags.sequence, 'issuer').content, 'issuer');
    tbs.expect(derTags.sequence, 'validity');
    const subject = distinguishedName(tbs.expect(derTags.sequence, 'subject').content, 'subject');
    return { issuer, subject };
}

function distinguishedName(content: Uint8Array, what: string): DistinguishedName {
    const rdns: NameAttribute[][] = [];
    const reader = new DerReader(content);
    while (!reader.done) {
        const set = new DerReader(reader.expect(derTags.set, `${what} RDN`).content);
        const attributes: NameAttribute[] = [];
        while (!set.done) {
            attributes.push(attribute(set.expect(derTags.sequence, `${what} attribute`).content, what));
        }
        // Go keeps an empty RDN; refusing it keeps "no RDN" and "one empty RDN" from looking alike.
        if (attributes.length === 0) {
            throw new DerError(`${what}: an RDN with no attribute`);
        }
        rdns.push(attributes);
    }
    return rdns;
}

function attribute(content: Uint8Array, what: string): NameAttribute {
    const reader = new DerReader(content);
    const type = objectIdentifier(reader.expect(derTags.objectIdentifier, `${what} attribute type`).content);
    const value = reader.read();
    reader.end(`${what} attribute ${type}`);
    return { type, value: stringValue(value.tag, value.content, `${what} attribute ${type}`) };
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf16 = new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true });

/** IA5String is ASCII, NUL included. */
// eslint-disable-next-line no-control-regex -- the range starts at NUL on purpose
const ascii = /^[\x00-\x7f]*$/;

/** PrintableString's characters, plus '*' and '&', which Go accepts because real certificates misuse them. */
const printable = /^[A-Za-z0-9 '()+,\-./:=?*&]*$/;

/** Go's parseASN1String: T61, Printable, UTF8, BMP, IA5 and Numeric strings; anything else is refused. */
function stringValue(tag: number, content: Uint8Array, what: string): string {
    const latin1 = (): string => Buffer.from(content).toString('latin1');
    switch (tag) {
        case derTags.t61String:
            // Go takes the bytes as they are; Latin-1 keeps each byte one character, so nothing merges.
            return latin1();
        case derTags.printableString:
            return checked(latin1(), printable, what, 'PrintableString');
        case derTags.utf8String:
            return decode(utf8, content, what, 'UTF8String');
        case derTags.ia5String:
            return checked(latin1(), ascii, what, 'IA5String');
        case derTags.numericString:
            return checked(latin1(), /^[0-9 ]*$/, what, 'NumericString');
        case derTags.bmpString:
            return bmpString(content, what);
        default:
            throw new DerError(`${what}: unsupported string type 0x${tag.toString(16)}`);
    }
}

function checked(value: string, allowed: RegExp, what: string, type: string): string {
    if (!allowed.test(value)) {
        throw new DerError(`${what}: invalid ${type}`);
    }
    return value;
}

function decode(decoder: InstanceType<typeof TextDecoder>, content: Uint8Array, what: string, type: string): string {
    try {
        return decoder.decode(content);
    } catch {
        throw new DerError(`${what}: invalid ${type}`);
    }
}

/** UTF-16 big-endian; Go drops one trailing NUL terminator. Unpaired surrogates are refused (Go would merge them). */
function bmpString(content: Uint8Array, what: string): string {
    if (content.length % 2 !== 0) {
        throw new DerError(`${what}: invalid BMPString`);
    }
    const length = content.length;
    const terminated = length >= 2 && content[length - 1] === 0 && content[length - 2] === 0;
    return decode(utf16, terminated ? content.subarray(0, length - 2) : content, what, 'BMPString');
}

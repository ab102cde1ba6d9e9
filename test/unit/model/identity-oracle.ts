// Test oracle for identity IDs: generated subjects as plain data, and an independent reader of the ID text. Reading an
// ID back into the name it was written from proves the format is unambiguous: two names giving one ID would read back
// as one name.
import 'reflect-metadata'; // @peculiar/x509 resolves its algorithms through tsyringe, which needs it first
import { TextDecoder } from 'node:util';
import fc from 'fast-check';
import * as x509 from '@peculiar/x509';

export interface Attribute {
    readonly type: string;
    readonly value: string;
}

export type Rdn = readonly Attribute[];

export type Encoding = 'utf8String' | 'printableString' | 'bmpString' | 'ia5String';

export interface EncodedAttribute extends Attribute {
    readonly encoding: Encoding;
}

export const oids = { CN: '2.5.4.3', OU: '2.5.4.11', O: '2.5.4.10', L: '2.5.4.7', DC: '0.9.2342.19200300.100.1.25' };

/** The short names the ID uses, by OID; other types are written as dotted OIDs. */
const names: Readonly<Record<string, string>> = Object.fromEntries(
    Object.entries(oids).map(([name, oid]) => [oid, name]),
);

const specials = ['/', '=', ',', '+', '\\', '"', "'", '\u0000', ':', ';', '<', '>', '#', ' ', '\n', '\u0430', '\uff21'];

/** Values an attacker would try: role words and separators, look-alikes, empty, and arbitrary text. */
export const adversarialValue: fc.Arbitrary<string> = fc.oneof(
    fc.constantFrom(
        'admin',
        'client',
        'peer',
        'orderer',
        'Admin',
        'admin ',
        ' admin',
        '/OU=admin',
        'x/OU=admin',
        'OU=admin',
        'x,OU=admin',
        'x+OU=admin',
        'x\\,OU=admin',
        '"admin"',
        'ad\u0000min',
        '\u0430dmin',
        '\uff41dmin',
        'x::OU=admin',
        'x\nOU=admin',
        '',
        '#61646d696e',
        '\\61dmin',
    ),
    fc.string({ unit: fc.constantFrom(...specials, 'a', 'd', 'm', 'i', 'n', 'O', 'U'), maxLength: 12 }),
    fc.string({ unit: 'grapheme', maxLength: 8 }),
);

const printable = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

/** An encoding the value can be written in (PrintableString and IA5String only hold some characters). */
function encodingFor(value: string, wanted: Encoding): Encoding {
    if (wanted === 'printableString' && !printable.test(value)) {
        return 'utf8String';
    }
    // eslint-disable-next-line no-control-regex -- IA5String is ASCII, NUL included
    if (wanted === 'ia5String' && !/^[\x00-\x7f]*$/.test(value)) {
        return 'utf8String';
    }
    if (wanted === 'bmpString' && value.endsWith('\u0000')) {
        return 'utf8String'; // Go drops a BMPString's trailing NUL as a terminator: not this value any more
    }
    return wanted;
}

const attribute: fc.Arbitrary<EncodedAttribute> = fc
    .record({
        type: fc.constantFrom(oids.CN, oids.OU, oids.OU, oids.O, oids.L, oids.DC, '1.2.3.4.5'),
        value: adversarialValue,
        encoding: fc.constantFrom<Encoding>('utf8String', 'printableString', 'bmpString', 'ia5String'),
    })
    .map(({ type, value, encoding }) => ({ type, value, encoding: encodingFor(value, encoding) }));

/** Subjects of up to five RDNs, some multi-valued, in certificate order. */
export const subject: fc.Arbitrary<readonly (readonly EncodedAttribute[])[]> = fc.array(
    fc.array(attribute, { minLength: 1, maxLength: 3 }).map(groupedByType),
    { minLength: 1, maxLength: 5 },
);

/** @peculiar/x509 writes an RDN's attributes grouped by type (first appearance first): expect that order. */
function groupedByType(rdn: readonly EncodedAttribute[]): EncodedAttribute[] {
    const types = [...new Set(rdn.map(({ type }) => type))];
    return types.flatMap((type) => rdn.filter((entry) => entry.type === type));
}

/** The subject as @peculiar/x509 encodes it, each value in its chosen ASN.1 string type. */
export function toName(rdns: readonly (readonly EncodedAttribute[])[]): x509.Name {
    const json = rdns.map((rdn) => {
        const entry: Record<string, { [encoding: string]: string }[]> = {};
        for (const { type, value, encoding } of rdn) {
            (entry[type] ??= []).push({ [encoding]: value });
        }
        return entry;
    });
    return new x509.Name(json);
}

/** The OU values Go's pkix.Name collects: every OU attribute of every RDN, in order. */
export function expectedUnits(rdns: readonly Rdn[]): string[] {
    return rdns.flat().flatMap(({ type, value }) => (type === oids.OU ? [value] : []));
}

/** Exactly one NodeOU role value, or none. */
export function expectedRole(rdns: readonly Rdn[]): string | undefined {
    const roles = expectedUnits(rdns).filter((unit) => ['admin', 'client', 'peer', 'orderer'].includes(unit));
    return roles.length === 1 ? roles[0] : undefined;
}

/** Reads an identity ID back into its subject and issuer, RDNs in certificate order. */
export function readIdentityId(id: string): { subject: Rdn[]; issuer: Rdn[] } {
    const parts = id.split('::');
    if (parts.length !== 3 || parts[0] !== 'x509') {
        throw new Error(`not an identity ID: ${id}`);
    }
    return { subject: readName(parts[1] ?? ''), issuer: readName(parts[2] ?? '') };
}

function readName(text: string): Rdn[] {
    if (text === '') {
        return [];
    }
    return text
        .split(',')
        .map((rdn) =>
            rdn.split('+').map((pair) => {
                const at = pair.indexOf('=');
                const type = pair.slice(0, at);
                return {
                    type: Object.entries(names).find(([, name]) => name === type)?.[0] ?? type,
                    value: unescape(pair.slice(at + 1)),
                };
            }),
        )
        .reverse();
}

function unescape(text: string): string {
    const bytes: number[] = [];
    for (let i = 0; i < text.length; i++) {
        if (text[i] === '\\') {
            bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
            i += 2;
        } else {
            bytes.push(text.charCodeAt(i));
        }
    }
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(Uint8Array.from(bytes));
}

/** Plain attributes of a generated subject, without their encodings. */
export function plain(rdns: readonly (readonly EncodedAttribute[])[]): Rdn[] {
    return rdns.map((rdn) => rdn.map(({ type, value }) => ({ type, value })));
}

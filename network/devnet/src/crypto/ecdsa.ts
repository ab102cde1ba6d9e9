// ECDSA P-256 signatures as Fabric's bccsp handles them: ASN.1 DER SEQUENCE { r, s }, with s normalised to the lower
// half of the curve order when signing and anything else refused when verifying (signature malleability).
import { type KeyObject, sign, verify } from 'node:crypto';

/** Order n of the P-256 group and n/2, the largest s Fabric accepts. */
const curveOrder = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
export const curveHalfOrder = curveOrder >> 1n;

export interface EcdsaSignature {
    readonly r: bigint;
    readonly s: bigint;
}

export class SignatureFormatError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'SignatureFormatError';
    }
}

/** Signs SHA-256(message) with a P-256 private key; returns a low-S DER signature. */
export function signLowS(privateKey: KeyObject, message: Uint8Array): Uint8Array {
    const der = sign('sha256', message, { key: privateKey, dsaEncoding: 'der' });
    const { r, s } = decodeSignature(der);
    return encodeSignature({ r, s: s > curveHalfOrder ? curveOrder - s : s });
}

/**
 * Checks a DER signature over SHA-256(message). Throws SignatureFormatError, worded like bccsp's, for a signature that
 * cannot be parsed or has a high S; returns whether a well-formed signature verifies.
 */
export function verifyLowS(publicKey: KeyObject, message: Uint8Array, signature: Uint8Array): boolean {
    const { r, s } = decodeSignature(signature);
    if (s > curveHalfOrder) {
        throw new SignatureFormatError(`Invalid S. Must be smaller than half the order [${s}][${curveHalfOrder}].`);
    }
    return verify('sha256', message, { key: publicKey, dsaEncoding: 'der' }, encodeSignature({ r, s }));
}

export function decodeSignature(der: Uint8Array): EcdsaSignature {
    try {
        const reader = new DerReader(der);
        const sequence = new DerReader(reader.read(0x30));
        const r = sequence.readInteger();
        const s = sequence.readInteger();
        sequence.expectEnd();
        return validated(r, s);
    } catch (err) {
        if (err instanceof SignatureFormatError) {
            throw err;
        }
        throw new SignatureFormatError(`Failed unmashalling signature [${(err as Error).message}]`);
    }
}

export function encodeSignature(signature: EcdsaSignature): Uint8Array {
    const body = Buffer.concat([encodeInteger(signature.r), encodeInteger(signature.s)]);
    return Buffer.concat([Buffer.from([0x30]), encodeLength(body.length), body]);
}

function validated(r: bigint, s: bigint): EcdsaSignature {
    if (r <= 0n) {
        throw new SignatureFormatError('invalid signature, R must be larger than zero');
    }
    if (s <= 0n) {
        throw new SignatureFormatError('invalid signature, S must be larger than zero');
    }
    return { r, s };
}

function encodeInteger(value: bigint): Buffer {
    let hex = value.toString(16);
    if (hex.length % 2 === 1) {
        hex = `0${hex}`;
    }
    let bytes = Buffer.from(hex, 'hex');
    if ((bytes[0] ?? 0) & 0x80) {
        bytes = Buffer.concat([Buffer.from([0]), bytes]);
    }
    return Buffer.concat([Buffer.from([0x02]), encodeLength(bytes.length), bytes]);
}

function encodeLength(length: number): Buffer {
    if (length < 0x80) {
        return Buffer.from([length]);
    }
    return Buffer.from([0x81, length]);
}

/** Just enough strict DER for an ECDSA signature; Go's asn1 rejects the same non-canonical forms. */
class DerReader {
    readonly #bytes: Uint8Array;
    #offset = 0;

    constructor(bytes: Uint8Array) {
        this.#bytes = bytes;
    }

    read(tag: number): Uint8Array {
        if (this.#byte() !== tag) {
            throw new Error(`asn1: structure error: tags don't match`);
        }
        const length = this.#length();
        if (this.#offset + length > this.#bytes.length) {
            throw new Error('asn1: syntax error: data truncated');
        }
        const content = this.#bytes.subarray(this.#offset, this.#offset + length);
        this.#offset += length;
        return content;
    }

    readInteger(): bigint {
        const content = this.read(0x02);
        const first = content[0];
        if (first === undefined) {
            throw new Error('asn1: syntax error: empty integer');
        }
        const second = content[1];
        if (second !== undefined && ((first === 0 && second < 0x80) || (first === 0xff && second >= 0x80))) {
            throw new Error('asn1: structure error: integer not minimally-encoded');
        }
        const magnitude = BigInt(`0x${Buffer.from(content).toString('hex')}`);
        return first & 0x80 ? magnitude - (1n << BigInt(content.length * 8)) : magnitude;
    }

    expectEnd(): void {
        if (this.#offset !== this.#bytes.length) {
            throw new Error('asn1: syntax error: trailing data');
        }
    }

    #byte(): number {
        const value = this.#bytes[this.#offset];
        if (value === undefined) {
            throw new Error('asn1: syntax error: data truncated');
        }
        this.#offset += 1;
        return value;
    }

    #length(): number {
        const first = this.#byte();
        if (first < 0x80) {
            return first;
        }
        const count = first & 0x7f;
        if (count === 0 || count > 2) {
            throw new Error('asn1: syntax error: unsupported length');
        }
        let length = 0;
        for (let index = 0; index < count; index++) {
            length = length * 256 + this.#byte();
        }
        if (length < 0x80 || (count === 2 && length < 0x100)) {
            throw new Error('asn1: structure error: non-minimal length');
        }
        return length;
    }
}

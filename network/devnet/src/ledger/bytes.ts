// Byte helpers shared by the store and the rwset code: keys are compared as UTF-8 bytes, as Fabric's LevelDB does.
import { createHash } from 'node:crypto';

const utf8 = new TextEncoder();

export function utf8Bytes(text: string): Buffer {
    return Buffer.from(utf8.encode(text));
}

/** Byte-wise comparison of the UTF-8 encodings (Go's string ordering, LevelDB's key ordering). */
export function compareKeys(a: string, b: string): number {
    return Buffer.compare(utf8Bytes(a), utf8Bytes(b));
}

export function sha256(data: Uint8Array): Buffer {
    return createHash('sha256').update(data).digest();
}

/** SHA-256 of a key's UTF-8 bytes: how private keys appear on the public ledger. */
export function keyHash(key: string): Buffer {
    return sha256(utf8Bytes(key));
}

export function bytesEqual(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
    if (a === undefined || b === undefined) {
        return a === b;
    }
    return Buffer.compare(a, b) === 0;
}

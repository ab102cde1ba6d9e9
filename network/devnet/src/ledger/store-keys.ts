// The LevelDB key layout of the ledger. One prefix byte per kind of record, then the parts separated by 0x00
// (namespaces, collections and MSP IDs never contain 0x00; the last part may, so it is never followed by another).
import { utf8Bytes } from './bytes';

const SEP = Buffer.from([0x00]);
const AFTER_SEP = Buffer.from([0x01]);

const STATE = 's';
const HASHED = 'h';
const PRIVATE = 'p';
const HISTORY = 'y';
const BLOCK = 'b';
const TX = 't';
const META = 'm';
const WRITE_SET = 'w';
const EXPIRY = 'x';
const PURGE_MARKER = 'q';

function join(kind: string, parts: readonly (Uint8Array | string)[]): Buffer {
    const chunks: Buffer[] = [Buffer.from(kind, 'latin1')];
    parts.forEach((part, index) => {
        if (index > 0) {
            chunks.push(SEP);
        }
        chunks.push(typeof part === 'string' ? utf8Bytes(part) : Buffer.from(part));
    });
    return Buffer.concat(chunks);
}

function u64(value: bigint | number): Buffer {
    const buffer = Buffer.alloc(8);
    buffer.writeBigUInt64BE(BigInt(value));
    return buffer;
}

/** A key range [gte, lt) or [gte, lte] over encoded keys. */
export interface KeyRange {
    readonly gte: Buffer;
    readonly lt?: Buffer;
    readonly lte?: Buffer;
}

/** The namespace scope a key lives in: public state, or one organisation's copy of one collection. */
export type KeySpace = readonly string[];

export function publicSpace(namespace: string): KeySpace {
    return [STATE, namespace];
}

export function privateSpace(mspId: string, namespace: string, collection: string): KeySpace {
    return [PRIVATE, mspId, namespace, collection];
}

export function spaceKey(space: KeySpace, key: string): Buffer {
    const [kind = STATE, ...parts] = space;
    return join(kind, [...parts, key]);
}

/** Keys of a space from startKey (inclusive) to endKey (exclusive, or inclusive when asked); '' endKey = to the end. */
export function spaceRange(space: KeySpace, startKey: string, endKey: string, inclusiveEnd = false): KeyRange {
    const gte = spaceKey(space, startKey);
    if (endKey === '') {
        const prefix = spaceKey(space, '');
        return { gte, lt: Buffer.concat([prefix.subarray(0, prefix.length - 1), AFTER_SEP]) };
    }
    const end = spaceKey(space, endKey);
    return inclusiveEnd ? { gte, lte: end } : { gte, lt: end };
}

/** The user key of an encoded key of the given space. */
export function keyInSpace(space: KeySpace, encoded: Uint8Array): string {
    const prefixLength = spaceKey(space, '').length;
    return Buffer.from(encoded).subarray(prefixLength).toString('utf8');
}

export function hashedKey(namespace: string, collection: string, hash: Uint8Array): Buffer {
    return join(HASHED, [namespace, collection, hash]);
}

function historyPrefix(namespace: string, key: string): Buffer {
    const keyBytes = utf8Bytes(key);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(keyBytes.length);
    // The key is length-prefixed so that the history of "a" never includes that of "a\u0000b".
    return Buffer.concat([join(HISTORY, [namespace, '']), length, keyBytes]);
}

export function historyKey(namespace: string, key: string, blockNum: number, txNum: number): Buffer {
    return Buffer.concat([historyPrefix(namespace, key), u64(blockNum), u64(txNum)]);
}

export function historyRange(namespace: string, key: string): KeyRange {
    const prefix = historyPrefix(namespace, key);
    return { gte: prefix, lt: Buffer.concat([prefix, Buffer.alloc(16, 0xff), Buffer.from([0xff])]) };
}

export function blockKey(number: bigint): Buffer {
    return Buffer.concat([Buffer.from(BLOCK, 'latin1'), u64(number)]);
}

export function txKey(txId: string): Buffer {
    return join(TX, [txId]);
}

export const HEIGHT_KEY = join(META, ['height']);

function writeSetBlockPrefix(mspId: string, blockNum: bigint | number): Buffer {
    return Buffer.concat([join(WRITE_SET, [mspId, '']), u64(blockNum)]);
}

/** An organisation's private write set of one collection in one transaction (Fabric's private data store). */
export function writeSetKey(
    mspId: string,
    blockNum: bigint | number,
    txNum: number,
    namespace: string,
    collection: string,
): Buffer {
    return Buffer.concat([writeSetBlockPrefix(mspId, blockNum), u64(txNum), join('', [namespace, collection])]);
}

/** All of an organisation's private write sets of one block, in transaction, namespace and collection order. */
export function writeSetRange(mspId: string, blockNum: bigint): KeyRange {
    return { gte: writeSetBlockPrefix(mspId, blockNum), lt: writeSetBlockPrefix(mspId, blockNum + 1n) };
}

/** The expiry schedule: what the commit of block expiringBlock purges; the rest of the key identifies the entry. */
export function expiryKey(expiringBlock: bigint, entryId: Uint8Array): Buffer {
    return Buffer.concat([Buffer.from(EXPIRY, 'latin1'), u64(expiringBlock), entryId]);
}

export function expiryRange(expiringBlock: bigint): KeyRange {
    return { gte: expiryKey(expiringBlock, new Uint8Array()), lt: expiryKey(expiringBlock + 1n, new Uint8Array()) };
}

/** Where the latest explicit purge (PurgePrivateData) of a private key happened. */
export function purgeMarkerKey(namespace: string, collection: string, hash: Uint8Array): Buffer {
    return join(PURGE_MARKER, [namespace, collection, hash]);
}

/** Identifies an expiry entry of private state (the hash last, as it may contain 0x00). */
export function stateExpiryId(
    committingBlock: number,
    namespace: string,
    collection: string,
    hash: Uint8Array,
): Buffer {
    return Buffer.concat([Buffer.from('s', 'latin1'), u64(committingBlock), join('', [namespace, collection, hash])]);
}

/** Identifies an expiry entry of a stored private write set. */
export function writeSetExpiryId(writeSet: Uint8Array): Buffer {
    return Buffer.concat([Buffer.from('w', 'latin1'), writeSet]);
}

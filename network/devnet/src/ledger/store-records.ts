// Encodings of the values stored in LevelDB: small JSON records with bytes in base64, readable when debugging.
import type { Version } from './version';

export interface Timestamp {
    readonly seconds: bigint;
    readonly nanos: number;
}

/** A committed value with its version and metadata (e.g. VALIDATION_PARAMETER for key-level endorsement). */
export interface VersionedValue {
    readonly value: Uint8Array;
    readonly version: Version;
    readonly metadata: ReadonlyMap<string, Uint8Array>;
}

export interface HistoryEntry {
    readonly txId: string;
    readonly value: Uint8Array;
    readonly isDelete: boolean;
    readonly timestamp: Timestamp;
}

export interface TxRecord {
    readonly blockNumber: bigint;
    readonly txNum: number;
    readonly validationCode: number;
}

interface ValueJson {
    readonly v: string;
    readonly b: number;
    readonly t: number;
    readonly m?: Record<string, string>;
}

interface HistoryJson {
    readonly id: string;
    readonly v: string;
    readonly d: boolean;
    readonly s: string;
    readonly n: number;
}

interface TxJson {
    readonly b: string;
    readonly n: number;
    readonly c: number;
}

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const fromBase64 = (text: string): Uint8Array => Buffer.from(text, 'base64');
const toJson = (record: unknown): Buffer => Buffer.from(JSON.stringify(record), 'utf8');
const fromJson = (bytes: Uint8Array): unknown => JSON.parse(Buffer.from(bytes).toString('utf8'));

export function encodeVersionedValue(record: VersionedValue): Buffer {
    const json: ValueJson = { v: base64(record.value), b: record.version.blockNum, t: record.version.txNum };
    if (record.metadata.size === 0) {
        return toJson(json);
    }
    const m: Record<string, string> = {};
    for (const [name, value] of record.metadata) {
        m[name] = base64(value);
    }
    return toJson({ ...json, m });
}

export function decodeVersionedValue(bytes: Uint8Array): VersionedValue {
    const json = fromJson(bytes) as ValueJson;
    const metadata = new Map<string, Uint8Array>();
    for (const [name, value] of Object.entries(json.m ?? {})) {
        metadata.set(name, fromBase64(value));
    }
    return { value: fromBase64(json.v), version: { blockNum: json.b, txNum: json.t }, metadata };
}

export function encodeHistoryEntry(entry: HistoryEntry): Buffer {
    const json: HistoryJson = {
        id: entry.txId,
        v: base64(entry.value),
        d: entry.isDelete,
        s: entry.timestamp.seconds.toString(),
        n: entry.timestamp.nanos,
    };
    return toJson(json);
}

export function decodeHistoryEntry(bytes: Uint8Array): HistoryEntry {
    const json = fromJson(bytes) as HistoryJson;
    return {
        txId: json.id,
        value: fromBase64(json.v),
        isDelete: json.d,
        timestamp: { seconds: BigInt(json.s), nanos: json.n },
    };
}

export function encodeTxRecord(record: TxRecord): Buffer {
    const json: TxJson = { b: record.blockNumber.toString(), n: record.txNum, c: record.validationCode };
    return toJson(json);
}

export function decodeTxRecord(bytes: Uint8Array): TxRecord {
    const json = fromJson(bytes) as TxJson;
    return { blockNumber: BigInt(json.b), txNum: json.n, validationCode: json.c };
}

/** One collection's private write set of one transaction, as an organisation's peer stores it. */
export interface StoredWriteSet {
    readonly txNum: number;
    readonly namespace: string;
    readonly collection: string;
    /** kvrwset.KVRWSet bytes. */
    readonly rwset: Uint8Array;
}

/** A private key (by hash) committed in committingBlock, and the organisations holding its cleartext. */
export interface StateExpiry {
    readonly kind: 'state';
    readonly namespace: string;
    readonly collection: string;
    readonly hash: Uint8Array;
    readonly committingBlock: number;
    /** The cleartext key, when member organisations received the private data. */
    readonly key?: string;
    readonly memberMspIds: readonly string[];
}

/** A stored private write set (see StoredWriteSet) of one organisation. */
export interface WriteSetExpiry {
    readonly kind: 'writeSet';
    readonly mspId: string;
    readonly blockNum: number;
    readonly txNum: number;
    readonly namespace: string;
    readonly collection: string;
}

export type ExpiryEntry = StateExpiry | WriteSetExpiry;

interface WriteSetJson {
    readonly t: number;
    readonly ns: string;
    readonly c: string;
    readonly rw: string;
}

export function encodeWriteSet(record: StoredWriteSet): Buffer {
    const json: WriteSetJson = {
        t: record.txNum,
        ns: record.namespace,
        c: record.collection,
        rw: base64(record.rwset),
    };
    return toJson(json);
}

export function decodeWriteSet(bytes: Uint8Array): StoredWriteSet {
    const json = fromJson(bytes) as WriteSetJson;
    return { txNum: json.t, namespace: json.ns, collection: json.c, rwset: fromBase64(json.rw) };
}

export function encodeExpiryEntry(entry: ExpiryEntry): Buffer {
    return toJson(entry.kind === 'state' ? { ...entry, hash: base64(entry.hash) } : entry);
}

export function decodeExpiryEntry(bytes: Uint8Array): ExpiryEntry {
    const json = fromJson(bytes) as (Omit<StateExpiry, 'hash'> & { readonly hash: string }) | WriteSetExpiry;
    return json.kind === 'state' ? { ...json, hash: fromBase64(json.hash) } : json;
}

export function encodeVersion(version: Version): Buffer {
    return toJson({ b: version.blockNum, t: version.txNum });
}

export function decodeVersion(bytes: Uint8Array): Version {
    const json = fromJson(bytes) as { b: number; t: number };
    return { blockNum: json.b, txNum: json.t };
}

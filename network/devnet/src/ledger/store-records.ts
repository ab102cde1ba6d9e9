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

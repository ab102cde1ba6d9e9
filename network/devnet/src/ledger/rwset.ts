// The plain form of a transaction's read-write set, and its encoding to and from rwset.TxReadWriteSet
// (ledger/rwset/rwset.proto, kvrwset/kv_rwset.proto) exactly as Fabric's rwsetutil lays it out.
import { ledger } from '@hyperledger/fabric-protos';
import { compareKeys } from './bytes';
import { toProtoRead, toProtoVersion, type KeyRead, type MerkleSummary } from './range-query-results';
import type { Version } from './version';

const { kvrwset } = ledger.rwset;

export type Metadata = ReadonlyMap<string, Uint8Array>;

export interface KeyWrite {
    readonly key: string;
    /** Empty for a delete: Fabric treats an empty value as a delete. */
    readonly value: Uint8Array;
    readonly isDelete: boolean;
}

/** Metadata replacing a key's whole metadata; no entries removes it. */
export interface MetadataWrite {
    readonly key: string;
    readonly entries: Metadata;
}

export interface RangeQueryInfo {
    readonly startKey: string;
    readonly endKey: string;
    readonly itrExhausted: boolean;
    readonly rawReads?: readonly KeyRead[];
    readonly merkle?: MerkleSummary;
}

export interface HashedRead {
    readonly keyHash: Uint8Array;
    readonly version?: Version;
}

export interface HashedWrite {
    readonly keyHash: Uint8Array;
    readonly valueHash: Uint8Array;
    readonly isDelete: boolean;
    readonly isPurge: boolean;
}

export interface HashedMetadataWrite {
    readonly keyHash: Uint8Array;
    readonly entries: Metadata;
}

export interface CollectionHashedRwSet {
    readonly collection: string;
    readonly hashedReads: readonly HashedRead[];
    readonly hashedWrites: readonly HashedWrite[];
    readonly metadataWrites: readonly HashedMetadataWrite[];
    /** SHA-256 of the collection's private KVRWSet bytes, when the transaction wrote to it. */
    readonly pvtRwSetHash: Uint8Array;
}

export interface NsRwSet {
    readonly namespace: string;
    readonly reads: readonly KeyRead[];
    readonly rangeQueries: readonly RangeQueryInfo[];
    readonly writes: readonly KeyWrite[];
    readonly metadataWrites: readonly MetadataWrite[];
    readonly collections: readonly CollectionHashedRwSet[];
}

export type TxRwSet = readonly NsRwSet[];

/** A collection's private (cleartext) writes, for the member organisations' peers. */
export interface PrivateCollectionWrites {
    readonly namespace: string;
    readonly collection: string;
    /** Organisations whose peers store this collection's private data. */
    readonly memberMspIds: readonly string[];
    /** kvrwset.KVRWSet bytes (writes and metadata writes by cleartext key), as in rwset.TxPvtReadWriteSet. */
    readonly rwset: Uint8Array;
}

export type PrivateWriteSet = readonly PrivateCollectionWrites[];

export function byKey<T extends { readonly key: string }>(a: T, b: T): number {
    return compareKeys(a.key, b.key);
}

function toProtoEntries(entries: Metadata): ledger.rwset.kvrwset.KVMetadataEntry[] {
    return [...entries.keys()].sort(compareKeys).map((name) => {
        const entry = new kvrwset.KVMetadataEntry();
        entry.setName(name);
        entry.setValue(entries.get(name) ?? new Uint8Array());
        return entry;
    });
}

function fromProtoEntries(entries: ledger.rwset.kvrwset.KVMetadataEntry[]): Metadata {
    return new Map(entries.map((entry) => [entry.getName(), entry.getValue_asU8()]));
}

function fromProtoVersion(version: ledger.rwset.kvrwset.Version | undefined): Version | undefined {
    return version ? { blockNum: version.getBlockNum(), txNum: version.getTxNum() } : undefined;
}

export function toProtoWrite(write: KeyWrite): ledger.rwset.kvrwset.KVWrite {
    const proto = new kvrwset.KVWrite();
    proto.setKey(write.key);
    proto.setIsDelete(write.isDelete);
    proto.setValue(write.value);
    return proto;
}

export function toProtoMetadataWrite(write: MetadataWrite): ledger.rwset.kvrwset.KVMetadataWrite {
    const proto = new kvrwset.KVMetadataWrite();
    proto.setKey(write.key);
    proto.setEntriesList(toProtoEntries(write.entries));
    return proto;
}

function toProtoRangeQuery(info: RangeQueryInfo): ledger.rwset.kvrwset.RangeQueryInfo {
    const proto = new kvrwset.RangeQueryInfo();
    proto.setStartKey(info.startKey);
    proto.setEndKey(info.endKey);
    proto.setItrExhausted(info.itrExhausted);
    if (info.merkle) {
        const summary = new kvrwset.QueryReadsMerkleSummary();
        summary.setMaxDegree(info.merkle.maxDegree);
        summary.setMaxLevel(info.merkle.maxLevel);
        summary.setMaxLevelHashesList([...info.merkle.maxLevelHashes]);
        proto.setReadsMerkleHashes(summary);
    } else {
        const reads = new kvrwset.QueryReads();
        reads.setKvReadsList((info.rawReads ?? []).map(toProtoRead));
        proto.setRawReads(reads);
    }
    return proto;
}

function toProtoHashed(set: CollectionHashedRwSet): ledger.rwset.CollectionHashedReadWriteSet {
    const hashed = new kvrwset.HashedRWSet();
    hashed.setHashedReadsList(
        set.hashedReads.map((read) => {
            const proto = new kvrwset.KVReadHash();
            proto.setKeyHash(read.keyHash);
            if (read.version) {
                proto.setVersion(toProtoVersion(read.version));
            }
            return proto;
        }),
    );
    hashed.setHashedWritesList(
        set.hashedWrites.map((write) => {
            const proto = new kvrwset.KVWriteHash();
            proto.setKeyHash(write.keyHash);
            proto.setIsDelete(write.isDelete);
            proto.setValueHash(write.valueHash);
            proto.setIsPurge(write.isPurge);
            return proto;
        }),
    );
    hashed.setMetadataWritesList(
        set.metadataWrites.map((write) => {
            const proto = new kvrwset.KVMetadataWriteHash();
            proto.setKeyHash(write.keyHash);
            proto.setEntriesList(toProtoEntries(write.entries));
            return proto;
        }),
    );
    const proto = new ledger.rwset.CollectionHashedReadWriteSet();
    proto.setCollectionName(set.collection);
    proto.setHashedRwset(hashed.serializeBinary());
    proto.setPvtRwsetHash(set.pvtRwSetHash);
    return proto;
}

/** Encodes the rwset as it goes into ChaincodeAction.results. The caller supplies each list in Fabric's order. */
export function encodeTxRwSet(rwset: TxRwSet): Uint8Array {
    const proto = new ledger.rwset.TxReadWriteSet();
    proto.setDataModel(ledger.rwset.TxReadWriteSet.DataModel.KV);
    proto.setNsRwsetList(
        rwset.map((ns) => {
            const kv = new kvrwset.KVRWSet();
            kv.setReadsList(ns.reads.map(toProtoRead));
            kv.setRangeQueriesInfoList(ns.rangeQueries.map(toProtoRangeQuery));
            kv.setWritesList(ns.writes.map(toProtoWrite));
            kv.setMetadataWritesList(ns.metadataWrites.map(toProtoMetadataWrite));
            const nsProto = new ledger.rwset.NsReadWriteSet();
            nsProto.setNamespace(ns.namespace);
            nsProto.setRwset(kv.serializeBinary());
            nsProto.setCollectionHashedRwsetList(ns.collections.map(toProtoHashed));
            return nsProto;
        }),
    );
    return proto.serializeBinary();
}

function decodeRangeQuery(proto: ledger.rwset.kvrwset.RangeQueryInfo): RangeQueryInfo {
    const base = { startKey: proto.getStartKey(), endKey: proto.getEndKey(), itrExhausted: proto.getItrExhausted() };
    const merkle = proto.getReadsMerkleHashes();
    if (merkle) {
        return {
            ...base,
            merkle: {
                maxDegree: merkle.getMaxDegree(),
                maxLevel: merkle.getMaxLevel(),
                maxLevelHashes: merkle.getMaxLevelHashesList_asU8(),
            },
        };
    }
    return { ...base, rawReads: (proto.getRawReads()?.getKvReadsList() ?? []).map(decodeRead) };
}

function decodeRead(proto: ledger.rwset.kvrwset.KVRead): KeyRead {
    const version = fromProtoVersion(proto.getVersion());
    return version ? { key: proto.getKey(), version } : { key: proto.getKey() };
}

export function decodeWrite(proto: ledger.rwset.kvrwset.KVWrite): KeyWrite {
    const value = proto.getValue_asU8();
    // An empty value is a delete whatever the flag says (Fabric's IsKVWriteDelete, FAB-18386).
    return { key: proto.getKey(), value, isDelete: proto.getIsDelete() || value.length === 0 };
}

export function decodeMetadataWrite(proto: ledger.rwset.kvrwset.KVMetadataWrite): MetadataWrite {
    return { key: proto.getKey(), entries: fromProtoEntries(proto.getEntriesList()) };
}

function decodeHashed(proto: ledger.rwset.CollectionHashedReadWriteSet): CollectionHashedRwSet {
    const hashed = kvrwset.HashedRWSet.deserializeBinary(proto.getHashedRwset_asU8());
    return {
        collection: proto.getCollectionName(),
        hashedReads: hashed.getHashedReadsList().map((read) => {
            const version = fromProtoVersion(read.getVersion());
            return version ? { keyHash: read.getKeyHash_asU8(), version } : { keyHash: read.getKeyHash_asU8() };
        }),
        hashedWrites: hashed.getHashedWritesList().map((write) => {
            const valueHash = write.getValueHash_asU8();
            return {
                keyHash: write.getKeyHash_asU8(),
                valueHash,
                isDelete: write.getIsDelete() || valueHash.length === 0,
                isPurge: write.getIsPurge(),
            };
        }),
        metadataWrites: hashed.getMetadataWritesList().map((write) => ({
            keyHash: write.getKeyHash_asU8(),
            entries: fromProtoEntries(write.getEntriesList()),
        })),
        pvtRwSetHash: proto.getPvtRwsetHash_asU8(),
    };
}

/** Decodes ChaincodeAction.results; throws when the bytes are not a TxReadWriteSet. */
export function decodeTxRwSet(bytes: Uint8Array): TxRwSet {
    const proto = ledger.rwset.TxReadWriteSet.deserializeBinary(bytes);
    return proto.getNsRwsetList().map((ns) => {
        const kv = kvrwset.KVRWSet.deserializeBinary(ns.getRwset_asU8());
        return {
            namespace: ns.getNamespace(),
            reads: kv.getReadsList().map(decodeRead),
            rangeQueries: kv.getRangeQueriesInfoList().map(decodeRangeQuery),
            writes: kv.getWritesList().map(decodeWrite),
            metadataWrites: kv.getMetadataWritesList().map(decodeMetadataWrite),
            collections: ns.getCollectionHashedRwsetList().map(decodeHashed),
        };
    });
}

/** The cleartext writes of one collection's private KVRWSet. */
export function decodePrivateRwSet(bytes: Uint8Array): { writes: KeyWrite[]; metadataKeys: string[] } {
    const kv = kvrwset.KVRWSet.deserializeBinary(bytes);
    return {
        writes: kv.getWritesList().map(decodeWrite),
        metadataKeys: kv.getMetadataWritesList().map((write) => write.getKey()),
    };
}

// Collects one transaction's reads and writes as the simulation records them, and builds the public rwset
// (with the hashes of private writes) and the private write set, ordered as Fabric's RWSetBuilder orders them.
import { ledger } from '@hyperledger/fabric-protos';
import { compareKeys, keyHash, sha256 } from './bytes';
import type { KeyRead } from './range-query-results';
import {
    encodeTxRwSet,
    toProtoMetadataWrite,
    toProtoWrite,
    type CollectionHashedRwSet,
    type KeyWrite,
    type Metadata,
    type NsRwSet,
    type PrivateWriteSet,
    type RangeQueryInfo,
} from './rwset';
import type { Version } from './version';

interface CollectionHashedBuilder {
    readonly reads: Map<string, Version | undefined>;
    readonly writes: Map<string, { value: Uint8Array; isPurge: boolean }>;
    readonly metadataWrites: Map<string, Metadata>;
}

interface CollectionPrivateBuilder {
    readonly memberMspIds: readonly string[];
    readonly writes: Map<string, Uint8Array>;
    readonly metadataKeys: Set<string>;
}

interface NamespaceBuilder {
    readonly reads: Map<string, Version | undefined>;
    readonly writes: Map<string, Uint8Array>;
    readonly metadataWrites: Map<string, Metadata>;
    readonly rangeQueries: Map<string, RangeQueryInfo>;
    readonly hashed: Map<string, CollectionHashedBuilder>;
    readonly private: Map<string, CollectionPrivateBuilder>;
}

export interface SimulationResults {
    /** rwset.TxReadWriteSet bytes, as they go into ChaincodeAction.results. */
    readonly results: Uint8Array;
    /** Cleartext private writes per collection, for dissemination to the member organisations at commit. */
    readonly privateWrites: PrivateWriteSet;
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
    let value = map.get(key);
    if (value === undefined) {
        value = create();
        map.set(key, value);
    }
    return value;
}

function sortedEntries<V>(map: ReadonlyMap<string, V>): [string, V][] {
    return [...map.entries()].sort(([a], [b]) => compareKeys(a, b));
}

function asWrite(key: string, value: Uint8Array): KeyWrite {
    return { key, value, isDelete: value.length === 0 };
}

function buildPrivateRwSet(builder: CollectionPrivateBuilder): Uint8Array {
    const kv = new ledger.rwset.kvrwset.KVRWSet();
    kv.setWritesList(sortedEntries(builder.writes).map(([key, value]) => toProtoWrite(asWrite(key, value))));
    // The private side only names the key: its metadata lives with the hashed key.
    kv.setMetadataWritesList(
        [...builder.metadataKeys].sort(compareKeys).map((key) => toProtoMetadataWrite({ key, entries: new Map() })),
    );
    return kv.serializeBinary();
}

function buildHashed(name: string, builder: CollectionHashedBuilder, pvtRwSet?: Uint8Array): CollectionHashedRwSet {
    return {
        collection: name,
        hashedReads: sortedEntries(builder.reads).map(([key, version]) =>
            version ? { keyHash: keyHash(key), version } : { keyHash: keyHash(key) },
        ),
        hashedWrites: sortedEntries(builder.writes).map(([key, { value, isPurge }]) => ({
            keyHash: keyHash(key),
            valueHash: value.length === 0 ? new Uint8Array() : sha256(value),
            isDelete: value.length === 0,
            isPurge,
        })),
        metadataWrites: sortedEntries(builder.metadataWrites).map(([key, entries]) => ({
            keyHash: keyHash(key),
            entries,
        })),
        pvtRwSetHash: pvtRwSet ? sha256(pvtRwSet) : new Uint8Array(),
    };
}

export class RwSetBuilder {
    readonly #namespaces = new Map<string, NamespaceBuilder>();

    addRead(namespace: string, key: string, version: Version | undefined): void {
        this.#ns(namespace).reads.set(key, version);
    }

    /** An empty value records a delete. */
    addWrite(namespace: string, key: string, value: Uint8Array): void {
        this.#ns(namespace).writes.set(key, value);
    }

    addMetadataWrite(namespace: string, key: string, entries: Metadata): void {
        this.#ns(namespace).metadataWrites.set(key, entries);
    }

    /** The same query (start, end, exhausted) is recorded once, in the order first seen. */
    addRangeQuery(namespace: string, info: RangeQueryInfo): void {
        const id = JSON.stringify([info.startKey, info.endKey, info.itrExhausted]);
        const queries = this.#ns(namespace).rangeQueries;
        if (!queries.has(id)) {
            queries.set(id, info);
        }
    }

    addHashedRead(namespace: string, collection: string, key: string, version: Version | undefined): void {
        this.#hashed(namespace, collection).reads.set(key, version);
    }

    /** An empty value records a delete; isPurge a purge (a delete that also removes past versions). */
    addPrivateWrite(
        namespace: string,
        collection: string,
        memberMspIds: readonly string[],
        key: string,
        value: Uint8Array,
        isPurge = false,
    ): void {
        this.#private(namespace, collection, memberMspIds).writes.set(key, value);
        this.#hashed(namespace, collection).writes.set(key, { value, isPurge });
    }

    addPrivateMetadataWrite(
        namespace: string,
        collection: string,
        memberMspIds: readonly string[],
        key: string,
        entries: Metadata,
    ): void {
        this.#private(namespace, collection, memberMspIds).metadataKeys.add(key);
        this.#hashed(namespace, collection).metadataWrites.set(key, entries);
    }

    build(rangeQueries: readonly { namespace: string; info: RangeQueryInfo }[] = []): SimulationResults {
        for (const { namespace, info } of rangeQueries) {
            this.addRangeQuery(namespace, info);
        }
        const privateWrites: PrivateWriteSet[number][] = [];
        const rwset: NsRwSet[] = sortedEntries(this.#namespaces).map(([namespace, ns]) => {
            const collections = sortedEntries(ns.hashed).map(([collection, hashed]) => {
                const pvt = ns.private.get(collection);
                const pvtRwSet = pvt ? buildPrivateRwSet(pvt) : undefined;
                if (pvt && pvtRwSet) {
                    privateWrites.push({ namespace, collection, memberMspIds: pvt.memberMspIds, rwset: pvtRwSet });
                }
                return buildHashed(collection, hashed, pvtRwSet);
            });
            return {
                namespace,
                reads: sortedEntries(ns.reads).map(([key, version]): KeyRead => (version ? { key, version } : { key })),
                rangeQueries: [...ns.rangeQueries.values()],
                writes: sortedEntries(ns.writes).map(([key, value]) => asWrite(key, value)),
                metadataWrites: sortedEntries(ns.metadataWrites).map(([key, entries]) => ({ key, entries })),
                collections,
            };
        });
        return { results: encodeTxRwSet(rwset), privateWrites };
    }

    #ns(namespace: string): NamespaceBuilder {
        return getOrCreate(this.#namespaces, namespace, () => ({
            reads: new Map(),
            writes: new Map(),
            metadataWrites: new Map(),
            rangeQueries: new Map(),
            hashed: new Map(),
            private: new Map(),
        }));
    }

    #hashed(namespace: string, collection: string): CollectionHashedBuilder {
        return getOrCreate(this.#ns(namespace).hashed, collection, () => ({
            reads: new Map(),
            writes: new Map(),
            metadataWrites: new Map(),
        }));
    }

    #private(namespace: string, collection: string, memberMspIds: readonly string[]): CollectionPrivateBuilder {
        return getOrCreate(this.#ns(namespace).private, collection, () => ({
            memberMspIds,
            writes: new Map(),
            metadataKeys: new Set(),
        }));
    }
}

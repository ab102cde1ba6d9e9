// What a range query records for phantom-read validation: the raw reads when there are at most maxDegree of them,
// otherwise a Merkle summary of their hashes (Fabric's rwsetutil.RangeQueryResultsHelper, maxDegree 50).
import { ledger } from '@hyperledger/fabric-protos';
import { sha256 } from './bytes';
import type { Version } from './version';

export const MAX_DEGREE_QUERY_READS_HASHING = 50;

export interface KeyRead {
    readonly key: string;
    readonly version?: Version;
}

export interface MerkleSummary {
    readonly maxDegree: number;
    readonly maxLevel: number;
    readonly maxLevelHashes: readonly Uint8Array[];
}

/** Exactly one of rawReads and merkle is set. */
export interface RangeQueryReads {
    readonly rawReads?: readonly KeyRead[];
    readonly merkle?: MerkleSummary;
}

export function toProtoVersion(version: Version): ledger.rwset.kvrwset.Version {
    const proto = new ledger.rwset.kvrwset.Version();
    proto.setBlockNum(version.blockNum);
    proto.setTxNum(version.txNum);
    return proto;
}

export function toProtoRead(read: KeyRead): ledger.rwset.kvrwset.KVRead {
    const proto = new ledger.rwset.kvrwset.KVRead();
    proto.setKey(read.key);
    if (read.version) {
        proto.setVersion(toProtoVersion(read.version));
    }
    return proto;
}

function concatHash(hashes: readonly Uint8Array[]): Uint8Array {
    return sha256(Buffer.concat(hashes));
}

/** Incrementally built tree: every maxDegree+1 nodes of a level are hashed together into one node of the next. */
class MerkleTree {
    readonly #maxDegree: number;
    readonly #levels = new Map<number, Uint8Array[]>();
    #maxLevel = 1;

    constructor(maxDegree: number) {
        this.#maxDegree = maxDegree;
    }

    isEmpty(): boolean {
        return this.#maxLevel === 1 && this.#level(1).length === 0;
    }

    update(leafHash: Uint8Array): void {
        this.#level(1).push(leafHash);
        let level = 1;
        while (this.#level(level).length > this.#maxDegree) {
            const combined = concatHash(this.#level(level));
            this.#levels.delete(level);
            level++;
            this.#level(level).push(combined);
            this.#maxLevel = Math.max(this.#maxLevel, level);
        }
    }

    done(): void {
        for (let level = 1; level < this.#maxLevel; level++) {
            const hashes = this.#level(level);
            if (hashes.length === 0) {
                continue;
            }
            const carried = hashes.length === 1 ? (hashes[0] as Uint8Array) : concatHash(hashes);
            this.#levels.delete(level);
            this.#level(level + 1).push(carried);
        }
        const top = this.#level(this.#maxLevel);
        if (top.length > this.#maxDegree) {
            this.#levels.delete(this.#maxLevel);
            this.#maxLevel++;
            this.#levels.set(this.#maxLevel, [concatHash(top)]);
        }
    }

    summary(): MerkleSummary {
        return {
            maxDegree: this.#maxDegree,
            maxLevel: this.#maxLevel,
            maxLevelHashes: [...this.#level(this.#maxLevel)],
        };
    }

    #level(level: number): Uint8Array[] {
        let hashes = this.#levels.get(level);
        if (!hashes) {
            hashes = [];
            this.#levels.set(level, hashes);
        }
        return hashes;
    }
}

export class RangeQueryResults {
    readonly #maxDegree: number;
    readonly #tree: MerkleTree;
    #pending: KeyRead[] = [];

    constructor(maxDegree: number = MAX_DEGREE_QUERY_READS_HASHING) {
        this.#maxDegree = maxDegree;
        this.#tree = new MerkleTree(maxDegree);
    }

    add(read: KeyRead): void {
        this.#pending.push(read);
        if (this.#pending.length > this.#maxDegree) {
            this.#hashPending();
        }
    }

    done(): RangeQueryReads {
        if (this.#tree.isEmpty()) {
            return { rawReads: this.#pending };
        }
        if (this.#pending.length > 0) {
            this.#hashPending();
        }
        this.#tree.done();
        return { merkle: this.#tree.summary() };
    }

    #hashPending(): void {
        const reads = new ledger.rwset.kvrwset.QueryReads();
        reads.setKvReadsList(this.#pending.map(toProtoRead));
        this.#pending = [];
        this.#tree.update(sha256(reads.serializeBinary()));
    }
}

/** The reads a range query records, computed in one go (used to re-run a query at validation). */
export function summarizeRangeReads(reads: readonly KeyRead[], maxDegree: number): RangeQueryReads {
    const results = new RangeQueryResults(maxDegree);
    reads.forEach((read) => {
        results.add(read);
    });
    return results.done();
}

// A peer's private data of a block, as Fabric's private data store answers GetPvtDataByNum: the write sets it
// holds for the block's transactions, valid or not (expired ones are already purged), without the writes of keys that
// an explicit PurgePrivateData at or after their height has removed (pvtdatastorage removePurgedDataFromCollPvtRWset).
import { ledger } from '@hyperledger/fabric-protos';
import { keyHash } from './bytes';
import type { LedgerStore } from './store';
import type { StoredWriteSet } from './store-records';
import type { Version } from './version';

const { KVRWSet } = ledger.rwset.kvrwset;

/** The organisation's private write sets of the block, in transaction, namespace and collection order. */
export async function blockPrivateData(store: LedgerStore, mspId: string, blockNum: bigint): Promise<StoredWriteSet[]> {
    const writeSets = await store.writeSets(mspId, blockNum);
    return Promise.all(writeSets.map((writeSet) => withoutPurgedWrites(store, Number(blockNum), writeSet)));
}

async function withoutPurgedWrites(store: LedgerStore, blockNum: number, writeSet: StoredWriteSet) {
    const height: Version = { blockNum, txNum: writeSet.txNum };
    const kv = KVRWSet.deserializeBinary(writeSet.rwset);
    const writes = kv.getWritesList();
    const kept: typeof writes = [];
    for (const write of writes) {
        const marker = await store.purgeMarker(writeSet.namespace, writeSet.collection, keyHash(write.getKey()));
        if (!marker || isAfter(height, marker)) {
            kept.push(write);
        }
    }
    if (kept.length === writes.length) {
        return writeSet;
    }
    kv.setWritesList(kept);
    return { ...writeSet, rwset: kv.serializeBinary() };
}

function isAfter(a: Version, b: Version): boolean {
    return a.blockNum > b.blockNum || (a.blockNum === b.blockNum && a.txNum > b.txNum);
}

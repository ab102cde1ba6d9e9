// Reading what a transaction's rwset.TxReadWriteSet touches: written public keys, metadata writes and collections.
import { ledger } from '@hyperledger/fabric-protos';

export interface NamespaceSummary {
    readonly namespace: string;
    /** Public keys written (value or delete). */
    readonly writtenKeys: readonly string[];
    /** Public keys whose metadata is written, with the new VALIDATION_PARAMETER (undefined when removed). */
    readonly metadataWrites: readonly { readonly key: string; readonly validationParameter?: Uint8Array }[];
    /** Collections with hashed writes (values or metadata). */
    readonly collectionsWritten: readonly string[];
    /** Collections read or written. */
    readonly collectionsTouched: readonly string[];
}

export const VALIDATION_PARAMETER = 'VALIDATION_PARAMETER';

/** Throws when the bytes are not a TxReadWriteSet. */
export function summarizeResults(results: Uint8Array): NamespaceSummary[] {
    const txRwSet = ledger.rwset.TxReadWriteSet.deserializeBinary(results);
    return txRwSet.getNsRwsetList().map((nsRwSet) => {
        const kv = ledger.rwset.kvrwset.KVRWSet.deserializeBinary(nsRwSet.getRwset_asU8());
        const collectionsWritten: string[] = [];
        const collectionsTouched: string[] = [];
        for (const collection of nsRwSet.getCollectionHashedRwsetList()) {
            const name = collection.getCollectionName();
            collectionsTouched.push(name);
            const hashed = ledger.rwset.kvrwset.HashedRWSet.deserializeBinary(collection.getHashedRwset_asU8());
            if (hashed.getHashedWritesList().length > 0 || hashed.getMetadataWritesList().length > 0) {
                collectionsWritten.push(name);
            }
        }
        return {
            namespace: nsRwSet.getNamespace(),
            writtenKeys: kv.getWritesList().map((write) => write.getKey()),
            metadataWrites: kv.getMetadataWritesList().map((write) => ({
                key: write.getKey(),
                validationParameter: write
                    .getEntriesList()
                    .find((entry) => entry.getName() === VALIDATION_PARAMETER)
                    ?.getValue_asU8(),
            })),
            collectionsWritten,
            collectionsTouched,
        };
    });
}

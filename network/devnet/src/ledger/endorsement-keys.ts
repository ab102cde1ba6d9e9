// The keys a transaction writes, with the key-level endorsement policy (VALIDATION_PARAMETER metadata) committed
// for each, so the committer can check state-based endorsement before it validates read sets.
import type { LedgerStore } from './store';
import { decodeTxRwSet } from './rwset';

export const VALIDATION_PARAMETER = 'VALIDATION_PARAMETER';

export interface WrittenKey {
    readonly namespace: string;
    /** '' for public state. */
    readonly collection: string;
    /** The key, or for private data the hex of its SHA-256 (as it appears in the public rwset). */
    readonly key: string;
    /** The committed key-level policy (common.SignaturePolicyEnvelope bytes), if the key has one. */
    readonly validationParameter?: Uint8Array;
}

function withParameter(base: Omit<WrittenKey, 'validationParameter'>, metadata?: ReadonlyMap<string, Uint8Array>) {
    const validationParameter = metadata?.get(VALIDATION_PARAMETER);
    return validationParameter ? { ...base, validationParameter } : base;
}

/** Keys written (values, deletes, purges or metadata) by the rwset, each once, public keys first per namespace. */
export async function writtenKeysWithValidationParameters(
    store: LedgerStore,
    results: Uint8Array,
): Promise<WrittenKey[]> {
    const keys: WrittenKey[] = [];
    for (const ns of decodeTxRwSet(results)) {
        const publicKeys = new Set([...ns.writes, ...ns.metadataWrites].map((write) => write.key));
        for (const key of publicKeys) {
            const committed = await store.getState(ns.namespace, key);
            keys.push(withParameter({ namespace: ns.namespace, collection: '', key }, committed?.metadata));
        }
        for (const collection of ns.collections) {
            const hashes = new Set(
                [...collection.hashedWrites, ...collection.metadataWrites].map((write) =>
                    Buffer.from(write.keyHash).toString('hex'),
                ),
            );
            for (const hex of hashes) {
                const committed = await store.getHashed(ns.namespace, collection.collection, Buffer.from(hex, 'hex'));
                const base = { namespace: ns.namespace, collection: collection.collection, key: hex };
                keys.push(withParameter(base, committed?.metadata));
            }
        }
    }
    return keys;
}

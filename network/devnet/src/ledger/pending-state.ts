// The latest value of each key a block's commit has touched so far, over the committed state, with every change
// also added to the block's LedgerBatch: later transactions of the block (and the purge of expired private data)
// see earlier ones' writes.
import type { LedgerBatch, LedgerStore } from './store';
import type { VersionedValue } from './store-records';

export class PendingState {
    readonly #store: LedgerStore;
    readonly #batch: LedgerBatch;
    readonly #values = new Map<string, VersionedValue | null>();

    constructor(store: LedgerStore, batch: LedgerBatch) {
        this.#store = store;
        this.#batch = batch;
    }

    async getPublic(namespace: string, key: string): Promise<VersionedValue | undefined> {
        return this.#get(['s', namespace, key], () => this.#store.getState(namespace, key));
    }

    setPublic(namespace: string, key: string, record: VersionedValue | null): void {
        this.#values.set(JSON.stringify(['s', namespace, key]), record);
        if (record) {
            this.#batch.putState(namespace, key, record);
        } else {
            this.#batch.deleteState(namespace, key);
        }
    }

    async getHashed(namespace: string, collection: string, hash: Uint8Array): Promise<VersionedValue | undefined> {
        const id = ['h', namespace, collection, Buffer.from(hash).toString('hex')];
        return this.#get(id, () => this.#store.getHashed(namespace, collection, hash));
    }

    setHashed(namespace: string, collection: string, hash: Uint8Array, record: VersionedValue | null): void {
        this.#values.set(JSON.stringify(['h', namespace, collection, Buffer.from(hash).toString('hex')]), record);
        if (record) {
            this.#batch.putHashed(namespace, collection, hash, record);
        } else {
            this.#batch.deleteHashed(namespace, collection, hash);
        }
    }

    async getPrivate(mspId: string, namespace: string, collection: string, key: string) {
        const id = ['p', mspId, namespace, collection, key];
        return this.#get(id, () => this.#store.getPrivate(mspId, namespace, collection, key));
    }

    setPrivate(mspId: string, namespace: string, collection: string, key: string, record: VersionedValue | null): void {
        this.#values.set(JSON.stringify(['p', mspId, namespace, collection, key]), record);
        if (record) {
            this.#batch.putPrivate(mspId, namespace, collection, key, record);
        } else {
            this.#batch.deletePrivate(mspId, namespace, collection, key);
        }
    }

    async #get(id: readonly string[], load: () => Promise<VersionedValue | undefined>) {
        const pending = this.#values.get(JSON.stringify(id));
        return pending === undefined ? load() : (pending ?? undefined);
    }
}

// Adapts the ledger module (LedgerStore and its functions) to what the devnet's endorsers, gateways, deliver service
// and committer need, and keeps endorsed private writes until their transaction commits (Fabric's transient store).
import {
    blockPrivateData,
    commitBlock,
    newSimulation,
    validateReadSets,
    writtenKeysWithValidationParameters,
    type LedgerStore,
    type PrivateWriteSet,
    type StateDatabase,
    type TxSimulation,
} from '../ledger';
import type {
    EndorsementSimulation,
    EndorserLedger,
    PrivateDataLedger,
    SimulationContext,
    SimulationPurpose,
} from '../ports';
import type { DevnetChannelPolicies } from './channel-policies';
import { collectionMemberMspIds } from '../policy';
import type {
    BlockLedger,
    CollectionPrivateData,
    CommitLedger,
    CommittedTransaction,
    TxStatus,
    WrittenKey,
} from '../ports';

export interface DevnetLedgerOptions {
    readonly store: LedgerStore;
    readonly channel: string;
    readonly policies: DevnetChannelPolicies;
    readonly applicationMspIds: readonly string[];
    /** Whether endorsers answer rich queries (CouchDB) or refuse them as LevelDB does; default goleveldb. */
    readonly stateDatabase?: StateDatabase;
}

export class DevnetLedger implements CommitLedger, BlockLedger, EndorserLedger, PrivateDataLedger {
    readonly #options: DevnetLedgerOptions;
    /** txId → cleartext private writes of its endorsement, until the transaction commits. */
    readonly #transientStore = new Map<string, PrivateWriteSet>();

    constructor(options: Readonly<DevnetLedgerOptions>) {
        this.#options = options;
    }

    hasTx(txId: string): Promise<boolean> {
        return this.#options.store.hasTx(txId);
    }

    height(): Promise<bigint> {
        return this.#options.store.height();
    }

    blockBytes(number: bigint): Promise<Uint8Array | undefined> {
        return this.#options.store.getBlock(number);
    }

    async txStatus(txId: string): Promise<TxStatus | undefined> {
        const record = await this.#options.store.getTx(txId);
        return record ? { code: record.validationCode, blockNumber: record.blockNumber } : undefined;
    }

    newSimulation(context: SimulationContext, purpose: SimulationPurpose): EndorsementSimulation {
        const definitions = this.#options.policies.collectionDefinitions(context.namespace);
        const simulation = newSimulation({
            ...context,
            store: this.#options.store,
            collections: definitions.map((definition) => ({
                name: definition.name,
                memberMspIds: collectionMemberMspIds(definition),
                memberOnlyRead: definition.memberOnlyRead,
                memberOnlyWrite: definition.memberOnlyWrite,
            })),
            channelMspIds: this.#options.applicationMspIds,
            ...(this.#options.stateDatabase ? { stateDatabase: this.#options.stateDatabase } : {}),
        });
        const done = (succeeded: boolean): { results: Uint8Array } => {
            const { results, privateWrites } = simulation.done();
            const keep = succeeded && purpose === 'endorse' && privateWrites.length > 0;
            if (keep && !this.#transientStore.has(context.txId)) {
                this.#transientStore.set(context.txId, privateWrites);
            }
            return { results };
        };
        return withDone(simulation, done);
    }

    async privateData(
        mspId: string,
        blockNumber: bigint,
    ): Promise<ReadonlyMap<number, readonly CollectionPrivateData[]>> {
        const byTx = new Map<number, CollectionPrivateData[]>();
        for (const { txNum, ...writeSet } of await blockPrivateData(this.#options.store, mspId, blockNumber)) {
            const list = byTx.get(txNum) ?? [];
            list.push(writeSet);
            byTx.set(txNum, list);
        }
        return byTx;
    }

    async writtenKeysWithValidationParameters(results: Uint8Array): Promise<WrittenKey[]> {
        return writtenKeysWithValidationParameters(this.#options.store, results);
    }

    validateReadSets(
        txs: readonly { readonly txId: string; readonly results: Uint8Array }[],
        alreadyInvalid: ReadonlySet<number>,
    ): Promise<number[]> {
        return validateReadSets(this.#options.store, txs, alreadyInvalid);
    }

    async commitBlock(block: {
        readonly number: bigint;
        readonly bytes: Uint8Array;
        readonly txs: readonly CommittedTransaction[];
    }): Promise<void> {
        await commitBlock(this.#options.store, {
            number: block.number,
            bytes: block.bytes,
            txs: block.txs.map((tx) => ({ ...tx, privateWrites: this.#transientStore.get(tx.txId) })),
            blockToLive: (namespace, collection) =>
                this.#options.policies.collection(namespace, collection)?.blockToLive ?? 0,
        });
        for (const tx of block.txs) {
            this.#transientStore.delete(tx.txId);
        }
    }
}

/** The simulation's own methods, bound, with done() replaced. */
function withDone(
    simulation: TxSimulation,
    done: (succeeded: boolean) => { results: Uint8Array },
): EndorsementSimulation {
    return {
        channel: simulation.channel,
        txId: simulation.txId,
        namespace: simulation.namespace,
        getState: (collection, key) => simulation.getState(collection, key),
        getPrivateDataHash: (collection, key) => simulation.getPrivateDataHash(collection, key),
        putState: (collection, key, value) => simulation.putState(collection, key, value),
        deleteState: (collection, key) => simulation.deleteState(collection, key),
        purgePrivateData: (collection, key) => simulation.purgePrivateData(collection, key),
        getStateMetadata: (collection, key) => simulation.getStateMetadata(collection, key),
        putStateMetadata: (collection, key, name, value) => simulation.putStateMetadata(collection, key, name, value),
        openRangeQuery: (collection, startKey, endKey, page) =>
            simulation.openRangeQuery(collection, startKey, endKey, page),
        openRichQuery: (collection, query, page) => simulation.openRichQuery(collection, query, page),
        openHistoryQuery: (key) => simulation.openHistoryQuery(key),
        done,
    };
}

// A throw-away ledger in a temporary directory, and helpers that endorse and commit transactions the way the
// devnet's committer drives the ledger (simulate → validate read sets → commit block).
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
    LedgerStore,
    commitBlock,
    type BlockToLive,
    newSimulation,
    validateReadSets,
    type CollectionDefinition,
    type PrivateWriteSet,
    type QueryIterator,
    type SimulationContext,
    type TxSimulation,
} from '../../../../network/devnet/src/ledger';

export const CHANNEL = 'association';
export const CHAINCODE = 'bia';
export const ORG1 = 'SecretariatMSP';
export const ORG2 = 'HealthcoMSP';
export const ORG3 = 'CarrierMSP';

export const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');
export const text = (bytes: Uint8Array | undefined): string | undefined =>
    bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8');

export interface Endorsed {
    readonly txId: string;
    readonly results: Uint8Array;
    readonly privateWrites: PrivateWriteSet;
}

export class LedgerFixture {
    readonly store: LedgerStore;
    readonly dir: string;

    private constructor(store: LedgerStore, dir: string) {
        this.store = store;
        this.dir = dir;
    }

    static async create(): Promise<LedgerFixture> {
        const dir = await mkdtemp(join(tmpdir(), 'devnet-ledger-'));
        return new LedgerFixture(await LedgerStore.open(dir), dir);
    }

    async destroy(): Promise<void> {
        await this.store.close().catch(() => undefined);
        await rm(this.dir, { recursive: true, force: true });
    }

    simulation(options: Partial<Omit<SimulationContext, 'store'>> = {}): TxSimulation {
        return newSimulation({
            channel: CHANNEL,
            txId: randomUUID(),
            namespace: CHAINCODE,
            creatorMspId: ORG1,
            peerMspId: ORG1,
            channelMspIds: [ORG1, ORG2, ORG3],
            // These tests exercise the Mango emulation; the goleveldb refusal is tested in test/unit/devnet/chaincode.
            stateDatabase: 'CouchDB',
            ...options,
            store: this.store,
        });
    }

    /** Runs the body in a fresh simulation and returns the endorsed results. */
    async endorse(
        body: (simulation: TxSimulation) => Promise<void>,
        options: Partial<Omit<SimulationContext, 'store'>> = {},
    ): Promise<Endorsed> {
        const simulation = this.simulation(options);
        await body(simulation);
        return { txId: simulation.txId, ...simulation.done() };
    }

    /** Each collection's blockToLive for the blocks commit() commits (default: never purged). */
    blockToLive: BlockToLive = () => 0;

    /** Validates and commits the transactions as the next block; returns their validation codes. */
    async commit(txs: readonly Endorsed[], timestampSeconds = 1_700_000_000n): Promise<number[]> {
        const codes = await validateReadSets(this.store, txs, new Set());
        const number = await this.store.height();
        await commitBlock(this.store, {
            number,
            bytes: utf8(`block ${number}`),
            txs: txs.map((tx, index) => ({
                ...tx,
                code: codes[index] ?? -1,
                timestamp: { seconds: timestampSeconds + BigInt(index), nanos: index },
            })),
            blockToLive: this.blockToLive,
        });
        return codes;
    }

    /** Commits public writes of the given key/values in one transaction. */
    async put(
        values: Record<string, string>,
        collection = '',
        collections: CollectionDefinition[] = [],
    ): Promise<void> {
        const tx = await this.endorse(
            async (simulation) => {
                for (const [key, value] of Object.entries(values)) {
                    await simulation.putState(collection, key, utf8(value));
                }
            },
            { collections },
        );
        await this.commit([tx]);
    }
}

/** Reads an iterator to its end, in batches of the given size. */
export async function drain<T>(iterator: QueryIterator<T>, batch = 100): Promise<T[]> {
    const all: T[] = [];
    for (;;) {
        const { items, hasMore } = await iterator.next(batch);
        all.push(...items);
        if (!hasMore || items.length === 0) {
            return all;
        }
    }
}

export function compositeKey(objectType: string, attributes: readonly string[]): string {
    return `\u0000${objectType}\u0000${attributes.map((attribute) => `${attribute}\u0000`).join('')}`;
}

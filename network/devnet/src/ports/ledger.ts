// What the committer, the gateway's endorsers and the deliver service need from the ledger. committer/devnet-ledger.ts
// adapts the ledger module (LedgerStore and its functions) to these; tests use doubles.
import type { Simulation } from '../ledger/simulation';

export interface Timestamp {
    readonly seconds: bigint;
    readonly nanos: number;
}

/** A key a transaction writes (value or metadata), with the key-level policy committed for it, if any. */
export interface WrittenKey {
    readonly namespace: string;
    /** '' for public state. */
    readonly collection: string;
    /** The key, or for private data the hex of its hash (as it appears in the public rwset). */
    readonly key: string;
    readonly validationParameter?: Uint8Array;
}

export interface CommittedTransaction {
    readonly txId: string;
    readonly code: number;
    /** rwset.TxReadWriteSet bytes (empty for transactions that failed before their rwset was read). */
    readonly results: Uint8Array;
    readonly timestamp: Timestamp;
}

export interface TxStatus {
    readonly code: number;
    readonly blockNumber: bigint;
}

export interface CommitLedger {
    hasTx(txId: string): Promise<boolean>;
    writtenKeysWithValidationParameters(results: Uint8Array): Promise<WrittenKey[]>;
    /** Codes (VALID, MVCC_READ_CONFLICT, PHANTOM_READ_CONFLICT) for the block's txs in order; indexes in alreadyInvalid are skipped. */
    validateReadSets(
        txs: readonly { readonly txId: string; readonly results: Uint8Array }[],
        alreadyInvalid: ReadonlySet<number>,
    ): Promise<number[]>;
    commitBlock(block: {
        readonly number: bigint;
        readonly bytes: Uint8Array;
        readonly txs: readonly CommittedTransaction[];
    }): Promise<void>;
}

/** Read access to committed blocks and transaction outcomes. */
export interface BlockLedger {
    height(): Promise<bigint>;
    blockBytes(number: bigint): Promise<Uint8Array | undefined>;
    txStatus(txId: string): Promise<TxStatus | undefined>;
}

/** One collection's private write set of one transaction, as a peer's private data store holds it. */
export interface CollectionPrivateData {
    readonly namespace: string;
    readonly collection: string;
    /** kvrwset.KVRWSet bytes: the rwset field of rwset.CollectionPvtReadWriteSet. */
    readonly rwset: Uint8Array;
}

/** The private data store of each organisation's peer, by block (Fabric's GetPvtDataByNum). */
export interface PrivateDataLedger {
    /**
     * The unexpired private write sets a peer of the organisation holds for the block, by transaction index (of
     * invalid transactions too, as v2 channels store them), in namespace and collection order.
     */
    privateData(mspId: string, blockNumber: bigint): Promise<ReadonlyMap<number, readonly CollectionPrivateData[]>>;
}

export interface SimulationContext {
    readonly channel: string;
    readonly txId: string;
    readonly namespace: string;
    /** MSP ID of the proposal's creator (for memberOnlyRead/Write). */
    readonly creatorMspId: string;
    /** MSP ID of the endorsing peer (private data is only readable at member orgs). */
    readonly peerMspId: string;
}

/** Why a simulation runs: an endorsement keeps private writes (Fabric's transient store) for the commit. */
export type SimulationPurpose = 'evaluate' | 'endorse';

export interface EndorsementSimulation extends Simulation {
    /**
     * Ends the simulation (releasing its open queries); results are rwset.TxReadWriteSet bytes.
     * succeeded: whether the chaincode succeeded, so that an endorsement's private writes are worth keeping.
     */
    done(succeeded: boolean): { readonly results: Uint8Array };
}

export interface EndorserLedger {
    hasTx(txId: string): Promise<boolean>;
    newSimulation(context: SimulationContext, purpose: SimulationPurpose): EndorsementSimulation;
}

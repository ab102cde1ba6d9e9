// The narrow seams the committer (and the gateway) need from identity, policy and ledger code.
// devnet.ts adapts the real MspRegistry, policy functions and LedgerStore to these; tests use doubles.

/** An identity the MSP has deserialized and validated. */
export interface Identity {
    readonly mspId: string;
}

export interface Msp<I extends Identity> {
    /** Deserializes and validates an msp.SerializedIdentity; throws with the MSP's message when it is not acceptable. */
    deserialize(serializedIdentity: Uint8Array): I;
    /** ECDSA verification as Fabric does it (SHA-256 digest, low-S only). */
    verifySignature(identity: I, message: Uint8Array, signature: Uint8Array): boolean;
    /** The channel's MSP IDs. */
    mspIds(): string[];
}

/** True when the signers' identities satisfy a policy. */
export type PolicyCheck<I> = (signers: readonly I[]) => boolean;

export interface CollectionInfo<I> {
    readonly name: string;
    readonly memberMspIds: readonly string[];
    /** A collection-level endorsement policy replaces the chaincode's for writes to that collection. */
    readonly endorsementPolicy?: PolicyCheck<I>;
}

export interface ChannelPolicies<I> {
    /** Undefined when no chaincode of that name is defined on the channel. */
    chaincodePolicy(chaincode: string): PolicyCheck<I> | undefined;
    /** A key-level (state-based) policy from VALIDATION_PARAMETER metadata bytes. */
    keyPolicy(validationParameter: Uint8Array): PolicyCheck<I>;
    collection(chaincode: string, collection: string): CollectionInfo<I> | undefined;
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

export interface Timestamp {
    readonly seconds: bigint;
    readonly nanos: number;
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

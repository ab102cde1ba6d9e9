// The block and transaction summaries applications receive, kept apart from the code that reads them out of
// fabric-protos messages so the published declarations do not reach into fabric-protos (whose types need
// @types/google-protobuf, which an application should not have to install).

/** One transaction of a block. */
export interface TransactionSummary {
    /** The transaction's ID. */
    readonly transactionId: string;
    /** Fabric's validation code, e.g. 0. */
    readonly validationCode: number;
    /** Its name, e.g. `VALID`, `MVCC_READ_CONFLICT`. */
    readonly validationCodeName: string;
    /** The submitter's MSP ID. */
    readonly mspId: string;
    /** `ENDORSER_TRANSACTION`, or `CONFIG` for a channel configuration block. */
    readonly type: string;
    /** When the client says it created the transaction (ISO 8601), if it said. */
    readonly timestamp?: string;
}

/** One block and its transactions. */
export interface BlockSummary {
    /** The block number. */
    readonly number: bigint;
    /** Its transactions, in block order. */
    readonly transactions: readonly TransactionSummary[];
}

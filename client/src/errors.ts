// One error hierarchy for every failure: which stage failed, the transaction, each peer's message,
// and the chaincode's own error decoded into its code.
import { type ErrorCode, type ErrorDetails, decodeChaincodeError } from '@bia/model';

/** Where a call failed: connecting, a read, collecting endorsements, ordering, asking the commit status, or committing. */
export type Stage = 'connect' | 'evaluate' | 'endorse' | 'submit' | 'commit-status' | 'commit';

/** What one peer or orderer said. */
export interface PeerDetail {
    /** The peer's or orderer's host:port. */
    readonly address: string;
    /** Its organisation's MSP ID. */
    readonly mspId: string;
    /** What it said. */
    readonly message: string;
}

/** What every error of the library is built from. */
export interface BiaErrorProperties {
    /** The error message. */
    readonly message: string;
    /** Where the call failed. */
    readonly stage: Stage;
    /** The transaction, when one was created. */
    readonly transactionId?: string;
    /** What each peer or orderer said. */
    readonly peers?: readonly PeerDetail[];
    /** The gRPC status code of the failed call, when there was one. */
    readonly grpcCode?: number;
    /** The underlying error (usually @hyperledger/fabric-gateway's). */
    readonly cause?: unknown;
}

/** Base of every error the client library throws. */
export class BiaError extends Error {
    /** Where the call failed. */
    readonly stage: Stage;
    /** The transaction, when one was created. */
    readonly transactionId: string | undefined;
    /** What each peer or orderer said (empty when none answered). */
    readonly peers: readonly PeerDetail[];
    /** The gRPC status code of the failed call, when there was one. */
    readonly grpcCode: number | undefined;

    /** @param properties - message, stage, transaction ID, peers' messages, gRPC code and cause */
    constructor(properties: BiaErrorProperties) {
        super(properties.message, { cause: properties.cause });
        this.name = 'BiaError';
        this.stage = properties.stage;
        this.transactionId = properties.transactionId;
        this.peers = properties.peers ?? [];
        this.grpcCode = properties.grpcCode;
    }
}

/** A chaincode error as decoded from the chaincode's message. */
export interface ChaincodeErrorProperties extends BiaErrorProperties {
    /** Why the chaincode refused: VALIDATION, UNAUTHORIZED, NOT_FOUND, CONFLICT or INVALID_STATE. */
    readonly code: ErrorCode;
    /** The chaincode's own message. */
    readonly reason: string;
    /** Machine-readable particulars, e.g. the field and rule that failed validation. */
    readonly details: ErrorDetails;
}

/** The chaincode refused the transaction; `code` says why, `reason` and `details` say what. */
export class ChaincodeError extends BiaError {
    /** Why the chaincode refused: VALIDATION, UNAUTHORIZED, NOT_FOUND, CONFLICT or INVALID_STATE. */
    readonly code: ErrorCode;
    /** The chaincode's own message. */
    readonly reason: string;
    /** Machine-readable particulars, e.g. the field and rule that failed validation. */
    readonly details: ErrorDetails;

    /** @param properties - the failure and the decoded chaincode error */
    constructor(properties: ChaincodeErrorProperties) {
        super(properties);
        this.name = 'ChaincodeError';
        this.code = properties.code;
        this.reason = properties.reason;
        this.details = properties.details;
    }
}

/** Bad input: `details.field` names the field, `details.rule` the rule. */
export class ValidationError extends ChaincodeError {
    /** @param properties - the failure and the decoded chaincode error */
    constructor(properties: ChaincodeErrorProperties) {
        super(properties);
        this.name = 'ValidationError';
    }
}

/** The calling identity may not do this. */
export class UnauthorizedError extends ChaincodeError {
    /** @param properties - the failure and the decoded chaincode error */
    constructor(properties: ChaincodeErrorProperties) {
        super(properties);
        this.name = 'UnauthorizedError';
    }
}

/** The record does not exist. */
export class NotFoundError extends ChaincodeError {
    /** @param properties - the failure and the decoded chaincode error */
    constructor(properties: ChaincodeErrorProperties) {
        super(properties);
        this.name = 'NotFoundError';
    }
}

/** A record with that ID already exists, or the record changed under the caller. */
export class ConflictError extends ChaincodeError {
    /** @param properties - the failure and the decoded chaincode error */
    constructor(properties: ChaincodeErrorProperties) {
        super(properties);
        this.name = 'ConflictError';
    }
}

/** The record's status does not allow the transaction. */
export class InvalidStateError extends ChaincodeError {
    /** @param properties - the failure and the decoded chaincode error */
    constructor(properties: ChaincodeErrorProperties) {
        super(properties);
        this.name = 'InvalidStateError';
    }
}

/** Endorsement failed for a reason other than the chaincode's refusal (e.g. no peers, payload mismatch). */
export class EndorseError extends BiaError {
    /** @param properties - message, transaction ID, peers' messages, gRPC code and cause */
    constructor(properties: Omit<BiaErrorProperties, 'stage'>) {
        super({ ...properties, stage: 'endorse' });
        this.name = 'EndorseError';
    }
}

/** The endorsed transaction could not be sent to the orderer. */
export class SubmitError extends BiaError {
    /** @param properties - message, transaction ID, peers' messages, gRPC code and cause */
    constructor(properties: Omit<BiaErrorProperties, 'stage'>) {
        super({ ...properties, stage: 'submit' });
        this.name = 'SubmitError';
    }
}

/** The transaction was submitted but its commit status could not be obtained; it may still commit. */
export class CommitStatusError extends BiaError {
    /** @param properties - message, transaction ID, peers' messages, gRPC code and cause */
    constructor(properties: Omit<BiaErrorProperties, 'stage'>) {
        super({ ...properties, stage: 'commit-status' });
        this.name = 'CommitStatusError';
    }
}

/** Fabric's transaction validation codes a client must tell apart. */
export const validationCodes = {
    VALID: 0,
    DUPLICATE_TXID: 9,
    ENDORSEMENT_POLICY_FAILURE: 10,
    MVCC_READ_CONFLICT: 11,
    PHANTOM_READ_CONFLICT: 12,
} as const;

/** A transaction committed as invalid. */
export interface CommitErrorProperties extends Omit<BiaErrorProperties, 'stage'> {
    /** Fabric's transaction validation code, e.g. 11. */
    readonly validationCode: number;
    /** Its name, e.g. MVCC_READ_CONFLICT. */
    readonly validationCodeName: string;
    /** The block that holds the invalid transaction. */
    readonly blockNumber: bigint;
}

/** The transaction was ordered but committed as invalid; `validationCodeName` says why. */
export class CommitError extends BiaError {
    /** Fabric's transaction validation code, e.g. 11 (see {@link validationCodes}). */
    readonly validationCode: number;
    /** Its name, e.g. MVCC_READ_CONFLICT. */
    readonly validationCodeName: string;
    /** The block that holds the invalid transaction. */
    readonly blockNumber: bigint;

    /** @param properties - the transaction, its validation code and block */
    constructor(properties: CommitErrorProperties) {
        super({ ...properties, stage: 'commit' });
        this.name = 'CommitError';
        this.validationCode = properties.validationCode;
        this.validationCodeName = properties.validationCodeName;
        this.blockNumber = properties.blockNumber;
    }
}

/** The network could not be reached (peer down, TLS failure, deadline exceeded). */
export class UnavailableError extends BiaError {
    /** @param properties - message, stage, transaction ID, peers' messages, gRPC code and cause */
    constructor(properties: BiaErrorProperties) {
        super(properties);
        this.name = 'UnavailableError';
    }
}

const chaincodeErrorClasses: Readonly<Record<ErrorCode, new (p: ChaincodeErrorProperties) => ChaincodeError>> = {
    VALIDATION: ValidationError,
    UNAUTHORIZED: UnauthorizedError,
    NOT_FOUND: NotFoundError,
    CONFLICT: ConflictError,
    INVALID_STATE: InvalidStateError,
};

/** Finds a chaincode error in the texts Fabric returned and builds its typed class, if there is one. */
export function decodeChaincodeFailure(
    texts: readonly string[],
    properties: BiaErrorProperties,
): ChaincodeError | undefined {
    for (const text of texts) {
        const payload = decodeChaincodeError(text);
        if (payload !== undefined) {
            const ErrorClass = chaincodeErrorClasses[payload.code];
            return new ErrorClass({
                ...properties,
                message: `${payload.code}: ${payload.message}`,
                code: payload.code,
                reason: payload.message,
                details: payload.details,
            });
        }
    }
    return undefined;
}

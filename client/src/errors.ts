// One error hierarchy for every failure: which stage failed, the transaction, each peer's message,
// and the chaincode's own error decoded into its code.
import { type ErrorCode, type ErrorDetails, decodeChaincodeError } from '@bia/model';

export type Stage = 'connect' | 'evaluate' | 'endorse' | 'submit' | 'commit-status' | 'commit';

/** What one peer or orderer said. */
export interface PeerDetail {
    readonly address: string;
    readonly mspId: string;
    readonly message: string;
}

export interface BiaErrorProperties {
    readonly message: string;
    readonly stage: Stage;
    readonly transactionId?: string;
    readonly peers?: readonly PeerDetail[];
    /** The gRPC status code of the failed call, when there was one. */
    readonly grpcCode?: number;
    readonly cause?: unknown;
}

/** Base of every error the client library throws. */
export class BiaError extends Error {
    readonly stage: Stage;
    readonly transactionId: string | undefined;
    readonly peers: readonly PeerDetail[];
    readonly grpcCode: number | undefined;

    constructor(properties: BiaErrorProperties) {
        super(properties.message, { cause: properties.cause });
        this.name = 'BiaError';
        this.stage = properties.stage;
        this.transactionId = properties.transactionId;
        this.peers = properties.peers ?? [];
        this.grpcCode = properties.grpcCode;
    }
}

export interface ChaincodeErrorProperties extends BiaErrorProperties {
    readonly code: ErrorCode;
    readonly reason: string;
    readonly details: ErrorDetails;
}

/** The chaincode refused the transaction; `code` says why, `reason` and `details` say what. */
export class ChaincodeError extends BiaError {
    readonly code: ErrorCode;
    readonly reason: string;
    readonly details: ErrorDetails;

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
    constructor(properties: ChaincodeErrorProperties) {
        super(properties);
        this.name = 'ValidationError';
    }
}

/** The calling identity may not do this. */
export class UnauthorizedError extends ChaincodeError {
    constructor(properties: ChaincodeErrorProperties) {
        super(properties);
        this.name = 'UnauthorizedError';
    }
}

/** The record does not exist. */
export class NotFoundError extends ChaincodeError {
    constructor(properties: ChaincodeErrorProperties) {
        super(properties);
        this.name = 'NotFoundError';
    }
}

/** A record with that ID already exists, or the record changed under the caller. */
export class ConflictError extends ChaincodeError {
    constructor(properties: ChaincodeErrorProperties) {
        super(properties);
        this.name = 'ConflictError';
    }
}

/** The record's status does not allow the transaction. */
export class InvalidStateError extends ChaincodeError {
    constructor(properties: ChaincodeErrorProperties) {
        super(properties);
        this.name = 'InvalidStateError';
    }
}

/** Endorsement failed for a reason other than the chaincode's refusal (e.g. no peers, payload mismatch). */
export class EndorseError extends BiaError {
    constructor(properties: Omit<BiaErrorProperties, 'stage'>) {
        super({ ...properties, stage: 'endorse' });
        this.name = 'EndorseError';
    }
}

/** The endorsed transaction could not be sent to the orderer. */
export class SubmitError extends BiaError {
    constructor(properties: Omit<BiaErrorProperties, 'stage'>) {
        super({ ...properties, stage: 'submit' });
        this.name = 'SubmitError';
    }
}

/** The transaction was submitted but its commit status could not be obtained; it may still commit. */
export class CommitStatusError extends BiaError {
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

export interface CommitErrorProperties extends Omit<BiaErrorProperties, 'stage'> {
    readonly validationCode: number;
    readonly validationCodeName: string;
    readonly blockNumber: bigint;
}

/** The transaction was ordered but committed as invalid; `validationCodeName` says why. */
export class CommitError extends BiaError {
    readonly validationCode: number;
    readonly validationCodeName: string;
    readonly blockNumber: bigint;

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

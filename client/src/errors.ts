// One error hierarchy for every failure. The classes that borrow @hyperledger/fabric-gateway's names mean what they
// mean there (`code` the gRPC status or the validation code, `details` each node's ErrorDetail); the chaincode's own
// refusal is a ChaincodeError (`code` VALIDATION, NOT_FOUND, ...) whose `cause` is the gateway error that carried it.
import { type ErrorCode, type ErrorDetails, decodeChaincodeError } from '@bia/model';

/** Where a call failed: a read, collecting endorsements, ordering, asking the commit status, committing, or events. */
export type Stage = 'evaluate' | 'endorse' | 'submit' | 'commit-status' | 'commit' | 'events';

/** What one peer or orderer said, as in fabric-gateway's `ErrorDetail`. */
export interface ErrorDetail {
    /** The node's host:port. */
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
    /** The underlying error. */
    readonly cause?: unknown;
}

/** Base of every error the client library throws: `stage` says where, `transactionId` which transaction. */
export class BiaError extends Error {
    /** Where the call failed. */
    readonly stage: Stage;
    /** The transaction, when one was created. */
    readonly transactionId: string | undefined;

    /** @param properties - message, stage, transaction ID and cause */
    constructor(properties: BiaErrorProperties) {
        super(properties.message, { cause: properties.cause });
        this.name = 'BiaError';
        this.stage = properties.stage;
        this.transactionId = properties.transactionId;
    }
}

/** A gateway call that failed, as fabric-gateway reports it. */
export interface GatewayErrorProperties extends BiaErrorProperties {
    /** The gRPC status code, e.g. 14 (UNAVAILABLE), 4 (DEADLINE_EXCEEDED), 10 (ABORTED). */
    readonly code: number;
    /** What each endorsing peer or orderer said. */
    readonly details?: readonly ErrorDetail[];
}

/**
 * A call through the gateway failed (fabric-gateway's `GatewayError`): `code` is the gRPC status, `details` what each
 * peer or orderer said; `cause` is fabric-gateway's own error. Thrown as is for a failed read (stage `evaluate`).
 */
export class GatewayError extends BiaError {
    /** The gRPC status code (see https://grpc.io/docs/guides/status-codes/). */
    readonly code: number;
    /** What each endorsing peer or orderer said (empty when none answered). */
    readonly details: readonly ErrorDetail[];

    /** @param properties - message, stage, transaction ID, gRPC status, each node's details and cause */
    constructor(properties: GatewayErrorProperties) {
        super(properties);
        this.name = 'GatewayError';
        this.code = properties.code;
        this.details = properties.details ?? [];
    }
}

/** A failure at a stage that always has a transaction. */
export type TransactionGatewayErrorProperties = Omit<GatewayErrorProperties, 'stage' | 'transactionId'> & {
    /** The transaction. */
    readonly transactionId: string;
};

/** Collecting endorsements failed for a reason other than the chaincode's refusal (fabric-gateway's `EndorseError`). */
export class EndorseError extends GatewayError {
    /** The transaction. */
    declare readonly transactionId: string;

    /** @param properties - message, transaction ID, gRPC status, each peer's details and cause */
    constructor(properties: TransactionGatewayErrorProperties) {
        super({ ...properties, stage: 'endorse' });
        this.name = 'EndorseError';
    }
}

/** The endorsed transaction could not be sent to the orderer (fabric-gateway's `SubmitError`). */
export class SubmitError extends GatewayError {
    /** The transaction. */
    declare readonly transactionId: string;

    /** @param properties - message, transaction ID, gRPC status, each orderer's details and cause */
    constructor(properties: TransactionGatewayErrorProperties) {
        super({ ...properties, stage: 'submit' });
        this.name = 'SubmitError';
    }
}

/**
 * The transaction was submitted but its commit status could not be obtained (fabric-gateway's `CommitStatusError`):
 * it may still commit. Ask again by its transaction ID; never re-propose it.
 */
export class CommitStatusError extends GatewayError {
    /** The transaction. */
    declare readonly transactionId: string;

    /** @param properties - message, transaction ID, gRPC status, details and cause */
    constructor(properties: TransactionGatewayErrorProperties) {
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
export interface CommitErrorProperties {
    /** The error message. */
    readonly message: string;
    /** The transaction. */
    readonly transactionId: string;
    /** Fabric's transaction validation code, e.g. 11. */
    readonly code: number;
    /** Its name, e.g. MVCC_READ_CONFLICT. */
    readonly codeName: string;
    /** The block that holds the invalid transaction. */
    readonly blockNumber: bigint;
}

/**
 * The transaction was ordered but committed as invalid (fabric-gateway's `CommitError`): `code` is the validation
 * code (see {@link validationCodes}), `codeName` its name.
 */
export class CommitError extends BiaError {
    /** The transaction. */
    declare readonly transactionId: string;
    /** Fabric's transaction validation code, e.g. 11 (MVCC_READ_CONFLICT). */
    readonly code: number;
    /** Its name, e.g. MVCC_READ_CONFLICT. */
    readonly codeName: string;
    /** The block that holds the invalid transaction. */
    readonly blockNumber: bigint;

    /** @param properties - the transaction, its validation code and block */
    constructor(properties: CommitErrorProperties) {
        super({ message: properties.message, stage: 'commit', transactionId: properties.transactionId });
        this.name = 'CommitError';
        this.code = properties.code;
        this.codeName = properties.codeName;
        this.blockNumber = properties.blockNumber;
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
    /** The gateway error that carried the refusal (an {@link EndorseError} or, for a read, a {@link GatewayError}). */
    readonly cause?: GatewayError;
}

/**
 * The chaincode refused the transaction (at `evaluate` or `endorse`); `code` says why, `reason` and `details` say
 * what. These are the chaincode's, not fabric-gateway's: the gRPC status and each peer's message are on `cause`.
 */
export class ChaincodeError extends BiaError {
    /** Why the chaincode refused: VALIDATION, UNAUTHORIZED, NOT_FOUND, CONFLICT or INVALID_STATE. */
    readonly code: ErrorCode;
    /** The chaincode's own message. */
    readonly reason: string;
    /** Machine-readable particulars, e.g. the field and rule that failed validation. */
    readonly details: ErrorDetails;
    /** The gateway error that carried the refusal, with the gRPC status and each peer's message. */
    declare readonly cause: GatewayError | undefined;

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

/** What failed in an event listener that gave up: the handler, decoding a payload, or the event stream. */
export type EventFailure = 'handler' | 'payload' | 'stream';

/** An event listener that stopped. */
export interface EventListenerErrorProperties {
    /** The error message, naming what failed. */
    readonly message: string;
    /** What failed. */
    readonly failed: EventFailure;
    /** How many times it was tried. */
    readonly attempts: number;
    /** The event's transaction, when an event was being handled. */
    readonly transactionId?: string;
    /** The event's block, when an event was being handled. */
    readonly blockNumber?: bigint;
    /** The last failure. */
    readonly cause?: unknown;
}

/**
 * An event listener gave up: its handler kept failing on one event, an event's payload could not be decoded, or the
 * event stream could not be reopened. The checkpoint still points before the event, so a restarted listener gets it
 * again.
 */
export class EventListenerError extends BiaError {
    /** What failed: the handler, decoding a payload, or the event stream. */
    readonly failed: EventFailure;
    /** How many times it was tried. */
    readonly attempts: number;
    /** The event's block, when an event was being handled. */
    readonly blockNumber: bigint | undefined;

    /** @param properties - what failed, how often, on which event, and the last failure */
    constructor(properties: EventListenerErrorProperties) {
        super({ ...properties, stage: 'events' });
        this.name = 'EventListenerError';
        this.failed = properties.failed;
        this.attempts = properties.attempts;
        this.blockNumber = properties.blockNumber;
    }
}

const chaincodeErrorClasses: Readonly<Record<ErrorCode, new (p: ChaincodeErrorProperties) => ChaincodeError>> = {
    VALIDATION: ValidationError,
    UNAUTHORIZED: UnauthorizedError,
    NOT_FOUND: NotFoundError,
    CONFLICT: ConflictError,
    INVALID_STATE: InvalidStateError,
};

/**
 * Refusals of the contract API (fabric-contract-api / fabric-shim) before any transaction code runs. They are not in
 * the association's error format because the chaincode never sees them; each is bad input from the caller.
 */
const contractApiRefusals: readonly { readonly pattern: RegExp; readonly field: string; readonly rule: string }[] = [
    {
        pattern: /Expected (\d+) parameters, but (\d+) have been supplied/,
        field: 'arguments',
        rule: 'the transaction takes $1 arguments, $2 were given',
    },
    {
        pattern: /You've asked to invoke a function that does not exist: ?([^\s]*)/,
        field: 'transaction',
        rule: 'no such transaction $1',
    },
    { pattern: /Contract name is not known: ?([^\s]*)/, field: 'contract', rule: 'no such contract $1' },
    {
        pattern: /Unable to validate parameter due to (\[.*?\])/,
        field: 'arguments',
        rule: 'an argument does not match its declared type: $1',
    },
];

/** Finds a chaincode error (ours, or a contract API refusal) in the peers' messages and builds its typed class. */
export function decodeChaincodeFailure(gatewayError: GatewayError): ChaincodeError | undefined {
    const texts = [...gatewayError.details.map((d) => d.message), gatewayError.message];
    const properties = {
        stage: gatewayError.stage,
        ...(gatewayError.transactionId !== undefined ? { transactionId: gatewayError.transactionId } : {}),
        cause: gatewayError,
    };
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
    for (const text of texts) {
        for (const refusal of contractApiRefusals) {
            const match = refusal.pattern.exec(text);
            if (match !== null) {
                const rule = match[0].replace(refusal.pattern, refusal.rule).trim();
                const reason = `${refusal.field}: ${rule}`;
                return new ValidationError({
                    ...properties,
                    message: `VALIDATION: ${reason}`,
                    code: 'VALIDATION',
                    reason,
                    details: { field: refusal.field, rule, refusedBy: 'contract-api' },
                });
            }
        }
    }
    return undefined;
}

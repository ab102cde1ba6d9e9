// Evaluate and submit with Fabric's failure modes handled:
// - MVCC_READ_CONFLICT / PHANTOM_READ_CONFLICT: re-proposed (new transaction ID), bounded, with backoff, only when safe;
// - a failed submit: resent as the same signed transaction;
// - endorsements that disagree (a block committed between two organisations' simulations): re-proposed likewise;
// - an unknown commit status: asked again by transaction ID, never re-proposed.
import {
    CommitError,
    CommitStatusError,
    EndorseError,
    SubmitError,
    type TransactionGatewayErrorProperties,
    validationCodes,
} from '../errors';
import type { CallRequest, CommitStatus, Endorsed, GatewayPort, Submitted } from './port';
import { type RetryOptions, backoffDelay, defaultRetryOptions, sleep } from './retry';
import { validationCodeName } from './validation-codes';

export interface SubmitRequest extends CallRequest {
    /** Whether re-running the transaction on fresh state after a read conflict is what the caller wants. */
    readonly retryOnConflict: boolean;
}

export interface SubmitResult {
    readonly transactionId: string;
    readonly blockNumber: bigint;
    readonly result: Uint8Array;
    /** How many proposals it took (1 when there was no read conflict). */
    readonly attempts: number;
}

/** Why a transaction is re-proposed: a read conflict at commit, or endorsements whose results differ. */
export type RetryReason = 'MVCC_READ_CONFLICT' | 'PHANTOM_READ_CONFLICT' | 'ENDORSEMENT_MISMATCH';

/** What the client tells an `onRetry` hook before it re-proposes a transaction. */
export interface RetryNotice {
    /** The contract, e.g. `scenarios`. */
    readonly contract: string;
    /** The transaction, e.g. `ConsentToParticipation`. */
    readonly transaction: string;
    /** The transaction ID of the attempt that failed. */
    readonly transactionId: string;
    /** The attempt that failed (1 for the first proposal). */
    readonly attempt: number;
    /** Why the attempt failed: a read conflict at commit, or endorsements that disagreed. */
    readonly reason: RetryReason;
    /** For read conflicts: the validation code, 11 (MVCC_READ_CONFLICT) or 12 (PHANTOM_READ_CONFLICT). */
    readonly validationCode?: number;
}

export interface InvokerOptions {
    readonly retry: RetryOptions;
    /** Called before each re-proposal after MVCC_READ_CONFLICT or PHANTOM_READ_CONFLICT (for logs and metrics). */
    readonly onRetry?: (notice: RetryNotice) => void;
    /** Resends of one signed transaction after SubmitError, and re-queries after CommitStatusError. */
    readonly resendAttempts: number;
    readonly sleep: (ms: number) => Promise<void>;
    readonly random: () => number;
}

const retriedCodes: ReadonlySet<number> = new Set([
    validationCodes.MVCC_READ_CONFLICT,
    validationCodes.PHANTOM_READ_CONFLICT,
]);

export class TransactionInvoker {
    readonly #port: GatewayPort;
    readonly #options: InvokerOptions;

    constructor(port: GatewayPort, options: Partial<InvokerOptions> = {}) {
        this.#port = port;
        this.#options = {
            retry: options.retry ?? defaultRetryOptions,
            resendAttempts: options.resendAttempts ?? 3,
            sleep: options.sleep ?? sleep,
            random: options.random ?? Math.random,
            ...(options.onRetry !== undefined ? { onRetry: options.onRetry } : {}),
        };
    }

    evaluate(request: CallRequest): Promise<Uint8Array> {
        return this.#port.evaluate(request);
    }

    async submit(request: SubmitRequest): Promise<SubmitResult> {
        const maxAttempts = request.retryOnConflict ? this.#options.retry.maxAttempts : 1;
        for (let attempt = 1; ; attempt++) {
            let endorsed: Endorsed;
            try {
                endorsed = await this.#port.endorse(request);
            } catch (error) {
                // Nothing was ordered, so proposing again on fresh state is as safe as after a read conflict.
                if (!isEndorsementMismatch(error)) {
                    throw error;
                }
                if (attempt >= maxAttempts) {
                    throw attempt > 1 ? gaveUp(error, attempt, 'proposals') : error;
                }
                await this.#beforeRetry(request, attempt, error.transactionId, 'ENDORSEMENT_MISMATCH');
                continue;
            }
            const submitted = await this.#submitOnce(endorsed);
            const status = await this.#statusOf(submitted);
            if (status.successful) {
                return {
                    transactionId: endorsed.transactionId,
                    blockNumber: status.blockNumber,
                    result: endorsed.result,
                    attempts: attempt,
                };
            }
            const retryable = retriedCodes.has(status.code) && attempt < maxAttempts;
            const codeName = validationCodeName(status.code);
            if (!retryable) {
                throw new CommitError({
                    message: `transaction ${endorsed.transactionId} (${request.contract}:${request.transaction}) failed to commit: ${codeName}${attempt > 1 ? ` (gave up after ${attempt} proposals)` : ''}`,
                    transactionId: endorsed.transactionId,
                    code: status.code,
                    codeName,
                    blockNumber: status.blockNumber,
                });
            }
            const reason =
                status.code === validationCodes.MVCC_READ_CONFLICT ? 'MVCC_READ_CONFLICT' : 'PHANTOM_READ_CONFLICT';
            await this.#beforeRetry(request, attempt, endorsed.transactionId, reason, status.code);
        }
    }

    async #beforeRetry(
        request: SubmitRequest,
        attempt: number,
        transactionId: string,
        reason: RetryReason,
        validationCode?: number,
    ): Promise<void> {
        this.#options.onRetry?.({
            contract: request.contract,
            transaction: request.transaction,
            transactionId,
            attempt,
            reason,
            ...(validationCode !== undefined ? { validationCode } : {}),
        });
        await this.#options.sleep(backoffDelay(this.#options.retry, attempt, this.#options.random));
    }

    /** Submits the same signed transaction again after a transport failure; a duplicate is reported at commit. */
    async #submitOnce(endorsed: Endorsed): Promise<Submitted> {
        return this.#withResends(() => endorsed.submit(), SubmitError);
    }

    async #statusOf(submitted: Submitted): Promise<CommitStatus> {
        return this.#withResends(() => submitted.status(), CommitStatusError);
    }

    async #withResends<T>(
        call: () => Promise<T>,
        ErrorClass: typeof SubmitError | typeof CommitStatusError,
    ): Promise<T> {
        for (let attempt = 1; ; attempt++) {
            try {
                return await call();
            } catch (error) {
                if (!(error instanceof ErrorClass)) {
                    throw error;
                }
                if (attempt >= this.#options.resendAttempts) {
                    throw attempt > 1 ? gaveUp(error, attempt, 'attempts') : error;
                }
                await this.#options.sleep(backoffDelay(this.#options.retry, attempt, this.#options.random));
            }
        }
    }
}

/** The gateway's refusal when endorsing peers returned different results (Fabric: "ProposalResponsePayloads do not match"). */
function isEndorsementMismatch(error: unknown): error is EndorseError {
    if (!(error instanceof EndorseError)) {
        return false;
    }
    const texts = [error.message, ...error.details.map((detail) => detail.message)];
    return texts.some((text) => text.includes('ProposalResponsePayloads do not match'));
}

/** The same stage error, its message saying how often it was tried; the last failure is its cause. */
function gaveUp<E extends EndorseError | SubmitError | CommitStatusError>(error: E, attempts: number, what: string): E {
    const ErrorClass = error.constructor as new (properties: TransactionGatewayErrorProperties) => E;
    return new ErrorClass({
        message: `${error.message} (gave up after ${attempts} ${what})`,
        transactionId: error.transactionId,
        code: error.code,
        details: error.details,
        cause: error,
    });
}

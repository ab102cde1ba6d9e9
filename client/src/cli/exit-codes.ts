// Exit codes that let scripts tell a usage mistake, a refused transaction and an unreachable network apart.
import { status as grpcStatus } from '@grpc/grpc-js';
import { BiaError, ChaincodeError, CommitError, GatewayError } from '../errors';
import { ConnectionProfileError } from '../connection/profile';
import { UsageError } from './arguments';

export const exitCodes = {
    ok: 0,
    failure: 1,
    usage: 2,
    rejected: 3,
    unreachable: 4,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

const unreachableGrpcCodes: ReadonlySet<number> = new Set([grpcStatus.UNAVAILABLE, grpcStatus.DEADLINE_EXCEEDED]);

/** A peer's wording when the chaincode itself failed the proposal (not a BIA_ERROR, e.g. an unknown function). */
const chaincodeResponse = /chaincode response \d+/;

/** The exit code for a failure. A missing or wrong connection file counts as a usage error (a bad --org). */
export function exitCodeFor(error: unknown): ExitCode {
    if (error instanceof UsageError || error instanceof ConnectionProfileError) {
        return exitCodes.usage;
    }
    if (error instanceof ChaincodeError || error instanceof CommitError) {
        return exitCodes.rejected;
    }
    if (error instanceof GatewayError) {
        if (unreachableGrpcCodes.has(error.code)) {
            return exitCodes.unreachable;
        }
        const texts = [error.message, ...error.details.map((d) => d.message)];
        if (texts.some((text) => chaincodeResponse.test(text))) {
            return exitCodes.rejected;
        }
    }
    return exitCodes.failure;
}

/** What a failure looks like on stderr: one line for people, or a JSON object for scripts. */
export function describeError(error: unknown, json: boolean): string {
    if (json) {
        return JSON.stringify({ error: errorFields(error) });
    }
    if (error instanceof ChaincodeError) {
        const details = Object.entries(error.details).map(([key, value]) => `  ${key}: ${JSON.stringify(value)}`);
        return [`refused (${error.code}): ${error.reason}`, ...details].join('\n');
    }
    if (error instanceof CommitError) {
        return `not committed (${error.codeName}): transaction ${error.transactionId}`;
    }
    return `error: ${error instanceof Error ? error.message : String(error)}`;
}

function errorFields(error: unknown): Record<string, unknown> {
    if (!(error instanceof Error)) {
        return { message: String(error) };
    }
    const fields: Record<string, unknown> = { name: error.name, message: error.message };
    if (error instanceof BiaError) {
        Object.assign(fields, { stage: error.stage, transactionId: error.transactionId });
    }
    if (error instanceof ChaincodeError) {
        Object.assign(fields, { code: error.code, reason: error.reason, details: error.details });
    }
    if (error instanceof GatewayError) {
        Object.assign(fields, { code: error.code, details: error.details });
    }
    if (error instanceof CommitError) {
        Object.assign(fields, { code: error.code, codeName: error.codeName, blockNumber: String(error.blockNumber) });
    }
    return fields;
}

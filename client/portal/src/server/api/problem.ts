// Errors as RFC 9457 problem details (application/problem+json). A transaction the chaincode refuses is the caller's
// problem (4xx) carrying the chaincode's own code, the rule in its words and the field it names; only failures of
// the portal or the network are 5xx.
import {
    BiaError,
    ChaincodeError,
    CommitError,
    ConflictError,
    GatewayError,
    InvalidStateError,
    NotFoundError,
    UnauthorizedError,
    ValidationError,
} from '@bia/client';

export const problemContentType = 'application/problem+json';

export interface Problem {
    /** A URI naming the kind of problem; relative to the portal's own API documentation. */
    readonly type: string;
    readonly title: string;
    readonly status: number;
    readonly detail: string;
    /** The chaincode's error code (VALIDATION, UNAUTHORIZED, ...) or the portal's own (SESSION, CSRF, ...). */
    readonly code: string;
    /** The field the problem is about, when one is named. */
    readonly field?: string;
    readonly transactionId?: string;
    readonly details?: Readonly<Record<string, unknown>>;
}

export class PortalProblem extends Error {
    readonly problem: Problem;
    constructor(problem: Omit<Problem, 'type'> & { readonly type?: string }) {
        super(problem.detail);
        this.name = 'PortalProblem';
        this.problem = { type: problem.type ?? `/api/problems/${problem.code.toLowerCase()}`, ...problem };
    }
}

const chaincodeStatus: ReadonlyArray<readonly [new (...args: never[]) => ChaincodeError, number, string]> = [
    [ValidationError, 400, 'The request breaks a rule of the chaincode'],
    [UnauthorizedError, 403, 'The chaincode refused this identity'],
    [NotFoundError, 404, 'No such record on the ledger'],
    [ConflictError, 409, 'The record exists already'],
    [InvalidStateError, 409, "The record's status does not allow this"],
];

function fieldOf(details: Readonly<Record<string, unknown>>): string | undefined {
    const field = details.field;
    return typeof field === 'string' ? field : undefined;
}

/** The problem document for any error a route handler throws. */
export function problemFor(error: unknown): Problem {
    if (error instanceof PortalProblem) {
        return error.problem;
    }
    const validation = fastifyValidation(error);
    if (validation !== undefined) {
        return validation;
    }
    if (error instanceof ChaincodeError) {
        const [, status, title] = chaincodeStatus.find(([kind]) => error instanceof kind) ?? [
            ChaincodeError,
            400,
            'The chaincode refused the transaction',
        ];
        const field = fieldOf(error.details);
        return {
            type: `/api/problems/${error.code.toLowerCase()}`,
            title,
            status,
            detail: error.reason,
            code: error.code,
            ...(field === undefined ? {} : { field }),
            ...(error.transactionId === undefined ? {} : { transactionId: error.transactionId }),
            details: error.details,
        };
    }
    if (error instanceof CommitError) {
        return {
            type: `/api/problems/commit`,
            title: 'The transaction was ordered but not valid',
            status: 409,
            detail: error.message,
            code: error.codeName,
            transactionId: error.transactionId,
        };
    }
    if (error instanceof GatewayError) {
        // gRPC UNAVAILABLE (14) and DEADLINE_EXCEEDED (4): the peer could not be reached or did not answer in time.
        const unreachable = error.code === 14 || error.code === 4;
        return {
            type: '/api/problems/network',
            title: unreachable ? 'The network did not answer' : 'The network refused the request',
            status: unreachable ? 503 : 502,
            detail: error.message,
            code: unreachable ? 'UNAVAILABLE' : 'GATEWAY',
            ...(error.transactionId === undefined ? {} : { transactionId: error.transactionId }),
        };
    }
    if (error instanceof BiaError) {
        return {
            type: '/api/problems/network',
            title: 'The network request failed',
            status: 502,
            detail: error.message,
            code: 'GATEWAY',
        };
    }
    return {
        type: '/api/problems/internal',
        title: 'The portal failed',
        status: 500,
        detail: 'An internal error occurred; the portal log has the details',
        code: 'INTERNAL',
    };
}

interface FastifyValidationError {
    readonly validation: ReadonlyArray<{ instancePath: string; message?: string; params?: Record<string, unknown> }>;
    readonly validationContext?: string;
}

/** Fastify's own request validation (the route schemas): a 400 naming the first field that is wrong. */
function fastifyValidation(error: unknown): Problem | undefined {
    if (typeof error !== 'object' || error === null || !('validation' in error)) {
        return undefined;
    }
    const { validation, validationContext = 'body' } = error as FastifyValidationError;
    const first = validation[0];
    const extra = first?.params?.additionalProperty;
    const path = (first?.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
    const field = [validationContext, path, typeof extra === 'string' ? extra : '']
        .filter((part) => part !== '')
        .join('.');
    const rule = typeof extra === 'string' ? 'is not allowed' : (first?.message ?? 'is invalid');
    return {
        type: '/api/problems/validation',
        title: 'The request is not valid',
        status: 400,
        detail: `${field} ${rule}`,
        code: 'VALIDATION',
        field,
    };
}

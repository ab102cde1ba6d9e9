// Errors that cross the chaincode boundary in the one format @bia/model defines (BIA_ERROR + JSON).
import { type ErrorCode, type ErrorDetails, encodeChaincodeError } from '@bia/model';

export class ChaincodeError extends Error {
    readonly code: ErrorCode;
    readonly details: ErrorDetails;
    readonly reason: string;

    constructor(code: ErrorCode, reason: string, details: ErrorDetails = {}) {
        super(encodeChaincodeError({ code, message: reason, details }));
        this.name = 'ChaincodeError';
        this.code = code;
        this.reason = reason;
        this.details = details;
    }
}

/** Bad input: names the field (a JSON path such as `application.contact.email`) and the rule it broke. */
export function validationError(field: string, rule: string): ChaincodeError {
    return new ChaincodeError('VALIDATION', `${field}: ${rule}`, { field, rule });
}

export function unauthorizedError(rule: string, details: ErrorDetails = {}): ChaincodeError {
    return new ChaincodeError('UNAUTHORIZED', rule, details);
}

export function notFoundError(recordType: string, id: string): ChaincodeError {
    return new ChaincodeError('NOT_FOUND', `${recordType} ${id} does not exist`, { recordType, id });
}

export function conflictError(recordType: string, id: string): ChaincodeError {
    return new ChaincodeError('CONFLICT', `${recordType} ${id} already exists`, { recordType, id });
}

export function invalidStateError(rule: string, details: ErrorDetails = {}): ChaincodeError {
    return new ChaincodeError('INVALID_STATE', rule, details);
}

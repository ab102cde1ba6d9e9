// Names a failed transaction the way the report counts it: the validation code when it was committed invalid,
// else the stage or chaincode error code.
import { peer } from '@hyperledger/fabric-protos';
import { BiaError, ChaincodeError, CommitError } from '@bia/client';

const codeNames = new Map<number, string>(Object.entries(peer.TxValidationCode).map(([name, code]) => [code, name]));

export function validationCodeName(code: number): string {
    return codeNames.get(code) ?? `VALIDATION_CODE_${code}`;
}

/** A raw fabric-gateway transaction that committed with a validation code other than VALID. */
export class InvalidTransactionError extends Error {
    readonly validationCode: number;

    constructor(transactionId: string, validationCode: number) {
        super(`transaction ${transactionId} committed as ${validationCodeName(validationCode)}`);
        this.name = 'InvalidTransactionError';
        this.validationCode = validationCode;
    }
}

export function failureLabel(error: unknown): string {
    if (error instanceof CommitError) {
        return error.codeName;
    }
    if (error instanceof InvalidTransactionError) {
        return validationCodeName(error.validationCode);
    }
    if (error instanceof ChaincodeError) {
        return `chaincode ${error.code}`;
    }
    if (error instanceof BiaError) {
        return error.name;
    }
    return error instanceof Error ? error.name : 'unknown';
}

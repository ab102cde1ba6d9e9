// Errors the runtime raises; messages follow the peer's (core/chaincode/chaincode_support.go, handler.go).

/** A chaincode execution that produced no peer.Response: timeout, lost stream, ERROR reply, chaincode not running. */
export class ChaincodeExecutionError extends Error {
    readonly txId: string;

    constructor(properties: { readonly message: string; readonly txId: string }) {
        super(properties.message);
        this.name = 'ChaincodeExecutionError';
        this.txId = properties.txId;
    }
}

/** The peer's wording for a failure before the chaincode answered. */
export function executionFailure(txId: string, reason: string): ChaincodeExecutionError {
    return new ChaincodeExecutionError({
        txId,
        message: `failed to execute transaction ${txId}: error sending: ${reason}`,
    });
}

export const STREAM_TERMINATED = 'chaincode stream terminated';
export const EXECUTION_TIMEOUT = 'timeout expired while executing transaction';

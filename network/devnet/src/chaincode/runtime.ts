// The seam between the endorser (gateway/) and running chaincode (chaincode/).
import type { Simulation } from '../ledger/simulation';

export interface ExecuteRequest {
    readonly channel: string;
    readonly txId: string;
    /** peer.SignedProposal bytes, passed to the chaincode as Fabric does (the shim reads creator, transient data, timestamp from it). */
    readonly signedProposal: Uint8Array;
    /** peer.ChaincodeInput bytes from the proposal payload. */
    readonly input: Uint8Array;
}

export interface ChaincodeEventRecord {
    readonly chaincodeId: string;
    readonly txId: string;
    readonly eventName: string;
    readonly payload: Uint8Array;
}

export interface ExecuteResult {
    /** peer.Response: status 200 on success; 500 with the chaincode's message on error. */
    readonly response: { readonly status: number; readonly message: string; readonly payload: Uint8Array };
    readonly event?: ChaincodeEventRecord;
}

export interface ChaincodeRuntime {
    /** Resolves when the named chaincode is connected and ready, or rejects after timeoutMs. */
    waitReady(chaincodeName: string, timeoutMs: number): Promise<void>;
    execute(chaincodeName: string, request: ExecuteRequest, simulation: Simulation): Promise<ExecuteResult>;
    close(): Promise<void>;
}

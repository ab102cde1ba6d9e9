// The narrow seam between the typed client and @hyperledger/fabric-gateway: the invoker's logic
// (retries, stages) is tested against doubles of these interfaces.

export interface CallRequest {
    readonly contract: string;
    readonly transaction: string;
    readonly args: readonly string[];
    readonly transient?: Readonly<Record<string, Uint8Array>>;
    /** MSP IDs that must endorse; by default the gateway works them out from the policies. */
    readonly endorsingOrganizations?: readonly string[];
}

export interface CommitStatus {
    readonly code: number;
    readonly successful: boolean;
    readonly blockNumber: bigint;
}

export interface Submitted {
    readonly transactionId: string;
    /** Asks the gateway for the commit status; safe to call again after a CommitStatusError. */
    status(): Promise<CommitStatus>;
}

export interface Endorsed {
    readonly transactionId: string;
    readonly result: Uint8Array;
    /** Sends the signed transaction to the orderer; safe to call again after a SubmitError (same transaction). */
    submit(): Promise<Submitted>;
}

export interface GatewayPort {
    evaluate(request: CallRequest): Promise<Uint8Array>;
    endorse(request: CallRequest): Promise<Endorsed>;
}

// Seams between the gateway's endorsers and the ledger / identities they use; devnet.ts adapts the real modules.
import type { Simulation } from '../ledger/simulation';

export interface PeerSigner {
    readonly mspId: string;
    /** msp.SerializedIdentity bytes of the peer. */
    readonly serializedIdentity: Uint8Array;
    /** ECDSA signature (DER, low-S) over the SHA-256 of message. */
    sign(message: Uint8Array): Uint8Array;
}

export interface SimulationContext {
    readonly channel: string;
    readonly txId: string;
    readonly namespace: string;
    /** MSP ID of the proposal's creator (for memberOnlyRead/Write). */
    readonly creatorMspId: string;
    /** MSP ID of the endorsing peer (private data is only readable at member orgs). */
    readonly peerMspId: string;
}

/** Why a simulation runs: an endorsement keeps private writes (Fabric's transient store) for the commit. */
export type SimulationPurpose = 'evaluate' | 'endorse';

export interface EndorsementSimulation extends Simulation {
    /**
     * Ends the simulation (releasing its open queries); results are rwset.TxReadWriteSet bytes.
     * succeeded: whether the chaincode succeeded, so that an endorsement's private writes are worth keeping.
     */
    done(succeeded: boolean): { readonly results: Uint8Array };
}

export interface EndorserLedger {
    hasTx(txId: string): Promise<boolean>;
    newSimulation(context: SimulationContext, purpose: SimulationPurpose): EndorsementSimulation;
}

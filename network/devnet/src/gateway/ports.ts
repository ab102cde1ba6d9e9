// The gateway's own seam (the peer's signing identity); the ledger seams it shares with the committer live in ../ports.
export type { EndorsementSimulation, EndorserLedger, SimulationContext, SimulationPurpose } from '../ports';

export interface PeerSigner {
    readonly mspId: string;
    /** msp.SerializedIdentity bytes of the peer. */
    readonly serializedIdentity: Uint8Array;
    /** ECDSA signature (DER, low-S) over the SHA-256 of message. */
    sign(message: Uint8Array): Uint8Array;
}

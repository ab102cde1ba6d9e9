// Identities and policy checks as the devnet's layers see them; crypto/ and policy/ implement them, tests use doubles.

/** An identity the MSP has deserialized and validated. */
export interface Identity {
    readonly mspId: string;
}

export interface Msp<I extends Identity> {
    /** Deserializes and validates an msp.SerializedIdentity; throws with the MSP's message when it is not acceptable. */
    deserialize(serializedIdentity: Uint8Array): I;
    /** ECDSA verification as Fabric does it (SHA-256 digest, low-S only). */
    verifySignature(identity: I, message: Uint8Array, signature: Uint8Array): boolean;
    /** The channel's MSP IDs. */
    mspIds(): string[];
}

/** True when the signers' identities satisfy a policy. */
export type PolicyCheck<I> = (signers: readonly I[]) => boolean;

// The errors an MSP raises, worded as Fabric's msp package words them so logs and messages read like a real peer's.

/**
 * Which check failed: 'deserialize' (Fabric's "MSP error": unknown MSP ID, not a SerializedIdentity, not a PEM
 * certificate), 'validate' ("creator certificate is not valid": CA, expiry, chain, NodeOU) or 'signature'.
 */
export type MspErrorKind = 'deserialize' | 'validate' | 'signature';

export class MspError extends Error {
    readonly kind: MspErrorKind;
    /** The MSP ID the identity claimed, when it could be read. */
    readonly mspId: string | undefined;

    constructor(properties: { kind: MspErrorKind; message: string; mspId?: string; cause?: unknown }) {
        super(properties.message, { cause: properties.cause });
        this.name = 'MspError';
        this.kind = properties.kind;
        this.mspId = properties.mspId;
    }
}

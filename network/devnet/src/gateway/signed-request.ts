// The channel Readers check Fabric applies to signed CommitStatus and ChaincodeEvents requests.
import type { Identity, Msp } from '../ports';

const READERS_POLICY = '/Channel/Application/Readers';

export interface SignedRequestCheck<I extends Identity> {
    readonly channel: string;
    readonly msp: Msp<I>;
    /** MSP IDs of the channel's application organisations (the Readers). */
    readonly readerMspIds: readonly string[];
}

/** Undefined when the request may be served, otherwise the message of Fabric's PermissionDenied error. */
export function checkReaders<I extends Identity>(
    check: SignedRequestCheck<I>,
    request: {
        readonly channel: string;
        readonly identity: Uint8Array;
        readonly data: Uint8Array;
        readonly signature: Uint8Array;
    },
): string | undefined {
    if (request.channel !== check.channel) {
        return `Failed to get policy manager for channel [${request.channel}]`;
    }
    const denied = `Failed evaluating policy on signed data during check policy on channel [${check.channel}] with policy [${READERS_POLICY}]: [implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Readers' sub-policies to be satisfied]`;
    try {
        const identity = check.msp.deserialize(request.identity);
        const valid =
            check.readerMspIds.includes(identity.mspId) &&
            check.msp.verifySignature(identity, request.data, request.signature);
        return valid ? undefined : denied;
    } catch {
        return denied;
    }
}

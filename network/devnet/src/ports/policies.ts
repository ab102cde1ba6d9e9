// The channel's policies as the committer (validation), the gateway (endorsement planning) and the deliver
// service (private data eligibility) consult them.
import type { PolicyCheck } from './identity';

export interface CollectionInfo<I> {
    readonly name: string;
    readonly memberMspIds: readonly string[];
    /** A collection-level endorsement policy replaces the chaincode's for writes to that collection. */
    readonly endorsementPolicy?: PolicyCheck<I>;
    /** Only identities satisfying the member policy may read (also decides who gets it from Deliver). */
    readonly memberOnlyRead?: boolean;
    /** The collection's member organisations policy (memberOrgsPolicy), evaluated for one signer. */
    readonly memberPolicy?: PolicyCheck<I>;
    /** Blocks the private data lives after the block that committed it; 0 = forever. */
    readonly blockToLive?: number;
    /** An implicit per-organisation collection (_implicit_org_<MSPID>), which has no entry in the collection config. */
    readonly implicit?: boolean;
}

export interface ChannelPolicies<I> {
    /** Undefined when no chaincode of that name is defined on the channel. */
    chaincodePolicy(chaincode: string): PolicyCheck<I> | undefined;
    /** A key-level (state-based) policy from VALIDATION_PARAMETER metadata bytes. */
    keyPolicy(validationParameter: Uint8Array): PolicyCheck<I>;
    collection(chaincode: string, collection: string): CollectionInfo<I> | undefined;
}

// The channel's policies for the devnet's chaincodes: each chaincode's endorsement policy, key-level policies
// from validation parameters, and private data collections, evaluated with the policy module's Fabric semantics.
import { readFile } from 'node:fs/promises';
import type { MspRegistry, VerifiedIdentity } from '../crypto';
import {
    collectionMemberMspIds,
    decodeSignaturePolicy,
    parseCollectionsConfig,
    parseEndorsementPolicy,
    policySatisfied,
    type CollectionDefinition,
    type EndorsementPolicy,
    type PolicyIdentity,
} from '../policy';
import type { Topology } from '../topology';
import type { ChannelPolicies, CollectionInfo, PolicyCheck } from '../ports';

export interface ChaincodePolicySource {
    readonly name: string;
    readonly endorsementPolicy?: string;
    /** Path of a collections config file. */
    readonly collectionsConfig?: string;
}

export interface DevnetChannelPolicies<I extends PolicyIdentity = VerifiedIdentity> extends ChannelPolicies<I> {
    /** The parsed collection definitions of a chaincode (for the ledger's private data handling). */
    collectionDefinitions(chaincode: string): readonly CollectionDefinition[];
}

export async function newChannelPolicies(options: {
    readonly topology: Topology;
    readonly msp: MspRegistry;
    readonly chaincodes: readonly ChaincodePolicySource[];
}): Promise<DevnetChannelPolicies> {
    const collectionsConfigs = new Map<string, string>();
    for (const chaincode of options.chaincodes) {
        if (chaincode.collectionsConfig !== undefined) {
            collectionsConfigs.set(chaincode.name, await readFile(chaincode.collectionsConfig, 'utf8'));
        }
    }
    return channelPolicies<VerifiedIdentity>({ ...options, collectionsConfigs });
}

/** The same policies over any kind of identity (the in-memory test channel evaluates them on peers' MSP and role). */
export function channelPolicies<I extends PolicyIdentity>(options: {
    readonly topology: Pick<Topology, 'endorsementPolicy'>;
    readonly msp: Pick<MspRegistry, 'applicationMspIds'>;
    readonly chaincodes: readonly Omit<ChaincodePolicySource, 'collectionsConfig'>[];
    /** Chaincode name → the text of its collections config. */
    readonly collectionsConfigs: ReadonlyMap<string, string>;
}): DevnetChannelPolicies<I> {
    const applicationMspIds = options.msp.applicationMspIds();
    const check =
        (policy: EndorsementPolicy | ReturnType<typeof decodeSignaturePolicy>): PolicyCheck<I> =>
        (signers) =>
            policySatisfied(policy, signers, applicationMspIds);

    const chaincodePolicies = new Map<string, PolicyCheck<I>>();
    const collections = new Map<string, readonly CollectionDefinition[]>();
    for (const chaincode of options.chaincodes) {
        chaincodePolicies.set(
            chaincode.name,
            check(parseEndorsementPolicy(chaincode.endorsementPolicy ?? options.topology.endorsementPolicy)),
        );
        collections.set(chaincode.name, parseCollectionsConfig(options.collectionsConfigs.get(chaincode.name) ?? '[]'));
    }

    return {
        chaincodePolicy: (chaincode) => chaincodePolicies.get(chaincode),
        keyPolicy: (validationParameter) => {
            try {
                return check(decodeSignaturePolicy(validationParameter));
            } catch {
                // A parameter that is not a policy can never be satisfied.
                return () => false;
            }
        },
        collection: (chaincode, name): CollectionInfo<I> | undefined => {
            const definition = collections.get(chaincode)?.find((candidate) => candidate.name === name);
            if (definition) {
                return {
                    name,
                    memberMspIds: collectionMemberMspIds(definition),
                    ...(definition.endorsementPolicy ? { endorsementPolicy: check(definition.endorsementPolicy) } : {}),
                    memberOnlyRead: definition.memberOnlyRead,
                    memberPolicy: check(definition.memberPolicy),
                    blockToLive: definition.blockToLive,
                };
            }
            // Implicit per-organisation collections: _implicit_org_<MSPID>, never purged.
            const implicitMspId = name.startsWith('_implicit_org_') ? name.slice('_implicit_org_'.length) : undefined;
            return implicitMspId !== undefined && applicationMspIds.includes(implicitMspId)
                ? { name, memberMspIds: [implicitMspId], implicit: true, blockToLive: 0 }
                : undefined;
        },
        collectionDefinitions: (chaincode) => collections.get(chaincode) ?? [],
    };
}

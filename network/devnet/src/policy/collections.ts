// Private data collection definitions, read from the JSON file `peer lifecycle chaincode approveformyorg
// --collections-config` takes, validated as the CLI and the lifecycle chaincode validate them.
import type { common } from '@hyperledger/fabric-protos';

import { type EndorsementPolicy, parseEndorsementPolicy, parseSignaturePolicy } from './dsl';
import { PolicyError } from './policy-error';
import { decodePrincipal } from './principals';

export interface CollectionDefinition {
    readonly name: string;
    /** The member policy as written, e.g. "OR('Org1MSP.member', 'Org2MSP.member')". */
    readonly policy: string;
    readonly memberPolicy: common.SignaturePolicyEnvelope;
    readonly requiredPeerCount: number;
    readonly maxPeerCount: number;
    /** Blocks after which private data is purged; 0 keeps it forever. */
    readonly blockToLive: number;
    readonly memberOnlyRead: boolean;
    readonly memberOnlyWrite: boolean;
    /** The collection's own endorsement policy, replacing the chaincode's for writes to this collection. */
    readonly endorsementPolicy?: EndorsementPolicy;
}

const collectionNamePattern = /^[A-Za-z0-9-]+([A-Za-z0-9_-]+)*$/;
const int32Max = 2 ** 31 - 1;

/**
 * Parses and validates a collections config: a JSON array of
 * `{ name, policy, requiredPeerCount?, maxPeerCount?, blockToLive?, memberOnlyRead?, memberOnlyWrite?, endorsementPolicy? }`.
 * @throws PolicyError naming the collection and the field at fault.
 */
export function parseCollectionsConfig(json: string): CollectionDefinition[] {
    let parsed: unknown;
    try {
        parsed = JSON.parse(json);
    } catch (err) {
        throw new PolicyError(`could not parse the collection configuration: ${(err as Error).message}`, {
            cause: err,
        });
    }
    if (!Array.isArray(parsed)) {
        throw new PolicyError('could not parse the collection configuration: expected a JSON array of collections');
    }
    const names = new Set<string>();
    return parsed.map((entry: unknown, index) => {
        const definition = parseCollection(entry, index);
        if (names.has(definition.name)) {
            throw new PolicyError(`collection-name: ${definition.name} -- found duplicate in collection configuration`);
        }
        names.add(definition.name);
        return definition;
    });
}

/** The MSP IDs named in the collection's member policy, in the order of the policy's identities, without repeats. */
export function collectionMemberMspIds(definition: CollectionDefinition): string[] {
    const mspIds = definition.memberPolicy
        .getIdentitiesList()
        .map(decodePrincipal)
        .flatMap((principal) => (principal.kind === 'role' ? [principal.mspId] : []));
    return [...new Set(mspIds)];
}

function parseCollection(entry: unknown, index: number): CollectionDefinition {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
        throw new PolicyError(`collection at index ${index}: expected an object`);
    }
    const fields = entry as Record<string, unknown>;
    const name = fields.name;
    if (typeof name !== 'string' || !collectionNamePattern.test(name)) {
        throw new PolicyError(
            `collection at index ${index}: invalid collection name '${String(name)}'. Names can only consist of alphanumerics, '_', and '-' and cannot begin with '_'`,
        );
    }
    const field = new FieldReader(name, fields);
    const policy = field.string('policy');
    const memberPolicy = field.policy('policy', () => parseSignaturePolicy(policy));
    requireOrConcatenation(name, memberPolicy.getRule());
    const requiredPeerCount = field.integer('requiredPeerCount', 0, int32Max, 0);
    const maxPeerCount = field.integer('maxPeerCount', 0, int32Max, 1);
    if (maxPeerCount < requiredPeerCount) {
        throw new PolicyError(
            `collection-name: ${name} -- maximum peer count (${maxPeerCount}) cannot be less than the required peer count (${requiredPeerCount})`,
        );
    }
    const endorsementPolicy = field.endorsementPolicy();
    return {
        name,
        policy,
        memberPolicy,
        requiredPeerCount,
        maxPeerCount,
        blockToLive: field.integer('blockToLive', 0, Number.MAX_SAFE_INTEGER, 0),
        memberOnlyRead: field.boolean('memberOnlyRead'),
        memberOnlyWrite: field.boolean('memberOnlyWrite'),
        ...(endorsementPolicy ? { endorsementPolicy } : {}),
    };
}

class FieldReader {
    readonly #collection: string;
    readonly #fields: Record<string, unknown>;

    constructor(collection: string, fields: Record<string, unknown>) {
        this.#collection = collection;
        this.#fields = fields;
    }

    string(key: string): string {
        const value = this.#fields[key];
        if (typeof value !== 'string' || value.trim() === '') {
            throw this.#error(key, 'must be a non-empty string');
        }
        return value;
    }

    integer(key: string, min: number, max: number, fallback: number): number {
        const value = this.#fields[key];
        if (value === undefined || value === null) {
            return fallback;
        }
        if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
            throw this.#error(key, `must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
        }
        return value;
    }

    boolean(key: string): boolean {
        const value = this.#fields[key];
        if (value === undefined || value === null) {
            return false;
        }
        if (typeof value !== 'boolean') {
            throw this.#error(key, `must be true or false, got ${JSON.stringify(value)}`);
        }
        return value;
    }

    policy<T>(key: string, parse: () => T): T {
        try {
            return parse();
        } catch (err) {
            throw this.#error(key, `is invalid: ${(err as Error).message}`);
        }
    }

    /** endorsementPolicy: { signaturePolicy } or { channelConfigPolicy }, not both. */
    endorsementPolicy(): EndorsementPolicy | undefined {
        const value = this.#fields.endorsementPolicy;
        if (value === undefined || value === null) {
            return undefined;
        }
        if (typeof value !== 'object' || Array.isArray(value)) {
            throw this.#error('endorsementPolicy', 'must be an object with signaturePolicy or channelConfigPolicy');
        }
        const { signaturePolicy, channelConfigPolicy } = value as Record<string, unknown>;
        const signature = optionalString(signaturePolicy);
        const channel = optionalString(channelConfigPolicy);
        if (signature === false || channel === false) {
            throw this.#error('endorsementPolicy', 'signaturePolicy and channelConfigPolicy must be strings');
        }
        if (signature && channel) {
            throw this.#error('endorsementPolicy', 'cannot specify both signaturePolicy and channelConfigPolicy');
        }
        if (signature) {
            return this.policy('endorsementPolicy.signaturePolicy', () => ({
                kind: 'signature' as const,
                envelope: parseSignaturePolicy(signature),
            }));
        }
        if (channel) {
            return this.policy('endorsementPolicy.channelConfigPolicy', () => {
                const parsed = parseEndorsementPolicy(channel);
                if (parsed.kind !== 'implicitMeta' || parsed.reference === undefined) {
                    throw new PolicyError(
                        `'${channel}' is not a channel policy reference such as /Channel/Application/Endorsement`,
                    );
                }
                return parsed;
            });
        }
        return undefined;
    }

    #error(key: string, problem: string): PolicyError {
        return new PolicyError(`collection-name: ${this.#collection} -- ${key} ${problem}`);
    }
}

/** undefined or '' when absent, the string when present, false when of the wrong type. */
function optionalString(value: unknown): string | undefined | false {
    if (value === undefined || value === null || value === '') {
        return undefined;
    }
    return typeof value === 'string' ? value : false;
}

/** Fabric requires a member policy to be an OR of principals, so it names who may hold the data. */
function requireOrConcatenation(collection: string, rule: common.SignaturePolicy | undefined): void {
    const gate = rule?.getNOutOf();
    if (!gate) {
        return;
    }
    if (gate.getN() !== 1) {
        throw new PolicyError(
            `collection-name: ${collection} -- error in member org policy: signature policy is not an OR concatenation, NOutOf ${gate.getN()}`,
        );
    }
    for (const nested of gate.getRulesList()) {
        requireOrConcatenation(collection, nested);
    }
}

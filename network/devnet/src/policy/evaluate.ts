// Policy evaluation with Fabric's semantics (common/cauthdsl, common/policies/implicitmeta.go): identities are
// deduplicated, each signature counts once within a gate, and gates are evaluated greedily in rule order.
import { common } from '@hyperledger/fabric-protos';

import type { Role } from '../crypto/msp';
import type { EndorsementPolicy } from './dsl';
import { implicitMetaThreshold, organizationPolicyRoles } from './implicit-meta';
import { PolicyError } from './policy-error';
import { type DecodedPrincipal, decodePrincipal } from './principals';

type SignaturePolicyEnvelope = common.SignaturePolicyEnvelope;

/** What evaluation needs of a signer; a VerifiedIdentity is one. */
export interface PolicyIdentity {
    readonly mspId: string;
    readonly role: Role;
    /** msp.SerializedIdentity bytes: used to count one identity once, and to match IDENTITY principals. */
    readonly serialized?: Uint8Array;
}

type CompiledRule = (signers: readonly PolicyIdentity[], used: boolean[]) => boolean;

/** The largest number of organisations orgsSatisfying enumerates combinations of. */
const maxCandidateOrganizations = 16;

/**
 * Whether the signers satisfy the policy.
 * @param allMspIds the channel's application organisations, over which implicit meta policies range.
 * @throws PolicyError for a malformed envelope (no rule, a SignedBy index out of range).
 */
export function policySatisfied(
    policy: EndorsementPolicy | SignaturePolicyEnvelope,
    signers: readonly PolicyIdentity[],
    allMspIds: readonly string[],
): boolean {
    const unique = deduplicate(signers);
    if (!isEndorsementPolicy(policy)) {
        return evaluateEnvelope(policy, unique);
    }
    if (policy.kind === 'signature') {
        return evaluateEnvelope(policy.envelope, unique);
    }
    const roles = organizationPolicyRoles[policy.subPolicy] ?? [];
    const satisfied = allMspIds.filter((mspId) =>
        unique.some((signer) => signer.mspId === mspId && roles.includes(signer.role)),
    ).length;
    return satisfied >= implicitMetaThreshold(policy.rule, allMspIds.length);
}

/**
 * Decodes SignaturePolicyEnvelope bytes, such as a key's validation parameter set by chaincode with
 * setStateValidationParameter, and checks that they can be evaluated.
 * @throws PolicyError when the bytes are not a usable envelope.
 */
export function decodeSignaturePolicy(bytes: Uint8Array): SignaturePolicyEnvelope {
    let envelope: SignaturePolicyEnvelope;
    try {
        envelope = common.SignaturePolicyEnvelope.deserializeBinary(bytes);
    } catch (err) {
        throw new PolicyError(`could not unmarshal SignaturePolicyEnvelope: ${(err as Error).message}`, { cause: err });
    }
    compileEnvelope(envelope);
    return envelope;
}

/**
 * The minimal sets of organisations whose peers' endorsements (one peer per organisation) satisfy the policy,
 * smallest first and, within a size, in the order of allMspIds. Empty when no set of peers can satisfy it.
 */
export function orgsSatisfying(
    policy: EndorsementPolicy | SignaturePolicyEnvelope,
    allMspIds: readonly string[],
): string[][] {
    const candidates = candidateOrganizations(policy, allMspIds);
    if (candidates.length > maxCandidateOrganizations) {
        throw new PolicyError(
            `cannot choose endorsers among ${candidates.length} organisations; at most ${maxCandidateOrganizations} are supported`,
        );
    }
    const found: string[][] = [];
    for (let size = 0; size <= candidates.length; size++) {
        for (const subset of combinations(candidates, size)) {
            if (found.some((smaller) => smaller.every((mspId) => subset.includes(mspId)))) {
                continue;
            }
            const peers = subset.map((mspId): PolicyIdentity => ({ mspId, role: 'peer' }));
            if (policySatisfied(policy, peers, allMspIds)) {
                found.push(subset);
            }
        }
    }
    return found;
}

/**
 * Tells the two policy forms apart without instanceof: the generated protobuf classes register in a global namespace,
 * so when a second copy of fabric-protos is loaded (fabric-shim bundles its own), decoded messages are instances of
 * whichever copy loaded last.
 */
function isEndorsementPolicy(policy: EndorsementPolicy | SignaturePolicyEnvelope): policy is EndorsementPolicy {
    return typeof (policy as { kind?: unknown }).kind === 'string';
}

function evaluateEnvelope(envelope: SignaturePolicyEnvelope, signers: readonly PolicyIdentity[]): boolean {
    return compileEnvelope(envelope)(
        signers,
        signers.map(() => false),
    );
}

/** Envelopes are compiled once; callers treat parsed envelopes as immutable. */
const compiledEnvelopes = new WeakMap<SignaturePolicyEnvelope, CompiledRule>();

function compileEnvelope(envelope: SignaturePolicyEnvelope): CompiledRule {
    let compiled = compiledEnvelopes.get(envelope);
    if (!compiled) {
        const principals = envelope.getIdentitiesList().map(decodePrincipal);
        compiled = compileRule(envelope.getRule(), principals);
        compiledEnvelopes.set(envelope, compiled);
    }
    return compiled;
}

function compileRule(rule: common.SignaturePolicy | undefined, principals: readonly DecodedPrincipal[]): CompiledRule {
    if (rule?.hasNOutOf()) {
        const gate = rule.getNOutOf() as common.SignaturePolicy.NOutOf;
        const rules = gate.getRulesList().map((nested) => compileRule(nested, principals));
        const threshold = gate.getN();
        return (signers, used) => {
            let verified = 0;
            for (const nested of rules) {
                // Each sub-rule works on a copy; only a sub-rule that succeeds consumes the signatures it used.
                const attempt = [...used];
                if (nested(signers, attempt)) {
                    verified += 1;
                    attempt.forEach((value, index) => (used[index] = value));
                }
            }
            return verified >= threshold;
        };
    }
    if (rule?.hasSignedBy()) {
        const index = rule.getSignedBy();
        const principal = principals[index];
        if (principal === undefined) {
            throw new PolicyError(
                `identity index out of range, requested ${index}, but identities length is ${principals.length}`,
            );
        }
        return (signers, used) => {
            const match = signers.findIndex((signer, position) => !used[position] && satisfies(signer, principal));
            if (match < 0) {
                return false;
            }
            used[match] = true;
            return true;
        };
    }
    throw new PolicyError('Empty policy element');
}

function satisfies(signer: PolicyIdentity, principal: DecodedPrincipal): boolean {
    switch (principal.kind) {
        case 'role':
            return signer.mspId === principal.mspId && (principal.role === 'member' || principal.role === signer.role);
        case 'identity':
            return (
                signer.serialized !== undefined && Buffer.from(signer.serialized).equals(principal.serializedIdentity)
            );
        case 'unsupported':
            return false;
    }
}

/** Fabric evaluates each distinct identity once, however many signatures it made. */
function deduplicate(signers: readonly PolicyIdentity[]): PolicyIdentity[] {
    const seen = new Set<string>();
    return signers.filter((signer) => {
        if (signer.serialized === undefined) {
            return true;
        }
        const key = Buffer.from(signer.serialized).toString('base64');
        if (seen.has(key)) {
            return false;
        }
        seen.add(key);
        return true;
    });
}

/** Organisations whose peer could count towards the policy, in allMspIds order. */
function candidateOrganizations(
    policy: EndorsementPolicy | SignaturePolicyEnvelope,
    allMspIds: readonly string[],
): string[] {
    if (isEndorsementPolicy(policy) && policy.kind === 'implicitMeta') {
        return organizationPolicyRoles[policy.subPolicy]?.includes('peer') ? [...allMspIds] : [];
    }
    const envelope = isEndorsementPolicy(policy) ? policy.envelope : policy;
    const named = new Set(
        envelope
            .getIdentitiesList()
            .map(decodePrincipal)
            .filter(
                (principal) => principal.kind === 'role' && (principal.role === 'peer' || principal.role === 'member'),
            )
            .map((principal) => (principal.kind === 'role' ? principal.mspId : '')),
    );
    return allMspIds.filter((mspId) => named.has(mspId));
}

function* combinations<T>(items: readonly T[], size: number, start = 0): Generator<T[]> {
    if (size === 0) {
        yield [];
        return;
    }
    for (let index = start; index <= items.length - size; index++) {
        const first = items[index] as T;
        for (const rest of combinations(items, size - 1, index + 1)) {
            yield [first, ...rest];
        }
    }
}

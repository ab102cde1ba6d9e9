// Which endorsement policies a transaction's writes must satisfy (Fabric's v2.0 validation plugin rules):
// a key-level policy for each written key that has one, a collection's own policy for its writes, and the chaincode
// policy for every other write — or for a transaction that writes nothing.
import type { NamespaceSummary } from './rwset';
import type { ChannelPolicies, PolicyCheck, WrittenKey } from '../ports';

/** Key-level policies changed by earlier valid transactions of the same block: overlayKey(ns, key) → parameter. */
export type ValidationParameterOverlay = Map<string, Uint8Array | undefined>;

export function overlayKey(namespace: string, key: string): string {
    return `${namespace}\u0000${key}`;
}

export interface RequiredPoliciesInput<I> {
    readonly summary: readonly NamespaceSummary[];
    /** The written keys with their committed VALIDATION_PARAMETER, from the ledger. */
    readonly written: readonly WrittenKey[];
    readonly policies: ChannelPolicies<I>;
    readonly chaincodePolicy: PolicyCheck<I>;
    readonly overlay?: ValidationParameterOverlay;
}

export function requiredPolicies<I>(input: RequiredPoliciesInput<I>): PolicyCheck<I>[] {
    const { summary, policies, overlay } = input;
    const checks: PolicyCheck<I>[] = [];
    const committed = new Map<string, Uint8Array | undefined>();
    for (const written of input.written) {
        if (written.collection === '') {
            committed.set(overlayKey(written.namespace, written.key), written.validationParameter);
        } else if (written.validationParameter && written.validationParameter.length > 0) {
            checks.push(policies.keyPolicy(written.validationParameter));
        }
    }
    let needsChaincodePolicy = !summary.some(
        (ns) => ns.writtenKeys.length + ns.metadataWrites.length + ns.collectionsWritten.length > 0,
    );
    for (const ns of summary) {
        const keys = new Set([...ns.writtenKeys, ...ns.metadataWrites.map((write) => write.key)]);
        for (const key of keys) {
            const id = overlayKey(ns.namespace, key);
            const parameter = overlay?.has(id) ? overlay.get(id) : committed.get(id);
            if (parameter && parameter.length > 0) {
                checks.push(policies.keyPolicy(parameter));
            } else {
                needsChaincodePolicy = true;
            }
        }
        for (const name of ns.collectionsWritten) {
            const collectionPolicy = policies.collection(ns.namespace, name)?.endorsementPolicy;
            if (collectionPolicy) {
                checks.push(collectionPolicy);
            } else {
                needsChaincodePolicy = true;
            }
        }
    }
    if (needsChaincodePolicy) {
        checks.push(input.chaincodePolicy);
    }
    return checks;
}

// Chooses which organisations must endorse: the smallest set of orgs whose peers' endorsements satisfy every
// required policy, preferring sets that include the gateway's own organisation (as Fabric's discovery layouts do).
import type { PolicyCheck } from '../ports';

export interface PlanInput<I> {
    /** Candidate organisations' MSP IDs, in preference order (gateway's own org first). */
    readonly candidates: readonly string[];
    /** Each org peer's identity, for evaluating policies. */
    readonly peerIdentity: (mspId: string) => I;
    readonly policies: readonly PolicyCheck<I>[];
}

/** MSP IDs to endorse, preferred org first; undefined when no combination satisfies the policies. */
export function planEndorsingOrgs<I>(input: PlanInput<I>): string[] | undefined {
    const { candidates, policies } = input;
    const subsets = allSubsets(candidates).sort(
        (a, b) => a.length - b.length || rank(a, candidates) - rank(b, candidates),
    );
    const satisfying = subsets.filter((subset) => {
        const identities = subset.map((mspId) => input.peerIdentity(mspId));
        return policies.every((check) => check(identities));
    });
    const preferred = candidates[0];
    const smallest = satisfying[0];
    if (!smallest) {
        return undefined;
    }
    // Among the smallest satisfying sets, take one with the preferred org when there is one.
    const withPreferred = satisfying.find(
        (subset) => subset.length === smallest.length && preferred !== undefined && subset.includes(preferred),
    );
    return withPreferred ?? smallest;
}

function allSubsets(items: readonly string[]): string[][] {
    const subsets: string[][] = [];
    const count = 1 << items.length;
    for (let mask = 1; mask < count; mask++) {
        subsets.push(items.filter((_, index) => (mask & (1 << index)) !== 0));
    }
    return subsets;
}

/** Lower for subsets made of earlier (more preferred) candidates. */
function rank(subset: readonly string[], candidates: readonly string[]): number {
    return subset.reduce((sum, mspId) => sum + (1 << candidates.indexOf(mspId)), 0);
}

// Implicit meta policies ("MAJORITY Endorsement"): satisfied when enough application organisations satisfy their own
// sub-policy of that name. The organisation-level policies are those of test-network's configtx.yaml, which the
// association's channel configuration follows.
import type { Role } from '../crypto/msp';
import { PolicyError } from './policy-error';

export type ImplicitMetaRule = 'ANY' | 'ALL' | 'MAJORITY';

/** Roles whose signature satisfies each organisation-level policy, e.g. Endorsement: OR('Org1MSP.peer'). */
export const organizationPolicyRoles: Readonly<Record<string, readonly Role[]>> = {
    Readers: ['admin', 'peer', 'client'],
    Writers: ['admin', 'client'],
    Admins: ['admin'],
    Endorsement: ['peer'],
};

/** The channel's Application policies, as configtx.yaml defines them. */
const applicationPolicies: Readonly<Record<string, { rule: ImplicitMetaRule; subPolicy: string }>> = {
    Readers: { rule: 'ANY', subPolicy: 'Readers' },
    Writers: { rule: 'ANY', subPolicy: 'Writers' },
    Admins: { rule: 'MAJORITY', subPolicy: 'Admins' },
    LifecycleEndorsement: { rule: 'MAJORITY', subPolicy: 'Endorsement' },
    Endorsement: { rule: 'MAJORITY', subPolicy: 'Endorsement' },
};

const referencePrefix = '/Channel/Application/';

export interface ImplicitMetaPolicy {
    readonly rule: ImplicitMetaRule;
    readonly subPolicy: string;
    readonly reference?: string;
}

/** Reads `/Channel/Application/<Policy>` or `ANY|ALL|MAJORITY <SubPolicy>`; undefined for anything else. */
export function implicitMetaFromExpression(expression: string): ImplicitMetaPolicy | undefined {
    if (expression.startsWith('/')) {
        return fromReference(expression);
    }
    const match = /^(ANY|ALL|MAJORITY)\s+(\S+)$/.exec(expression);
    if (!match) {
        return undefined;
    }
    const subPolicy = match[2] ?? '';
    requireKnownSubPolicy(subPolicy, expression);
    return { rule: match[1] as ImplicitMetaRule, subPolicy };
}

/** Fabric's thresholds: ANY 1, ALL every organisation, MAJORITY more than half; nothing to satisfy with no orgs. */
export function implicitMetaThreshold(rule: ImplicitMetaRule, organizationCount: number): number {
    if (organizationCount === 0) {
        return 0;
    }
    switch (rule) {
        case 'ANY':
            return 1;
        case 'ALL':
            return organizationCount;
        case 'MAJORITY':
            return Math.floor(organizationCount / 2) + 1;
    }
}

function fromReference(reference: string): ImplicitMetaPolicy {
    const name = reference.startsWith(referencePrefix) ? reference.slice(referencePrefix.length) : undefined;
    const policy = name === undefined ? undefined : applicationPolicies[name];
    if (!policy) {
        throw new PolicyError(
            `unknown channel policy reference '${reference}': expected ${referencePrefix} followed by one of ${Object.keys(applicationPolicies).join(', ')}`,
        );
    }
    return { ...policy, reference };
}

function requireKnownSubPolicy(subPolicy: string, expression: string): void {
    if (!(subPolicy in organizationPolicyRoles)) {
        throw new PolicyError(
            `unknown sub-policy '${subPolicy}' in implicit meta policy '${expression}': expected one of ${Object.keys(organizationPolicyRoles).join(', ')}`,
        );
    }
}

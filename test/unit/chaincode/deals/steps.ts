// Deal steps shared by the deals and shipments tests: draft, sign and ink deals through the real contract.
import { createHash, randomBytes } from 'node:crypto';
import type { Deal, DealKind, DealTerms } from '@bia/model';
import type { Association, Role } from './association';
import { uniqueId } from './association';

export function newTerms(text = `Terms ${uniqueId('t')}: price 10 per unit, net 30 days.`): DealTerms {
    return { text, salt: randomBytes(16).toString('hex') };
}

export function hashOf(terms: DealTerms): string {
    return createHash('sha256')
        .update(terms.salt + terms.text, 'utf8')
        .digest('hex');
}

export interface DraftSpec {
    readonly dealId?: string;
    readonly kind?: DealKind;
    readonly parties?: readonly Role[];
    readonly terms?: DealTerms;
}

export function draftJson(
    a: Association,
    dealId: string,
    parties: readonly Role[],
    kind: DealKind = 'service',
): string {
    return JSON.stringify({
        dealId,
        kind,
        title: 'Cold-chain vaccine supply',
        summary: 'Healthco supplies vaccines to the district health centres.',
        partyMemberIds: parties.map((role) => a.memberId[role]),
    });
}

/** Drafts a deal as the first party; returns the committed deal and its terms. */
export async function givenDraft(a: Association, spec: DraftSpec = {}): Promise<{ deal: Deal; terms: DealTerms }> {
    const parties = spec.parties ?? ['healthco', 'north'];
    const terms = spec.terms ?? newTerms();
    const drafter = parties[0] ?? 'healthco';
    const result = await a.submit(
        a.as[drafter],
        'deals:DraftDeal',
        [draftJson(a, spec.dealId ?? uniqueId('deal'), parties, spec.kind)],
        { terms: JSON.stringify(terms) },
    );
    return { deal: result.json<Deal>(), terms };
}

/** Drafts and has every party sign: an inked deal. */
export async function givenInkedDeal(a: Association, spec: DraftSpec = {}): Promise<{ deal: Deal; terms: DealTerms }> {
    const { deal, terms } = await givenDraft(a, spec);
    let signed = deal;
    for (const role of spec.parties ?? ['healthco', 'north']) {
        const result = await a.submit(a.as[role], 'deals:SignDeal', [deal.dealId, deal.termsHash]);
        signed = result.json<Deal>();
    }
    return { deal: signed, terms };
}

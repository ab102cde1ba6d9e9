// Typed transactions of the deals contract. Terms travel only as transient data, and every change to a deal
// is endorsed by the peers of every party's organisation (the deal key's key-level endorsement policy).
import type { Deal, DealDraft, DealQuery, DealTerms, Page, TermsCheck } from '@bia/model';
import { type ContractCaller, json } from './caller';

export interface StoredTerms extends DealTerms {
    readonly dealId: string;
    readonly termsVersion: number;
}

/** The deals contract. Writes submit; reads evaluate. */
export interface DealsClient {
    /** Drafts a deal; `terms` go to each party organisation's private collection, only their salted hash on the ledger. */
    draft(draft: DealDraft, terms: DealTerms): Promise<Deal>;
    /** Signs the deal's current terms (give the hash you reviewed); the last signature inks the deal. */
    sign(dealId: string, termsHash: string): Promise<Deal>;
    /** Replaces the terms; every party signs again. */
    amend(dealId: string, terms: DealTerms): Promise<Deal>;
    complete(dealId: string): Promise<Deal>;
    terminate(dealId: string, reason: string): Promise<Deal>;
    /** Checks a copy of the terms against the on-ledger hash. */
    verifyTerms(dealId: string, terms: DealTerms): Promise<TermsCheck>;
    /** A party reads its organisation's copy of the terms. */
    getTerms(dealId: string): Promise<StoredTerms>;
    get(dealId: string): Promise<Deal>;
    query(query?: DealQuery): Promise<Page<Deal>>;
}

/** Resolves a deal's (or would-be deal's) party organisations, which must all endorse its changes. */
export type PartyOrganizations = (partyMemberIds: readonly string[]) => Promise<string[]>;

export class DealsClientImpl implements DealsClient {
    readonly #call: ContractCaller;
    readonly #partyOrganizations: PartyOrganizations;

    constructor(caller: ContractCaller, partyOrganizations: PartyOrganizations) {
        this.#call = caller;
        this.#partyOrganizations = partyOrganizations;
    }

    async draft(draft: DealDraft, terms: DealTerms): Promise<Deal> {
        return this.#call.submit('DraftDeal', [json(draft)], {
            transient: termsTransient(terms),
            endorsingOrganizations: await this.#partyOrganizations(draft.partyMemberIds),
        });
    }
    async sign(dealId: string, termsHash: string): Promise<Deal> {
        return this.#call.submit('SignDeal', [dealId, termsHash], await this.#partiesOf(dealId));
    }
    async amend(dealId: string, terms: DealTerms): Promise<Deal> {
        return this.#call.submit('AmendDeal', [dealId], {
            ...(await this.#partiesOf(dealId)),
            transient: termsTransient(terms),
            retryOnConflict: false,
        });
    }
    async complete(dealId: string): Promise<Deal> {
        return this.#call.submit('CompleteDeal', [dealId], await this.#partiesOf(dealId));
    }
    async terminate(dealId: string, reason: string): Promise<Deal> {
        return this.#call.submit('TerminateDeal', [dealId, reason], await this.#partiesOf(dealId));
    }
    verifyTerms(dealId: string, terms: DealTerms): Promise<TermsCheck> {
        return this.#call.query('VerifyTerms', [dealId], { transient: termsTransient(terms) });
    }
    getTerms(dealId: string): Promise<StoredTerms> {
        return this.#call.query('GetDealTerms', [dealId]);
    }
    get(dealId: string): Promise<Deal> {
        return this.#call.query('GetDeal', [dealId]);
    }
    query(query: DealQuery = {}): Promise<Page<Deal>> {
        return this.#call.query('QueryDeals', [json(query)]);
    }

    async #partiesOf(dealId: string): Promise<{ endorsingOrganizations: string[] }> {
        const deal = await this.get(dealId);
        return { endorsingOrganizations: [...new Set(deal.parties.map((p) => p.mspId))].sort() };
    }
}

function termsTransient(terms: DealTerms): Record<string, Uint8Array> {
    return { terms: Buffer.from(json(terms), 'utf8') };
}

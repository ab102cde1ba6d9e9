// Typed transactions of the deals contract. Terms travel only as transient data, and every change to a deal
// is endorsed by the peers of every party's organisation (the deal key's key-level endorsement policy).
import type { Deal, DealDraft, DealQuery, DealTerms, Page, TermsCheck } from '@bia/model';
import { type ContractCaller, json } from './caller';

/** A party organisation's copy of a deal's terms, as `getTerms` returns it. */
export interface StoredTerms extends DealTerms {
    /** The deal the terms belong to. */
    readonly dealId: string;
    /** Which version of the terms (1 for the first, incremented by each amendment). */
    readonly termsVersion: number;
}

/**
 * The deals contract: cross-organisation deals. Terms travel only as transient data, and every change to a deal is
 * sent to the peers of every party's organisation, whose endorsement the deal's key-level policy requires. Writes
 * submit and wait for the commit; reads evaluate on one peer. Refusals reject with a `ChaincodeError` subclass.
 */
export interface DealsClient {
    /**
     * Drafts a deal; `terms` go to each party organisation's private collection, only their salted hash on the ledger.
     * @param draft - the deal's ID, kind, title, summary and parties (the drafter's member included)
     * @param terms - the confidential text and a random salt of at least 32 hex digits
     * @returns the deal, status `draft`, with the terms hash every party signs
     */
    draft(draft: DealDraft, terms: DealTerms): Promise<Deal>;
    /**
     * Signs the deal's current terms; a party. The last signature inks the deal.
     * @param dealId - the deal
     * @param termsHash - the terms hash you reviewed (refused if the terms changed since)
     * @returns the deal with the signature, `inked` after the last one
     */
    sign(dealId: string, termsHash: string): Promise<Deal>;
    /**
     * Replaces the terms of a draft or inked deal; a party. The deal returns to `draft` and every party signs again.
     * Not retried on a read conflict.
     * @param dealId - the deal
     * @param terms - the new terms
     * @returns the deal, status `draft`, with the new terms hash and version
     */
    amend(dealId: string, terms: DealTerms): Promise<Deal>;
    /**
     * Marks an inked deal completed; a party.
     * @param dealId - the deal
     * @returns the deal, status `completed`
     */
    complete(dealId: string): Promise<Deal>;
    /**
     * Terminates a deal; a party.
     * @param dealId - the deal
     * @param reason - recorded with the status change
     * @returns the deal, status `terminated`
     */
    terminate(dealId: string, reason: string): Promise<Deal>;
    /**
     * Checks a copy of the terms against the on-ledger hash, without revealing them to the ledger.
     * @param dealId - the deal
     * @param terms - the copy to check
     * @returns whether it matches the current terms
     */
    verifyTerms(dealId: string, terms: DealTerms): Promise<TermsCheck>;
    /**
     * Reads the caller's organisation's copy of the terms; a party.
     * @param dealId - the deal
     * @returns the terms, salt and version
     */
    getTerms(dealId: string): Promise<StoredTerms>;
    /**
     * Reads a deal (its public part: parties, status, terms hash, signatures).
     * @param dealId - the deal
     * @returns the deal
     * @throws `NotFoundError` when there is no such deal
     */
    get(dealId: string): Promise<Deal>;
    /**
     * Lists deals, one page at a time.
     * @param query - filters (party, kind, status) and paging (pageSize, bookmark); default: the first page of all
     * @returns one page; pass its bookmark for the next
     */
    query(query?: DealQuery): Promise<Page<Deal>>;
    /**
     * Rebuilds the index entries of some deals after a chaincode upgrade added indexes; an admin of the
     * secretariat's MSP. Writes only what the records already determine.
     * @param ids - up to 100 IDs, e.g. one page of `query()` without filters
     * @returns how many records were rebuilt
     */
    rebuildIndexes(ids: readonly string[]): Promise<number>;
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
    rebuildIndexes(ids: readonly string[]): Promise<number> {
        return this.#call.submit('RebuildIndexes', [json({ ids })]);
    }
}

function termsTransient(terms: DealTerms): Record<string, Uint8Array> {
    return { terms: Buffer.from(json(terms), 'utf8') };
}

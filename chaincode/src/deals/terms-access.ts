// Reading and checking the confidential terms: only the parties' organisations hold them.
import type { Context } from 'fabric-contract-api';
import type { DealTerms, DealTermsCopy, Stamp, TermsCheck } from '@bia/model';
import { notFoundError, unauthorizedError } from '../common/errors';
import { getDeal, partyMspIds, readTermsCopy } from './records';
import { termsHash } from './requests';
import { partyDeal } from './lifecycle';

/** Whether a copy of the terms is the one the parties signed: SHA-256(salt + text) against the ledger. */
export async function verifyTerms(ctx: Context, dealId: string, terms: DealTerms, by: Stamp): Promise<TermsCheck> {
    const deal = await partyDeal(ctx, dealId, by);
    return { dealId, termsVersion: deal.termsVersion, matches: termsHash(terms) === deal.termsHash };
}

/** The calling organisation's own copy of the terms, from its own collection. */
export async function getDealTerms(ctx: Context, dealId: string, callerMspId: string): Promise<DealTermsCopy> {
    const deal = await getDeal(ctx, dealId);
    if (!partyMspIds(deal).includes(callerMspId)) {
        throw unauthorizedError(`organisation ${callerMspId} hosts no party of deal ${dealId}`, {
            dealId,
            mspId: callerMspId,
        });
    }
    const copy = await readTermsCopy(ctx, callerMspId, dealId);
    if (copy === undefined) {
        throw notFoundError('deal terms', dealId);
    }
    return copy;
}

// Reading and checking the confidential terms: only the parties' organisations hold them, only parties see them.
import type { Context } from 'fabric-contract-api';
import type { DealTerms, DealTermsCopy, Member, Stamp, TermsCheck } from '@bia/model';
import { ChaincodeError, notFoundError } from '../common/errors';
import { readTermsCopy } from './records';
import { termsHash } from './requests';
import { partyDeal } from './lifecycle';

/** Whether a copy of the terms is the one the parties signed: SHA-256(salt + text) against the ledger. */
export async function verifyTerms(ctx: Context, dealId: string, terms: DealTerms, by: Stamp): Promise<TermsCheck> {
    const deal = await partyDeal(ctx, dealId, by);
    return { dealId, termsVersion: deal.termsVersion, matches: termsHash(terms) === deal.termsHash };
}

/**
 * A party's copy of the terms, from the collection of the party's hosting organisation. Only an identity acting for a
 * party may read it: the organisation's other identities (operators of other members it hosts, unbound identities)
 * may not, though they run under the same MSP. `by.byMemberId` is the acting member, hosted by `party.hostMspId`.
 */
export async function getDealTerms(
    ctx: Context,
    dealId: string,
    party: Pick<Member, 'hostMspId'>,
    by: Stamp,
): Promise<DealTermsCopy> {
    await partyDeal(ctx, dealId, by);
    const peerMspId = endorsingPeerMspId(ctx);
    if (peerMspId !== undefined && peerMspId !== party.hostMspId) {
        // Any other peer holds only the hash and would fail the read in the peer's own words.
        throw new ChaincodeError(
            'NOT_FOUND',
            `the terms of deal ${dealId} for this party are kept on the peers of ${party.hostMspId}, not on this peer of ${peerMspId}: evaluate on a peer of ${party.hostMspId}`,
            { recordType: 'deal terms', id: dealId, holderMspId: party.hostMspId, peerMspId },
        );
    }
    const copy = await readTermsCopy(ctx, party.hostMspId, dealId);
    if (copy === undefined) {
        throw notFoundError('deal terms', dealId);
    }
    return copy;
}

/**
 * The endorsing peer's MSP ID, when the chaincode process was told it (CORE_PEER_LOCALMSPID: set by Fabric for
 * chaincode it launches, and per organisation by the devnet). A chaincode server shared by several organisations'
 * peers, as the native network scripts run it, has none; the read below then answers for itself: a peer that does
 * not hold the collection finds no terms.
 */
function endorsingPeerMspId(ctx: Context): string | undefined {
    try {
        return ctx.stub.getMspID();
    } catch {
        return undefined;
    }
}

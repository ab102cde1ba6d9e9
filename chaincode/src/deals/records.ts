// Storage of deals: the public record with its listing indexes, the parties' private copies of the terms,
// and the key-level endorsement policy that makes every change need each party organisation's peer.
import type { Context } from 'fabric-contract-api';
import { KeyEndorsementPolicy } from 'fabric-shim';
import { type Deal, type DealTermsCopy, termsCollectionName } from '@bia/model';
import { fromBytes, toBytes } from '../common/canonical-json';
import { invalidStateError } from '../common/errors';
import { type IndexedRecords, updateIndexEntries } from '../common/indexes';
import { getRecord, readRecord, recordKey, writeRecord } from '../common/state';

export const dealRecord = 'deal';

export type DealFilter = 'partyMemberId' | 'kind' | 'status';

/**
 * The listings of deals: party, kind and status in every combination. A deal has several parties, so the party
 * leads the indexes it is in; status, which changes, is in one index of each pair.
 */
export const dealIndexes: IndexedRecords<Deal, DealFilter> = {
    recordType: dealRecord,
    indexes: [
        { name: 'deal-kind', fields: ['kind'] },
        { name: 'deal-status-kind', fields: ['status', 'kind'] },
        { name: 'deal-party-kind', fields: ['partyMemberId', 'kind'] },
        { name: 'deal-party-status-kind', fields: ['partyMemberId', 'status', 'kind'] },
    ],
    // The first chaincode version listed deals by status alone and by party alone.
    retired: [
        { name: 'deal-status', fields: ['status'] },
        { name: 'deal-party', fields: ['partyMemberId'] },
    ],
    id: (deal) => deal.dealId,
    fieldValues: (deal) => ({
        partyMemberId: deal.parties.map((party) => party.memberId),
        kind: [deal.kind],
        status: [deal.status],
    }),
};

export function readDeal(ctx: Context, dealId: string): Promise<Deal | undefined> {
    return readRecord<Deal>(ctx, dealRecord, [dealId]);
}

export function getDeal(ctx: Context, dealId: string): Promise<Deal> {
    return getRecord<Deal>(ctx, dealRecord, [dealId]);
}

/** Writes a deal and keeps its index entries in step with its status (parties and kind never change). */
export async function saveDeal(ctx: Context, before: Deal | undefined, after: Deal): Promise<void> {
    await writeRecord(ctx, dealRecord, [after.dealId], after);
    await updateIndexEntries(ctx, dealIndexes, before, after);
}

/** The distinct hosting MSPs of a deal's parties, sorted so every endorser writes the same bytes. */
export function partyMspIds(deal: Pick<Deal, 'parties'>): string[] {
    return [...new Set(deal.parties.map((party) => party.mspId))].sort();
}

/** From now on a change to the deal's key needs a peer endorsement of every party organisation. */
export async function requirePartyEndorsement(ctx: Context, deal: Deal): Promise<void> {
    const policy = new KeyEndorsementPolicy();
    policy.addOrgs('PEER', ...partyMspIds(deal));
    await ctx.stub.setStateValidationParameter(recordKey(ctx, dealRecord, [deal.dealId]), policy.getPolicy());
}

/**
 * Writes the terms into the collection of each party organisation. An amendment first reads the hash of the
 * copy it replaces: any channel peer can read a private data hash, and the read protects the overwrite.
 */
export async function writeTermsCopies(
    ctx: Context,
    deal: Deal,
    copy: DealTermsCopy,
    replacing: boolean,
): Promise<void> {
    for (const mspId of partyMspIds(deal)) {
        const collection = termsCollectionName(mspId);
        if (replacing) {
            const existing = await ctx.stub.getPrivateDataHash(collection, deal.dealId);
            if (existing.length === 0) {
                throw invalidStateError(`the terms copy of deal ${deal.dealId} in ${collection} is missing`, {
                    dealId: deal.dealId,
                    collection,
                });
            }
        }
        await ctx.stub.putPrivateData(collection, deal.dealId, toBytes(copy));
    }
}

/** The copy of the terms held in one organisation's collection, if that peer holds it. */
export async function readTermsCopy(ctx: Context, mspId: string, dealId: string): Promise<DealTermsCopy | undefined> {
    const bytes = await ctx.stub.getPrivateData(termsCollectionName(mspId), dealId);
    return bytes.length === 0 ? undefined : (fromBytes(bytes) as DealTermsCopy);
}

// Listing deals by party, kind and status in any combination, each from the composite-key index that fixes it.
import type { Context } from 'fabric-contract-api';
import type { Deal, DealQuery, Page } from '@bia/model';
import { planQuery } from '../common/indexes';
import { type PageRequest, readPage } from '../common/paging';
import { dealIndexes, readDeal } from './records';

export type DealPageRequest = Omit<DealQuery, 'pageSize' | 'bookmark'> & PageRequest;

export function queryDeals(ctx: Context, query: DealPageRequest): Promise<Page<Deal>> {
    const { partyMemberId, kind, status } = query;
    const plan = planQuery(dealIndexes, { partyMemberId, kind, status });
    const matches = (deal: Deal): boolean =>
        (partyMemberId === undefined || deal.parties.some((party) => party.memberId === partyMemberId)) &&
        (kind === undefined || deal.kind === kind) &&
        (status === undefined || deal.status === status);
    return readPage(ctx, plan, query, 'query.bookmark', (dealId) => readDeal(ctx, dealId), matches);
}

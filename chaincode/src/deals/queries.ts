// Listing deals: one composite-key index for a single filter, a CouchDB rich query for combined filters.
import type { Context } from 'fabric-contract-api';
import type { Deal, DealQuery, Page } from '@bia/model';
import { pageByIndex } from '../common/state';
import { dealByKind, dealByParty, dealByStatus, dealRecord, readDeal } from './records';
import { type CouchIndex, pageByRichQuery } from '../common/rich-query';

interface RichQuery {
    readonly selector: Readonly<Record<string, unknown>>;
    readonly index: CouchIndex;
}

export interface DealPageRequest extends DealQuery {
    readonly pageSize: number;
    readonly bookmark: string;
}

/** Design document and index names of the rich queries (META-INF/statedb/couchdb/indexes/deal-*.json). */
export const dealRichIndexes = {
    kindStatus: { ddoc: 'indexDealKindStatusDoc', name: 'indexDealKindStatus' },
    kind: { ddoc: 'indexDealKindDoc', name: 'indexDealKind' },
    status: { ddoc: 'indexDealStatusDoc', name: 'indexDealStatus' },
} satisfies Record<string, CouchIndex>;

export async function queryDeals(ctx: Context, query: DealPageRequest): Promise<Page<Deal>> {
    const { partyMemberId, kind, status, pageSize, bookmark } = query;
    const filters = [partyMemberId, kind, status].filter((filter) => filter !== undefined);
    if (filters.length > 1) {
        const { selector, index } = richDealQuery(query);
        return pageByRichQuery<Deal>(ctx, selector, index, pageSize, bookmark);
    }
    const resolve = ([, dealId]: string[]): Promise<Deal | undefined> => readDeal(ctx, dealId ?? '');
    if (partyMemberId !== undefined) {
        return pageByIndex(ctx, dealByParty, [partyMemberId], pageSize, bookmark, resolve);
    }
    if (kind !== undefined) {
        return pageByIndex(ctx, dealByKind, [kind], pageSize, bookmark, resolve);
    }
    return pageByIndex(ctx, dealByStatus, status === undefined ? [] : [status], pageSize, bookmark, resolve);
}

/** Kind and status are served by an index; a party, held in an array, is matched among the indexed documents. */
function richDealQuery({ partyMemberId, kind, status }: DealQuery): RichQuery {
    const selector = {
        docType: dealRecord,
        ...(kind === undefined ? {} : { kind }),
        ...(status === undefined ? {} : { status }),
        ...(partyMemberId === undefined ? {} : { parties: { $elemMatch: { memberId: partyMemberId } } }),
    };
    const index =
        kind !== undefined && status !== undefined
            ? dealRichIndexes.kindStatus
            : kind !== undefined
              ? dealRichIndexes.kind
              : dealRichIndexes.status;
    return { selector, index };
}

// The deals contract: thin transactions that check the caller, validate the input and call the domain functions.
import { Context, Info, Param, Returns, Transaction } from 'fabric-contract-api';
import type { Deal, DealTermsCopy, Page, TermsCheck } from '@bia/model';
import { DealPageType, DealTermsCopyType, DealType, TermsCheckType } from './metadata';
import { AssociationContract } from '../common/contract-base';
import { stamp } from '../common/stamp';
import { idArgument, limits, textArgument } from '../common/validation';
import { actingMember, activeMember } from '../membership/actors';
import { rebuildIndexes } from '../membership/maintenance';
import { amendDeal, completeDeal, draftDeal, signDeal, terminateDeal } from './lifecycle';
import { queryDeals } from './queries';
import { dealIndexes, getDeal } from './records';
import { parseDealDraft, parseDealQuery, termsHashArgument, transientTerms } from './requests';
import { getDealTerms, verifyTerms } from './terms-access';

@Info({
    title: 'deals',
    description:
        "Cross-organisation deals: confidential terms in the parties' private collections, signed by every party",
})
export class DealsContract extends AssociationContract {
    constructor() {
        super('deals');
    }

    @Transaction()
    @Param('draft', 'string', 'DealDraft as JSON; the terms go in the transient map under "terms" (DealTerms as JSON)')
    @Returns(DealType.name)
    async DraftDeal(ctx: Context, draft: string): Promise<Deal> {
        const actor = await activeMember(ctx);
        const request = parseDealDraft(draft);
        const terms = transientTerms(ctx);
        return draftDeal(ctx, request, terms, stamp(ctx, actor.member.memberId));
    }

    @Transaction()
    @Param('dealId', 'string', 'The deal to sign')
    @Param('termsHash', 'string', "The terms hash the party signs: it must be the deal's current termsHash")
    @Returns(DealType.name)
    async SignDeal(ctx: Context, dealId: string, termsHash: string): Promise<Deal> {
        const actor = await activeMember(ctx);
        const id = idArgument(dealId, 'dealId');
        const hash = termsHashArgument(termsHash, 'termsHash');
        return signDeal(ctx, id, hash, stamp(ctx, actor.member.memberId));
    }

    @Transaction()
    @Param('dealId', 'string', 'The deal to amend; the new terms go in the transient map under "terms"')
    @Returns(DealType.name)
    async AmendDeal(ctx: Context, dealId: string): Promise<Deal> {
        const actor = await activeMember(ctx);
        const id = idArgument(dealId, 'dealId');
        const terms = transientTerms(ctx);
        return amendDeal(ctx, id, terms, stamp(ctx, actor.member.memberId));
    }

    @Transaction()
    @Param('dealId', 'string', 'The inked deal to complete')
    @Returns(DealType.name)
    async CompleteDeal(ctx: Context, dealId: string): Promise<Deal> {
        const actor = await activeMember(ctx);
        const id = idArgument(dealId, 'dealId');
        return completeDeal(ctx, id, stamp(ctx, actor.member.memberId));
    }

    /** Any party may end its deal, even one whose membership is no longer active. */
    @Transaction()
    @Param('dealId', 'string', 'The draft or inked deal to terminate')
    @Param('reason', 'string', 'Why the deal ends')
    @Returns(DealType.name)
    async TerminateDeal(ctx: Context, dealId: string, reason: string): Promise<Deal> {
        const actor = await actingMember(ctx);
        const id = idArgument(dealId, 'dealId');
        const why = textArgument(reason, 'reason', { max: limits.longText });
        return terminateDeal(ctx, id, why, stamp(ctx, actor.member.memberId));
    }

    @Transaction(false)
    @Param('dealId', 'string', 'The deal whose terms to check; the copy goes in the transient map under "terms"')
    @Returns(TermsCheckType.name)
    async VerifyTerms(ctx: Context, dealId: string): Promise<TermsCheck> {
        const actor = await actingMember(ctx);
        const id = idArgument(dealId, 'dealId');
        const terms = transientTerms(ctx);
        return verifyTerms(ctx, id, terms, stamp(ctx, actor.member.memberId));
    }

    @Transaction(false)
    @Param('dealId', 'string', "The deal whose terms a party reads from its organisation's collection")
    @Returns(DealTermsCopyType.name)
    async GetDealTerms(ctx: Context, dealId: string): Promise<DealTermsCopy> {
        const actor = await actingMember(ctx);
        const id = idArgument(dealId, 'dealId');
        return getDealTerms(ctx, id, actor.member, stamp(ctx, actor.member.memberId));
    }

    @Transaction(false)
    @Param('dealId', 'string', 'The deal to read')
    @Returns(DealType.name)
    async GetDeal(ctx: Context, dealId: string): Promise<Deal> {
        return getDeal(ctx, idArgument(dealId, 'dealId'));
    }

    @Transaction(false)
    @Param('query', 'string', 'DealQuery as JSON: partyMemberId, kind, status, pageSize (1-100), bookmark')
    @Returns(DealPageType.name)
    async QueryDeals(ctx: Context, query: string): Promise<Page<Deal>> {
        return queryDeals(ctx, parseDealQuery(query));
    }

    @Transaction()
    @Param(
        'request',
        'string',
        '{"ids": [...]}: up to 100 deal IDs (a page of QueryDeals without filters) whose index entries to rebuild',
    )
    @Returns('number')
    async RebuildIndexes(ctx: Context, request: string): Promise<number> {
        return rebuildIndexes(ctx, dealIndexes, request, (id) => getDeal(ctx, id));
    }
}

// The life of a deal: drafted by a party, signed by every party (inked), amended, completed or terminated.
import type { Context } from 'fabric-contract-api';
import type { Deal, DealDraft, DealParty, DealStatus, DealTerms, Stamp } from '@bia/model';
import { emitEvent } from '../common/events';
import { conflictError, invalidStateError, unauthorizedError } from '../common/errors';
import { assertAbsent } from '../common/state';
import { getMember } from '../membership/records';
import { dealRecord, getDeal, requirePartyEndorsement, saveDeal, writeTermsCopies } from './records';
import { termsHash } from './requests';

/** Drafts a deal; `drafted.byMemberId` is the drafting party. */
export async function draftDeal(ctx: Context, draft: DealDraft, terms: DealTerms, drafted: Stamp): Promise<Deal> {
    if (!draft.partyMemberIds.includes(drafted.byMemberId)) {
        throw unauthorizedError(`member ${drafted.byMemberId} may draft only a deal it is a party of`, {
            memberId: drafted.byMemberId,
        });
    }
    await assertAbsent(ctx, dealRecord, [draft.dealId]);
    const parties: DealParty[] = [];
    for (const memberId of draft.partyMemberIds) {
        const member = await getMember(ctx, memberId);
        if (member.status !== 'active') {
            throw invalidStateError(`party ${memberId} must be an active member (it is ${member.status})`, {
                memberId,
                status: member.status,
            });
        }
        parties.push({ memberId, mspId: member.hostMspId });
    }
    const deal: Deal = {
        dealId: draft.dealId,
        kind: draft.kind,
        title: draft.title,
        summary: draft.summary,
        parties,
        drafterMemberId: drafted.byMemberId,
        status: 'draft',
        termsHash: termsHash(terms),
        termsVersion: 1,
        signatures: [],
        createdAt: drafted.at,
        transitions: [{ from: null, to: 'draft', reason: 'drafted', stamp: drafted }],
    };
    await saveDeal(ctx, undefined, deal);
    await writeTermsCopies(ctx, deal, { dealId: deal.dealId, termsVersion: 1, ...terms }, false);
    await requirePartyEndorsement(ctx, deal);
    announce(ctx, deal, null, drafted);
    return deal;
}

/** Records a party's signature of the current terms; the last signature inks the deal. */
export async function signDeal(ctx: Context, dealId: string, signedHash: string, signed: Stamp): Promise<Deal> {
    const deal = await partyDeal(ctx, dealId, signed);
    requireStatus(deal, ['draft'], 'sign');
    if (signedHash !== deal.termsHash) {
        throw invalidStateError(
            `the terms of deal ${dealId} changed: version ${deal.termsVersion} has hash ${deal.termsHash}; read and sign them again`,
            { dealId, termsVersion: deal.termsVersion, termsHash: deal.termsHash },
        );
    }
    if (deal.signatures.some((signature) => signature.memberId === signed.byMemberId)) {
        throw conflictError('signature', `${dealId}/${signed.byMemberId}`);
    }
    const signatures = [...deal.signatures, { memberId: signed.byMemberId, termsHash: signedHash, signed }];
    const inked = deal.parties.every((party) => signatures.some((signature) => signature.memberId === party.memberId));
    if (!inked) {
        const after: Deal = { ...deal, signatures };
        await saveDeal(ctx, deal, after);
        return after;
    }
    const after: Deal = {
        ...deal,
        signatures,
        status: 'inked',
        inkedAt: signed.at,
        transitions: [
            ...deal.transitions,
            { from: 'draft', to: 'inked', reason: 'signed by every party', stamp: signed },
        ],
    };
    await saveDeal(ctx, deal, after);
    announce(ctx, after, deal.status, signed);
    return after;
}

/** Replaces the terms: the deal returns to draft and every party signs again. */
export async function amendDeal(ctx: Context, dealId: string, terms: DealTerms, amended: Stamp): Promise<Deal> {
    const deal = await partyDeal(ctx, dealId, amended);
    requireStatus(deal, ['draft', 'inked'], 'amend');
    const termsVersion = deal.termsVersion + 1;
    const after: Deal = {
        ...deal,
        status: 'draft',
        termsHash: termsHash(terms),
        termsVersion,
        signatures: [],
        inkedAt: undefined,
        transitions: [
            ...deal.transitions,
            { from: deal.status, to: 'draft', reason: `terms amended to version ${termsVersion}`, stamp: amended },
        ],
    };
    await saveDeal(ctx, deal, after);
    await writeTermsCopies(ctx, after, { dealId, termsVersion, ...terms }, true);
    announce(ctx, after, deal.status, amended);
    return after;
}

export async function completeDeal(ctx: Context, dealId: string, completed: Stamp): Promise<Deal> {
    const deal = await partyDeal(ctx, dealId, completed);
    requireStatus(deal, ['inked'], 'complete');
    return changeStatus(ctx, deal, 'completed', 'completed', completed);
}

export async function terminateDeal(ctx: Context, dealId: string, reason: string, terminated: Stamp): Promise<Deal> {
    const deal = await partyDeal(ctx, dealId, terminated);
    requireStatus(deal, ['draft', 'inked'], 'terminate');
    return changeStatus(ctx, deal, 'terminated', reason, terminated);
}

/** The deal, when the acting member is one of its parties. */
export async function partyDeal(ctx: Context, dealId: string, by: Stamp): Promise<Deal> {
    const deal = await getDeal(ctx, dealId);
    if (!deal.parties.some((party) => party.memberId === by.byMemberId)) {
        throw unauthorizedError(`member ${by.byMemberId} is not a party of deal ${dealId}`, {
            dealId,
            memberId: by.byMemberId,
        });
    }
    return deal;
}

function requireStatus(deal: Deal, allowed: readonly DealStatus[], action: string): void {
    if (!allowed.includes(deal.status)) {
        throw invalidStateError(`cannot ${action} deal ${deal.dealId}: it is ${deal.status}`, {
            dealId: deal.dealId,
            status: deal.status,
            allowed: [...allowed],
        });
    }
}

async function changeStatus(ctx: Context, deal: Deal, to: DealStatus, reason: string, by: Stamp): Promise<Deal> {
    const after: Deal = {
        ...deal,
        status: to,
        transitions: [...deal.transitions, { from: deal.status, to, reason, stamp: by }],
    };
    await saveDeal(ctx, deal, after);
    announce(ctx, after, deal.status, by);
    return after;
}

function announce(ctx: Context, deal: Deal, from: DealStatus | null, by: Stamp): void {
    emitEvent(ctx, 'DealStatusChanged', {
        dealId: deal.dealId,
        kind: deal.kind,
        partyMemberIds: deal.parties.map((party) => party.memberId),
        from,
        to: deal.status,
        termsHash: deal.termsHash,
        termsVersion: deal.termsVersion,
        txId: by.txId,
        at: by.at,
    });
}

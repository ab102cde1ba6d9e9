// Phase 4: the four deals of the founding ceremony. The first party drafts, every party signs with its own
// identity, and the confidential terms are readable only in the parties' organisations.
import { randomBytes } from 'node:crypto';
import type { Deal, DealTerms } from '@bia/client';
import { expectStory, type Stage } from '../stage';
import type { StoryDeal } from '../story-types';

export async function inkDeals(stage: Stage): Promise<string> {
    const { story } = stage;
    const inked = await stage.each(story.deals, (deal) => ink(stage, deal));
    await stage.each(story.deals, (deal) => checkConfidentiality(stage, deal));
    const signatures = inked.reduce((sum, deal) => sum + deal.signatures.length, 0);
    return `${inked.length} deals drafted and inked with ${signatures} signatures; terms checked against their hashes, hidden from outsiders`;
}

async function ink(stage: Stage, deal: StoryDeal): Promise<Deal> {
    const [drafter] = deal.partyMemberIds;
    expectStory(drafter !== undefined, `deal ${deal.dealId} names no party`);
    const terms: DealTerms = { text: deal.terms, salt: randomBytes(16).toString('hex') };
    const drafted = await stage.submitAs(drafter, (client) =>
        client.deals.draft(
            {
                dealId: deal.dealId,
                kind: deal.kind,
                title: deal.title,
                summary: deal.summary,
                partyMemberIds: deal.partyMemberIds,
            },
            terms,
        ),
    );
    // Signatures of one deal touch the same record: one after another, while the deals proceed in parallel.
    let signed = drafted;
    for (const party of deal.partyMemberIds) {
        signed = await stage.submitAs(party, (client) => client.deals.sign(deal.dealId, drafted.termsHash));
    }
    expectStory(signed.status === 'inked', `deal ${deal.dealId} is ${signed.status} after every party signed`);
    const check = await (await stage.cast.as(drafter)).deals.verifyTerms(deal.dealId, terms);
    expectStory(check.matches, `the terms of deal ${deal.dealId} do not match their on-ledger hash`);
    return signed;
}

/** Each party reads its organisation's copy; a member of an organisation that is no party cannot. */
async function checkConfidentiality(stage: Stage, deal: StoryDeal): Promise<void> {
    const { cast, story } = stage;
    const partyOrgs = new Set(deal.partyMemberIds.map((id) => cast.operatorOf(id).org));
    for (const party of deal.partyMemberIds) {
        const copy = await (await cast.as(party)).deals.getTerms(deal.dealId);
        expectStory(copy.text === deal.terms, `party ${party} reads other terms of deal ${deal.dealId}`);
    }
    const outsider = story.foundingMembers.find((m) => !partyOrgs.has(m.host));
    if (outsider !== undefined) {
        const leaked = await (await cast.as(outsider.memberId)).deals.getTerms(deal.dealId).then(
            (copy) => copy.text,
            () => undefined,
        );
        expectStory(
            leaked === undefined,
            `member ${outsider.memberId} of no party organisation read deal ${deal.dealId}'s terms`,
        );
    }
}

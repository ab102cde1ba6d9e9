// A shorter telling of a story, for tests: fewer applicants, scenarios, receivers and readings, the same plot.
// Every kind of outcome stays (a rejection, a withdrawal, a refused pilot, an excursion).
import type { Story, StoryApplicant } from './story-types';

export interface ShortenOptions {
    /** Applicants to keep; those with an outcome other than admitted and the deals' parties are always kept. */
    readonly applicants: number;
    /** Scenarios the council approves to keep; the rejected ones stay, and the pilot cap becomes this minus one. */
    readonly approvedScenarios: number;
    /** Receivers of the medical transport to keep (the excursion's receiver among them). */
    readonly receivers: number;
    readonly sensorsPerShipment: number;
    readonly readingsPerSensor: number;
}

export function shortenStory(story: Story, options: Readonly<ShortenOptions>): Story {
    const { transport } = story;
    const receivers = [
        transport.excursion.receiverMemberId,
        ...transport.receiverMemberIds.filter((id) => id !== transport.excursion.receiverMemberId),
    ].slice(0, Math.max(1, options.receivers));
    const applicants = keepApplicants(story, options.applicants, receivers);
    const admitted = new Set([
        ...story.foundingMembers.map((m) => m.memberId),
        ...applicants.filter((a) => a.outcome === 'admitted').map((a) => a.memberId),
    ]);
    const approved = story.scenarios.filter((s) => s.councilApproves).slice(0, Math.max(2, options.approvedScenarios));
    const scenarios = story.scenarios
        .filter((s) => approved.includes(s) || !s.councilApproves)
        .map((s) => ({ ...s, plannedParticipants: s.plannedParticipants.filter((id) => admitted.has(id)) }));
    const healthcareDealParties = new Set([transport.shipperMemberId, ...receivers]);
    return {
        ...story,
        title: `${story.title} (shortened)`,
        charter: { ...story.charter, maxRunningPilots: approved.length - 1 },
        applicants,
        scenarios,
        deals: story.deals.map((deal) =>
            deal.dealId === transport.dealId
                ? { ...deal, partyMemberIds: deal.partyMemberIds.filter((id) => healthcareDealParties.has(id)) }
                : deal,
        ),
        transport: {
            ...transport,
            receiverMemberIds: receivers,
            sensorsPerShipment: options.sensorsPerShipment,
            readingsPerSensor: options.readingsPerSensor,
        },
    };
}

function keepApplicants(story: Story, count: number, receivers: readonly string[]): StoryApplicant[] {
    const { transport } = story;
    const needed = new Set([
        ...receivers,
        ...story.deals.filter((deal) => deal.dealId !== transport.dealId).flatMap((deal) => deal.partyMemberIds),
    ]);
    const dropped = new Set(transport.receiverMemberIds.filter((id) => !needed.has(id)));
    const required = story.applicants.filter((a) => a.outcome !== 'admitted' || needed.has(a.memberId));
    const optional = story.applicants.filter((a) => !required.includes(a) && !dropped.has(a.memberId));
    const fill = optional.slice(0, Math.max(0, count - required.length));
    return story.applicants.filter((a) => required.includes(a) || fill.includes(a));
}

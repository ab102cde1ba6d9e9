// Checks a story against itself and the topology before any network starts, so a bad edit of the data fails
// fast with the reason instead of half-way through the founding day.
import type { Story, StoryMember } from './story-types';

export interface OrganizationUsers {
    readonly name: string;
    readonly userCount: number;
}

/** Returns every problem found; an empty list means the story can be played. */
export function checkStory(story: Story, organizations: readonly OrganizationUsers[]): string[] {
    const problems: string[] = [];
    const members = [...story.foundingMembers, ...story.applicants];
    const founders = new Set(story.foundingMembers.map((m) => m.memberId));
    const active = new Set([
        ...founders,
        ...story.applicants.filter((a) => a.outcome === 'admitted').map((a) => a.memberId),
    ]);
    const byId = new Map(members.map((m) => [m.memberId, m]));
    if (byId.size !== members.length) {
        problems.push('member IDs must be unique');
    }
    problems.push(...checkIdentities(members, organizations));
    for (const scenario of story.scenarios) {
        if (!founders.has(scenario.leadMemberId)) {
            problems.push(`scenario ${scenario.scenarioId}: lead ${scenario.leadMemberId} is no founding member`);
        }
        for (const id of scenario.plannedParticipants.filter((p) => !active.has(p))) {
            problems.push(`scenario ${scenario.scenarioId}: participant ${id} will not be an active member`);
        }
    }
    if (story.scenarios.filter((s) => s.councilApproves).length <= story.charter.maxRunningPilots) {
        problems.push(
            `the council must approve more than ${story.charter.maxRunningPilots} scenarios to reach the cap`,
        );
    }
    for (const deal of story.deals) {
        for (const id of deal.partyMemberIds.filter((p) => !active.has(p))) {
            problems.push(`deal ${deal.dealId}: party ${id} will not be an active member`);
        }
        const hosts = new Set(deal.partyMemberIds.map((id) => byId.get(id)?.host));
        if (hosts.size < 2) {
            problems.push(`deal ${deal.dealId}: parties must span two organisations (the endorsement policy)`);
        }
    }
    problems.push(...checkTransport(story, active));
    return problems;
}

/** Each member takes one user identity of its hosting organisation. */
function checkIdentities(members: readonly StoryMember[], organizations: readonly OrganizationUsers[]): string[] {
    const problems: string[] = [];
    for (const org of organizations) {
        const hosted = members.filter((m) => m.host === org.name).length;
        if (hosted > org.userCount) {
            problems.push(`organisation ${org.name} hosts ${hosted} members but issues only ${org.userCount} users`);
        }
    }
    const known = new Set(organizations.map((o) => o.name));
    for (const member of members.filter((m) => !known.has(m.host))) {
        problems.push(`member ${member.memberId}: no organisation ${member.host} in the topology`);
    }
    return problems;
}

function checkTransport(story: Story, active: ReadonlySet<string>): string[] {
    const { transport } = story;
    const deal = story.deals.find((d) => d.dealId === transport.dealId);
    if (deal === undefined) {
        return [`transport: deal ${transport.dealId} is not in the story`];
    }
    const problems: string[] = [];
    for (const id of [transport.shipperMemberId, ...transport.receiverMemberIds]) {
        if (!deal.partyMemberIds.includes(id)) {
            problems.push(`transport: ${id} is no party of deal ${deal.dealId}`);
        }
    }
    if (!active.has(transport.carrierMemberId)) {
        problems.push(`transport: carrier ${transport.carrierMemberId} will not be an active member`);
    }
    const { receiverMemberId, category } = transport.excursion;
    if (
        !transport.receiverMemberIds.includes(receiverMemberId) ||
        !transport.consignments.some((c) => c.category === category)
    ) {
        problems.push('transport: the excursion must name a receiver and a consignment of the transport');
    }
    return problems;
}

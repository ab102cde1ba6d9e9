// Phases 1 and 2: the secretariat records the charter and the founders; applicants apply and the council votes.
import type { MembershipApplication } from '@bia/client';
import { expectStory, type Stage } from '../stage';
import type { HostOrg, StoryMember } from '../story-types';

/** The founders' registry entries and the binding of each founder's operator by its organisation's admin. */
export async function recordCharter(stage: Stage): Promise<string> {
    const { story, cast } = stage;
    const foundingMembers = await Promise.all(story.foundingMembers.map((m) => application(stage, m)));
    const secretariatAdmin = await cast.admin('secretariat');
    const charter = await stage.submit(() =>
        secretariatAdmin.membership.bootstrap({ charter: story.charter, foundingMembers }),
    );
    expectStory(
        charter.council.length === story.foundingMembers.length,
        `the charter's council has ${charter.council.length} seats, expected ${story.foundingMembers.length}`,
    );
    await stage.each(story.foundingMembers, async (member) => {
        cast.assign(member);
        const operator = await cast.as(member.memberId);
        const { identityId } = await operator.membership.whoAmI();
        const admin = await cast.admin(member.host);
        await stage.submit(() => admin.membership.bindIdentity(member.memberId, identityId));
    });
    return `charter v${charter.version} (council of ${charter.council.length}, pilot cap ${charter.maxRunningPilots}), ${foundingMembers.length} founding members, ${foundingMembers.length} operators bound`;
}

/** Applications, withdrawals before the vote, the council's decisions, and the registry checked afterwards. */
export async function admitApplicants(stage: Stage): Promise<string> {
    const { story, cast } = stage;
    for (const applicant of story.applicants) {
        cast.assign(applicant);
    }
    await stage.each(story.applicants, async (applicant) => {
        const request = await application(stage, applicant);
        await stage.submitAs(applicant.memberId, (client) => client.membership.apply(request));
    });
    const withdrawing = story.applicants.filter((a) => a.outcome === 'withdrawn');
    await stage.each(withdrawing, (applicant) =>
        stage.submitAs(applicant.memberId, (client) =>
            client.membership.withdraw(applicant.memberId, 'decided to join next year'),
        ),
    );
    const voted = story.applicants.filter((a) => a.outcome !== 'withdrawn');
    await stage.decide(voted.map((a) => ({ motionId: `admit-${a.memberId}`, carry: a.outcome === 'admitted' })));
    const reader = await cast.as(story.foundingMembers[0]?.memberId ?? 'secretariat');
    await stage.each(story.applicants, async (applicant) => {
        const expected = applicant.outcome === 'admitted' ? 'active' : applicant.outcome;
        const { status } = await reader.membership.getMember(applicant.memberId);
        expectStory(status === expected, `applicant ${applicant.memberId} is ${status}, expected ${expected}`);
    });
    const count = (outcome: string): number => story.applicants.filter((a) => a.outcome === outcome).length;
    return `${story.applicants.length} applied, ${count('withdrawn')} withdrew, ${count('admitted')} admitted, ${count('rejected')} rejected by the council`;
}

async function application(stage: Stage, member: StoryMember): Promise<MembershipApplication> {
    return {
        memberId: member.memberId,
        hostMspId: await mspIdOf(stage, member.host),
        legalName: member.legalName,
        kind: member.kind,
        sectors: member.sectors,
        website: `https://${member.memberId}.example.org`,
        contact: { name: 'Membership desk', email: `membership@${member.memberId}.example.org` },
    };
}

async function mspIdOf(stage: Stage, org: HostOrg): Promise<string> {
    return (await stage.cast.admin(org)).mspId;
}

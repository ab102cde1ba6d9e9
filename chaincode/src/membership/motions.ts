// Council motions about members and the charter: proposing, voting, closing.
import type { Context } from 'fabric-contract-api';
import type { Charter, MemberStatus, Motion, MotionRequest, Vote, VoteChoice } from '@bia/model';
import { invalidStateError, validationError } from '../common/errors';
import { stamp } from '../common/stamp';
import { castVote, openMotion } from '../governance/motions';
import { settleMotion } from '../governance/settle';
import type { Actor } from './actors';
import { charterRecord, getMember, readMember } from './records';

/** The statuses a member must have for each kind of member motion to be proposed. */
const subjectStatuses: Readonly<Record<Exclude<MotionRequest['kind'], 'amend-charter'>, readonly MemberStatus[]>> = {
    'suspend-member': ['active'],
    'expel-member': ['active', 'suspended'],
    'reinstate-member': ['suspended'],
};

/** A council member proposes suspending, expelling or reinstating a member, or amending the charter. */
export async function proposeMotion(
    ctx: Context,
    proposer: Actor & { charter: Charter },
    request: MotionRequest,
): Promise<Motion> {
    if (request.kind === 'amend-charter') {
        await checkAmendment(ctx, request);
    } else {
        const subject = await getMember(ctx, request.subjectId);
        const allowed = subjectStatuses[request.kind];
        if (!allowed.includes(subject.status)) {
            throw invalidStateError(
                `a ${request.kind} motion needs a member that is ${allowed.join(' or ')}; ${subject.memberId} is ${subject.status}`,
                { memberId: subject.memberId, status: subject.status },
            );
        }
    }
    return openMotion(ctx, proposer.charter, request, stamp(ctx, proposer.member.memberId));
}

/** An amendment is about the charter, and a new council must consist of active members. */
async function checkAmendment(ctx: Context, request: MotionRequest): Promise<void> {
    if (request.subjectId !== charterRecord) {
        throw validationError('request.subjectId', `must be "${charterRecord}" for an amend-charter motion`);
    }
    const council = request.charterTerms?.council ?? [];
    for (const [index, memberId] of council.entries()) {
        const member = await readMember(ctx, memberId);
        if (member?.status !== 'active') {
            throw validationError(`request.charterTerms.council[${index}]`, 'must be the ID of an active member');
        }
    }
}

export function vote(ctx: Context, voter: Actor, motionId: string, choice: VoteChoice): Promise<Vote> {
    return castVote(ctx, motionId, choice, stamp(ctx, voter.member.memberId));
}

/** Anyone may close a motion that is decided or whose window has passed; its outcome is carried out. */
export function closeMotion(ctx: Context, closedBy: string, motionId: string): Promise<Motion> {
    return settleMotion(ctx, motionId, stamp(ctx, closedBy));
}

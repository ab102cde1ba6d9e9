// Member status transitions: only those that make sense, each kept with who, when, why and the deciding motion.
import type { Context } from 'fabric-contract-api';
import type { Member, MemberStatus, Stamp, StatusTransition } from '@bia/model';
import { emitEvent } from '../common/events';
import { invalidStateError } from '../common/errors';
import { saveMember } from './records';

/** For each status, the statuses a member may reach it from. */
const reachableFrom: Readonly<Record<MemberStatus, readonly MemberStatus[]>> = {
    applied: [],
    active: ['applied', 'suspended'],
    rejected: ['applied'],
    suspended: ['active'],
    withdrawn: ['applied', 'active', 'suspended'],
    expelled: ['active', 'suspended'],
};

export function canChangeStatus(from: MemberStatus, to: MemberStatus): boolean {
    return reachableFrom[to].includes(from);
}

export interface StatusChange {
    readonly to: MemberStatus;
    readonly reason: string;
    readonly stamp: Stamp;
    readonly motionId?: string;
}

/** Moves a member to a new status, records the transition and emits MemberStatusChanged. */
export async function changeMemberStatus(ctx: Context, member: Member, change: StatusChange): Promise<Member> {
    if (!canChangeStatus(member.status, change.to)) {
        throw invalidStateError(`member ${member.memberId} cannot become ${change.to} from ${member.status}`, {
            memberId: member.memberId,
            status: member.status,
            to: change.to,
        });
    }
    const transition: StatusTransition<MemberStatus> = {
        from: member.status,
        to: change.to,
        reason: change.reason,
        stamp: change.stamp,
        ...(change.motionId === undefined ? {} : { motionId: change.motionId }),
    };
    const updated: Member = { ...member, status: change.to, transitions: [...member.transitions, transition] };
    await saveMember(ctx, member, updated);
    emitEvent(ctx, 'MemberStatusChanged', {
        memberId: member.memberId,
        from: member.status,
        to: change.to,
        reason: change.reason,
        txId: change.stamp.txId,
        at: change.stamp.at,
        ...(change.motionId === undefined ? {} : { motionId: change.motionId }),
    });
    return updated;
}

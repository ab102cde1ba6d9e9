// Applying for membership, updating one's own profile, withdrawing.
import type { Context } from 'fabric-contract-api';
import type { Member, MemberProfile, MemberStatus, MembershipApplication } from '@bia/model';
import { conflictError, invalidStateError, unauthorizedError } from '../common/errors';
import type { Caller } from '../common/identity';
import { assertAbsent } from '../common/state';
import { stamp } from '../common/stamp';
import { openMotion } from '../governance/motions';
import type { Actor } from './actors';
import { changeMemberStatus } from './status';
import { bindingRecord, getCharter, memberRecord, readBinding, saveBinding, saveMember } from './records';

/** The motion that decides an application. */
export function admissionMotionId(memberId: string): string {
    return `admit-${memberId}`;
}

/** Refuses an identity that already acts for a member: one identity, one member. */
export async function assertUnbound(ctx: Context, who: Caller): Promise<void> {
    const binding = await readBinding(ctx, who.identityKey);
    if (binding !== undefined) {
        throw conflictError(bindingRecord, `of the calling identity to member ${binding.memberId}`);
    }
}

/**
 * Records an application (status applied), binds the calling identity to the new member and opens the
 * admission motion under the charter in force.
 */
export async function applyForMembership(
    ctx: Context,
    who: Caller,
    application: MembershipApplication,
): Promise<Member> {
    if (application.hostMspId !== who.mspId) {
        throw unauthorizedError(
            `an identity of ${application.hostMspId} must apply for a member it hosts (the caller is of ${who.mspId})`,
            { mspId: who.mspId, hostMspId: application.hostMspId },
        );
    }
    const charter = await getCharter(ctx);
    await assertAbsent(ctx, memberRecord, [application.memberId]);
    const applied = stamp(ctx, application.memberId);
    const member: Member = {
        ...application,
        status: 'applied',
        founding: false,
        appliedAt: applied.at,
        transitions: [{ from: null, to: 'applied', reason: 'application', stamp: applied }],
    };
    await saveMember(ctx, undefined, member);
    await saveBinding(ctx, who.identityKey, {
        identityId: who.identityId,
        mspId: who.mspId,
        memberId: member.memberId,
        boundAt: applied.at,
        boundBy: who.identityId,
    });
    await openMotion(
        ctx,
        charter,
        {
            motionId: admissionMotionId(member.memberId),
            kind: 'admit-member',
            subjectId: member.memberId,
            reason: `application of ${member.legalName}`,
        },
        applied,
    );
    return member;
}

const editableStatuses: readonly MemberStatus[] = ['applied', 'active'];

/** A member changes only its own profile, while applied or active. */
export async function updateProfile(
    ctx: Context,
    actor: Actor,
    memberId: string,
    profile: MemberProfile,
): Promise<Member> {
    const member = actor.member;
    assertSelf(actor, memberId);
    if (!editableStatuses.includes(member.status)) {
        throw invalidStateError(`member ${memberId} is ${member.status}: its profile can no longer change`, {
            memberId,
            status: member.status,
        });
    }
    const updated: Member = { ...member, ...profile };
    await saveMember(ctx, member, updated);
    return updated;
}

/** A member leaves the association (or withdraws its application). */
export function withdraw(ctx: Context, actor: Actor, memberId: string, reason: string): Promise<Member> {
    assertSelf(actor, memberId);
    return changeMemberStatus(ctx, actor.member, {
        to: 'withdrawn',
        reason,
        stamp: stamp(ctx, memberId),
    });
}

function assertSelf(actor: Actor, memberId: string): void {
    if (actor.member.memberId !== memberId) {
        throw unauthorizedError(`the calling identity acts for member ${actor.member.memberId}, not ${memberId}`, {
            memberId,
            actingFor: actor.member.memberId,
        });
    }
}

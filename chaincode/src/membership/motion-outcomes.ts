// Carrying out closed membership motions: admissions, suspensions, expulsions, reinstatements, charter amendments.
import type { Context } from 'fabric-contract-api';
import type { Charter, MemberStatus, Motion, MotionKind, Stamp } from '@bia/model';
import { getCharter, readMember, saveCharter } from './records';
import { canChangeStatus, changeMemberStatus } from './status';

/** The status a carried member motion moves its subject to. */
const carriedStatus: Partial<Record<MotionKind, MemberStatus>> = {
    'admit-member': 'active',
    'suspend-member': 'suspended',
    'expel-member': 'expelled',
    'reinstate-member': 'active',
};

/**
 * Applies a closed membership or charter motion; returns true when it emitted the transaction's event.
 * The subject's status is read again: if it no longer fits (e.g. the applicant withdrew), nothing changes.
 */
export async function applyMembershipMotion(ctx: Context, motion: Motion, closed: Stamp): Promise<boolean> {
    if (motion.kind === 'amend-charter') {
        if (motion.status === 'carried') {
            await amendCharter(ctx, motion, closed);
        }
        return false;
    }
    const to = motion.status === 'carried' ? carriedStatus[motion.kind] : rejectedStatus(motion.kind);
    if (to === undefined) {
        return false;
    }
    const member = await readMember(ctx, motion.subjectId);
    if (member === undefined || !canChangeStatus(member.status, to)) {
        return false;
    }
    await changeMemberStatus(ctx, member, {
        to,
        reason: outcomeReason(motion),
        stamp: closed,
        motionId: motion.motionId,
    });
    return true;
}

/** A suspension, expulsion or reinstatement keeps the motion's reason; an admission says how the vote went. */
function outcomeReason(motion: Motion): string {
    if (motion.kind !== 'admit-member') {
        return motion.reason;
    }
    return motion.status === 'carried' ? 'admitted by the council' : 'application rejected by the council';
}

/** Only an admission changes status when its motion fails: the application is rejected. */
function rejectedStatus(kind: MotionKind): MemberStatus | undefined {
    return kind === 'admit-member' ? 'rejected' : undefined;
}

async function amendCharter(ctx: Context, motion: Motion, closed: Stamp): Promise<void> {
    const current = await getCharter(ctx);
    const terms = motion.charterTerms;
    if (terms === undefined) {
        return;
    }
    const amended: Charter = {
        ...terms,
        council: terms.council ?? current.council,
        secretariatMspId: current.secretariatMspId,
        version: current.version + 1,
        adoptedAt: closed.at,
    };
    await saveCharter(ctx, amended);
}

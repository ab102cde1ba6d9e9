// Opening, voting on and closing council motions.
import type { Context } from 'fabric-contract-api';
import type { Charter, CharterTerms, Motion, MotionKind, Stamp, Tally, Vote, VoteChoice } from '@bia/model';
import { assertAbsent } from '../common/state';
import { emitEvent } from '../common/events';
import { invalidStateError } from '../common/errors';
import { addSeconds, txInstant } from '../common/time';
import { countVotes, isDecided } from './tally';
import { getMotion, listVotes, saveMotion, saveVote, motionRecord } from './records';

export interface MotionSpec {
    readonly motionId: string;
    readonly kind: MotionKind;
    readonly subjectId: string;
    readonly reason: string;
    readonly charterTerms?: CharterTerms;
}

/** Opens a motion under the charter in force; council and thresholds are frozen for its lifetime. */
export async function openMotion(
    ctx: Context,
    charter: Charter,
    spec: MotionSpec,
    proposed: Stamp,
    options: { emit: boolean } = { emit: true },
): Promise<Motion> {
    await assertAbsent(ctx, motionRecord, [spec.motionId]);
    const motion: Motion = {
        ...spec,
        proposed,
        closesAt: addSeconds(proposed.at, charter.votingWindowSeconds),
        status: 'open',
        council: charter.council,
        quorumPercent: charter.quorumPercent,
        approvalPercent: charter.approvalPercent,
    };
    await saveMotion(ctx, motion);
    if (options.emit) {
        emitEvent(ctx, 'MotionOpened', {
            motionId: motion.motionId,
            kind: motion.kind,
            subjectId: motion.subjectId,
            closesAt: motion.closesAt,
            txId: proposed.txId,
            at: proposed.at,
        });
    }
    return motion;
}

/** Records or replaces a council member's vote while the window is open; returns the vote. */
export async function castVote(ctx: Context, motionId: string, choice: VoteChoice, cast: Stamp): Promise<Vote> {
    const motion = await getMotion(ctx, motionId);
    if (motion.status !== 'open') {
        throw invalidStateError(`motion ${motionId} is ${motion.status}`, { motionId, status: motion.status });
    }
    if (cast.at >= motion.closesAt) {
        throw invalidStateError(`the voting window of motion ${motionId} closed at ${motion.closesAt}`, {
            motionId,
            closesAt: motion.closesAt,
        });
    }
    if (!motion.council.includes(cast.byMemberId)) {
        throw invalidStateError(`member ${cast.byMemberId} was not on the council when motion ${motionId} opened`, {
            motionId,
            memberId: cast.byMemberId,
        });
    }
    const vote: Vote = { motionId, memberId: cast.byMemberId, choice, cast };
    await saveVote(ctx, vote);
    // Announced so that open pages refresh the tally; the votes themselves stay one key each (no hot record).
    emitEvent(ctx, 'VoteCast', { motionId, memberId: cast.byMemberId, choice, txId: cast.txId, at: cast.at });
    return vote;
}

/** Closes a motion whose outcome is decided or whose window has passed; returns it with its tally. */
export async function closeMotion(ctx: Context, motionId: string, closed: Stamp): Promise<Motion> {
    const motion = await getMotion(ctx, motionId);
    if (motion.status !== 'open') {
        throw invalidStateError(`motion ${motionId} is already ${motion.status}`, { motionId, status: motion.status });
    }
    const tally: Tally = countVotes(motion, await listVotes(ctx, motionId));
    const windowPassed = txInstant(ctx) >= motion.closesAt;
    if (!windowPassed && !isDecided(motion, tally)) {
        throw invalidStateError(
            `motion ${motionId} is undecided and its voting window is open until ${motion.closesAt}`,
            { motionId, closesAt: motion.closesAt },
        );
    }
    const result: Motion = { ...motion, status: tally.carried ? 'carried' : 'failed', tally, closed };
    await saveMotion(ctx, result);
    return result;
}

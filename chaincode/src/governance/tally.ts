// Counting votes under the charter's quorum and approval threshold (pure functions).
import type { Motion, Tally, Vote } from '@bia/model';

export function countVotes(motion: Motion, votes: readonly Vote[]): Tally {
    const counted = votes.filter((vote) => motion.council.includes(vote.memberId));
    const yes = counted.filter((v) => v.choice === 'yes').length;
    const no = counted.filter((v) => v.choice === 'no').length;
    const abstain = counted.filter((v) => v.choice === 'abstain').length;
    const councilSize = motion.council.length;
    const quorumReached = (yes + no + abstain) * 100 >= motion.quorumPercent * councilSize;
    return { yes, no, abstain, councilSize, quorumReached, carried: carries(motion, yes, no, quorumReached) };
}

function carries(motion: Motion, yes: number, no: number, quorumReached: boolean): boolean {
    return quorumReached && yes > 0 && yes * 100 >= motion.approvalPercent * (yes + no);
}

/**
 * Whether the votes as cast already decide the motion: it carries even if every council member who has not
 * voted votes no, or fails even if they all vote yes.
 */
export function isDecided(motion: Motion, tally: Tally): boolean {
    const remaining = tally.councilSize - (tally.yes + tally.no + tally.abstain);
    if (remaining === 0) {
        return true;
    }
    const carriesAnyway = carries(motion, tally.yes, tally.no + remaining, true) && tally.quorumReached;
    const failsAnyway = !carries(motion, tally.yes + remaining, tally.no, true);
    return carriesAnyway || failsAnyway;
}

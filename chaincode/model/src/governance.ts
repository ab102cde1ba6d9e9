// Council motions and votes: one mechanism for admissions, suspensions, charter amendments, scenario approvals.
import type { Instant, Stamp } from './common';
import type { CharterTerms } from './membership';

export const motionKinds = [
    'admit-member',
    'suspend-member',
    'expel-member',
    'reinstate-member',
    'amend-charter',
    'approve-scenario',
] as const;
export type MotionKind = (typeof motionKinds)[number];

export const motionStatuses = ['open', 'carried', 'failed'] as const;
export type MotionStatus = (typeof motionStatuses)[number];

export const voteChoices = ['yes', 'no', 'abstain'] as const;
export type VoteChoice = (typeof voteChoices)[number];

export interface Tally {
    readonly yes: number;
    readonly no: number;
    readonly abstain: number;
    readonly councilSize: number;
    readonly quorumReached: boolean;
    readonly carried: boolean;
}

export interface Motion {
    readonly motionId: string;
    readonly kind: MotionKind;
    /** The member or scenario the motion is about. */
    readonly subjectId: string;
    readonly reason: string;
    readonly proposed: Stamp;
    readonly closesAt: Instant;
    readonly status: MotionStatus;
    /** For amend-charter: the terms the charter will have if the motion carries. */
    readonly charterTerms?: CharterTerms;
    /** Council and thresholds frozen when the motion opened. */
    readonly council: readonly string[];
    readonly quorumPercent: number;
    readonly approvalPercent: number;
    readonly tally?: Tally;
    readonly closed?: Stamp;
}

export interface Vote {
    readonly motionId: string;
    readonly memberId: string;
    readonly choice: VoteChoice;
    readonly cast: Stamp;
}

export interface MotionRequest {
    readonly motionId: string;
    readonly kind: Extract<MotionKind, 'suspend-member' | 'expel-member' | 'reinstate-member' | 'amend-charter'>;
    readonly subjectId: string;
    readonly reason: string;
    readonly charterTerms?: CharterTerms;
}

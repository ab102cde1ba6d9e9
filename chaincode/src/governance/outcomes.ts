// What a closed motion does is decided by the feature its subject belongs to (a member, a scenario, the charter).
// Governance is the lower layer, so it cannot import those features: the assembly (src/index.ts) hands it one
// table of outcomes, once, before any transaction runs. The table is frozen and the same on every peer, so the
// chaincode stays deterministic.
import type { Context } from 'fabric-contract-api';
import type { Motion, MotionKind, Stamp } from '@bia/model';

/** Carries out a closed motion; returns true when it emitted the transaction's event itself. */
export type MotionOutcome = (ctx: Context, motion: Motion, closed: Stamp) => Promise<boolean>;

export type MotionOutcomes = Readonly<Record<MotionKind, MotionOutcome>>;

let wired: MotionOutcomes | undefined;

/** Called once by the assembly; a second table would make two chaincode builds behave differently. */
export function wireMotionOutcomes(outcomes: MotionOutcomes): void {
    if (wired !== undefined && wired !== outcomes) {
        throw new Error('motion outcomes are already wired');
    }
    wired = Object.freeze({ ...outcomes });
}

export function motionOutcome(kind: MotionKind): MotionOutcome {
    if (wired === undefined) {
        throw new Error('motion outcomes are not wired: load the contracts through the chaincode index');
    }
    return wired[kind];
}

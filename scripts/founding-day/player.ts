// Plays a story phase by phase through the public client library, reporting each phase as it completes.
import type { Cast } from './cast';
import { admitApplicants, recordCharter } from './phases/founding';
import { inkDeals } from './phases/deals';
import { runPilots } from './phases/scenarios';
import { runTransport } from './phases/transport';
import { Stage } from './stage';
import type { Story } from './story-types';

export interface PhaseProgress {
    /** 1-based. */
    readonly index: number;
    readonly total: number;
    readonly phase: string;
    readonly summary: string;
    /** Transactions this phase submitted. */
    readonly transactions: number;
    readonly elapsedMs: number;
}

export interface PlayOptions {
    /** Transactions in flight at once (default 16). */
    readonly concurrency?: number;
    readonly onProgress?: (progress: PhaseProgress) => void;
    /** Phases counted in progress lines after the story's own (e.g. the closing report); default 0. */
    readonly extraPhases?: number;
}

export interface PlayResult {
    readonly transactions: number;
    readonly elapsedMs: number;
    readonly phases: readonly PhaseProgress[];
}

/** A phase failed: names the phase; the cause is the client's typed error or the broken expectation. */
export class StoryError extends Error {
    readonly phase: string;

    constructor(phase: string, cause: unknown) {
        super(
            `phase '${phase}' failed: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`,
            {
                cause,
            },
        );
        this.name = 'StoryError';
        this.phase = phase;
    }
}

const phases: readonly { readonly name: string; readonly play: (stage: Stage) => Promise<string> }[] = [
    { name: 'charter and founders', play: recordCharter },
    { name: 'applications and council votes', play: admitApplicants },
    { name: 'pilot scenarios', play: runPilots },
    { name: 'founding ceremony deals', play: inkDeals },
    { name: 'medical transport', play: runTransport },
];

export const storyPhaseCount = phases.length;

export async function playStory(story: Story, cast: Cast, options: Readonly<PlayOptions> = {}): Promise<PlayResult> {
    const stage = new Stage(story, cast, options.concurrency ?? 16);
    const total = phases.length + (options.extraPhases ?? 0);
    const started = performance.now();
    const done: PhaseProgress[] = [];
    for (const [offset, phase] of phases.entries()) {
        const phaseStarted = performance.now();
        const before = stage.submitted;
        let summary: string;
        try {
            summary = await phase.play(stage);
        } catch (error) {
            throw new StoryError(phase.name, error);
        }
        const progress: PhaseProgress = {
            index: offset + 1,
            total,
            phase: phase.name,
            summary,
            transactions: stage.submitted - before,
            elapsedMs: performance.now() - phaseStarted,
        };
        done.push(progress);
        options.onProgress?.(progress);
    }
    return { transactions: stage.submitted, elapsedMs: performance.now() - started, phases: done };
}

// Carrying out a closed approve-scenario motion.
import type { Context } from 'fabric-contract-api';
import type { Motion, Stamp } from '@bia/model';
import { readScenario } from './records';
import { canChangeScenarioStatus, changeScenarioStatus } from './status';

/**
 * Approves (carried) or rejects (failed) the proposed scenario; returns true when it emitted the transaction's
 * event. A scenario no longer proposed (the lead withdrew it) is left as it is.
 */
export async function applyScenarioMotion(ctx: Context, motion: Motion, closed: Stamp): Promise<boolean> {
    const to = motion.status === 'carried' ? 'approved' : 'rejected';
    const scenario = await readScenario(ctx, motion.subjectId);
    if (scenario === undefined || !canChangeScenarioStatus(scenario.status, to)) {
        return false;
    }
    await changeScenarioStatus(ctx, scenario, {
        to,
        reason: to === 'approved' ? 'approved by the council' : 'rejected by the council',
        stamp: closed,
        motionId: motion.motionId,
    });
    return true;
}

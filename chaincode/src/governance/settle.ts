// Closing a motion and carrying out its outcome, with the transaction's one event.
import type { Context } from 'fabric-contract-api';
import type { Motion, Stamp } from '@bia/model';
import { emitEvent } from '../common/events';
import { applyMembershipMotion } from '../membership/motion-outcomes';
import { applyScenarioMotion } from '../scenarios/motion-outcomes';
import { closeMotion } from './motions';

export async function settleMotion(ctx: Context, motionId: string, closed: Stamp): Promise<Motion> {
    const motion = await closeMotion(ctx, motionId, closed);
    const emitted =
        motion.kind === 'approve-scenario'
            ? await applyScenarioMotion(ctx, motion, closed)
            : await applyMembershipMotion(ctx, motion, closed);
    if (!emitted && motion.tally !== undefined && motion.status !== 'open') {
        emitEvent(ctx, 'MotionClosed', {
            motionId: motion.motionId,
            kind: motion.kind,
            subjectId: motion.subjectId,
            status: motion.status,
            tally: motion.tally,
            txId: closed.txId,
            at: closed.at,
        });
    }
    return motion;
}

// Closing a motion and carrying out its outcome, with the transaction's one event.
import type { Context } from 'fabric-contract-api';
import type { Motion, Stamp } from '@bia/model';
import { emitEvent } from '../common/events';
import { closeMotion } from './motions';
import { motionOutcome } from './outcomes';

export async function settleMotion(ctx: Context, motionId: string, closed: Stamp): Promise<Motion> {
    const motion = await closeMotion(ctx, motionId, closed);
    const emitted = await motionOutcome(motion.kind)(ctx, motion, closed);
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

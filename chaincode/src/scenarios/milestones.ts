// Milestones of an approved or running pilot: evidence is a hash and a URI, never the document itself.
import type { Context } from 'fabric-contract-api';
import type { Milestone } from '@bia/model';
import { unauthorizedError } from '../common/errors';
import { assertAbsent } from '../common/state';
import { stamp } from '../common/stamp';
import type { Actor } from '../membership/actors';
import type { MilestoneInput } from './mapping';
import { getScenario, milestoneRecord, saveMilestone } from './records';
import { assertScenarioStatus } from './status';

/** The lead or a participant records a milestone. */
export async function recordMilestone(
    ctx: Context,
    recorder: Actor,
    scenarioId: string,
    input: MilestoneInput,
): Promise<Milestone> {
    const scenario = await getScenario(ctx, scenarioId);
    const memberId = recorder.member.memberId;
    if (!scenario.participants.includes(memberId)) {
        throw unauthorizedError(`only the lead or a participant of scenario ${scenarioId} records milestones`, {
            scenarioId,
            memberId,
        });
    }
    assertScenarioStatus(scenario, ['approved', 'piloting'], 'record a milestone');
    await assertAbsent(ctx, milestoneRecord, [scenarioId, input.milestoneId]);
    const milestone: Milestone = { scenarioId, ...input, recorded: stamp(ctx, memberId) };
    await saveMilestone(ctx, milestone);
    return milestone;
}

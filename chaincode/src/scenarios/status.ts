// Scenario status transitions: proposed → approved → piloting → evaluated → closed, or rejected / withdrawn.
import type { Context } from 'fabric-contract-api';
import type { Scenario, ScenarioStatus, Stamp, StatusTransition } from '@bia/model';
import { emitEvent } from '../common/events';
import { invalidStateError } from '../common/errors';
import { saveScenario } from './records';

/** For each status, the statuses a scenario may reach it from. */
const reachableFrom: Readonly<Record<ScenarioStatus, readonly ScenarioStatus[]>> = {
    proposed: [],
    approved: ['proposed'],
    rejected: ['proposed'],
    withdrawn: ['proposed', 'approved'],
    piloting: ['approved'],
    evaluated: ['piloting'],
    closed: ['evaluated'],
};

export function assertScenarioStatus(scenario: Scenario, allowed: readonly ScenarioStatus[], action: string): void {
    if (!allowed.includes(scenario.status)) {
        throw invalidStateError(
            `cannot ${action}: scenario ${scenario.scenarioId} is ${scenario.status} (needs ${allowed.join(' or ')})`,
            { scenarioId: scenario.scenarioId, status: scenario.status },
        );
    }
}

export interface ScenarioStatusChange {
    readonly to: ScenarioStatus;
    readonly reason: string;
    readonly stamp: Stamp;
    readonly motionId?: string;
}

/**
 * Moves a scenario to a new status (with any other changes already in `scenario`), records the transition and
 * emits ScenarioStatusChanged.
 */
export async function changeScenarioStatus(
    ctx: Context,
    before: Scenario,
    change: ScenarioStatusChange,
    scenario: Scenario = before,
): Promise<Scenario> {
    assertScenarioStatus(before, reachableFrom[change.to], `make it ${change.to}`);
    const transition: StatusTransition<ScenarioStatus> = {
        from: before.status,
        to: change.to,
        reason: change.reason,
        stamp: change.stamp,
        ...(change.motionId === undefined ? {} : { motionId: change.motionId }),
    };
    const updated: Scenario = { ...scenario, status: change.to, transitions: [...before.transitions, transition] };
    await saveScenario(ctx, before, updated);
    emitEvent(ctx, 'ScenarioStatusChanged', {
        scenarioId: before.scenarioId,
        from: before.status,
        to: change.to,
        txId: change.stamp.txId,
        at: change.stamp.at,
        ...(change.motionId === undefined ? {} : { motionId: change.motionId }),
    });
    return updated;
}

/** Whether a closed motion may still move the scenario (the lead may have withdrawn it meanwhile). */
export function canChangeScenarioStatus(from: ScenarioStatus, to: ScenarioStatus): boolean {
    return reachableFrom[to].includes(from);
}

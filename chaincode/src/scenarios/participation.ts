// Joining and leaving a scenario: an active member asks, the lead consents or declines.
import type { Context } from 'fabric-contract-api';
import type { ParticipationAction, ParticipationRequest, Scenario, ScenarioStatus } from '@bia/model';
import { invalidStateError } from '../common/errors';
import { assertAbsent } from '../common/state';
import { stamp } from '../common/stamp';
import type { Actor } from '../membership/actors';
import { readMember } from '../membership/records';
import { ledScenario } from './lifecycle';
import {
    deleteParticipationRequest,
    getParticipationRequest,
    getScenario,
    participationRecord,
    saveParticipationRequest,
    saveScenario,
} from './records';
import { assertScenarioStatus } from './status';

/** Members join or leave while the scenario is being prepared or piloted. */
const openStatuses: readonly ScenarioStatus[] = ['proposed', 'approved', 'piloting'];

export async function requestParticipation(
    ctx: Context,
    requester: Actor,
    scenarioId: string,
    action: ParticipationAction,
): Promise<ParticipationRequest> {
    const scenario = await getScenario(ctx, scenarioId);
    const memberId = requester.member.memberId;
    assertScenarioStatus(scenario, openStatuses, `${action} it`);
    assertActionFits(scenario, memberId, action);
    await assertAbsent(ctx, participationRecord, [scenarioId, memberId]);
    const request: ParticipationRequest = { scenarioId, memberId, action, requested: stamp(ctx, memberId) };
    await saveParticipationRequest(ctx, request);
    return request;
}

/** The lead applies a pending request: a joining member must still be active. */
export async function consentToParticipation(
    ctx: Context,
    lead: Actor,
    scenarioId: string,
    memberId: string,
): Promise<Scenario> {
    const scenario = await ledScenario(ctx, lead, scenarioId);
    const request = await getParticipationRequest(ctx, scenarioId, memberId);
    assertScenarioStatus(scenario, openStatuses, `let ${memberId} ${request.action} it`);
    assertActionFits(scenario, memberId, request.action);
    if (request.action === 'join') {
        const member = await readMember(ctx, memberId);
        if (member?.status !== 'active') {
            throw invalidStateError(`member ${memberId} is no longer active`, { memberId });
        }
    }
    const participants =
        request.action === 'join'
            ? [...scenario.participants, memberId]
            : scenario.participants.filter((participant) => participant !== memberId);
    const updated: Scenario = { ...scenario, participants };
    await saveScenario(ctx, scenario, updated);
    await deleteParticipationRequest(ctx, request);
    return updated;
}

/** The lead declines a pending request; the reason stays in the transaction's arguments on the ledger. */
export async function declineParticipation(
    ctx: Context,
    lead: Actor,
    scenarioId: string,
    memberId: string,
): Promise<ParticipationRequest> {
    await ledScenario(ctx, lead, scenarioId);
    const request = await getParticipationRequest(ctx, scenarioId, memberId);
    await deleteParticipationRequest(ctx, request);
    return request;
}

/** Only non-participants join; only participants other than the lead leave. */
function assertActionFits(scenario: Scenario, memberId: string, action: ParticipationAction): void {
    const takesPart = scenario.participants.includes(memberId);
    if (action === 'join' && takesPart) {
        throw invalidStateError(`member ${memberId} already takes part in scenario ${scenario.scenarioId}`, {
            scenarioId: scenario.scenarioId,
            memberId,
        });
    }
    if (action === 'leave' && (!takesPart || scenario.leadMemberId === memberId)) {
        throw invalidStateError(
            `member ${memberId} cannot leave scenario ${scenario.scenarioId}: only participants other than the lead leave`,
            { scenarioId: scenario.scenarioId, memberId },
        );
    }
}

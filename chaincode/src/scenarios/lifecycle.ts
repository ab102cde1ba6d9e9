// A scenario's life: proposal, withdrawal, pilot start (under the charter's cap), evaluation, closure.
import type { Context } from 'fabric-contract-api';
import type { EvaluationAcknowledgement, EvaluationReport, Scenario, ScenarioProposal } from '@bia/model';
import { invalidStateError, unauthorizedError, validationError } from '../common/errors';
import { assertAbsent, listKeys } from '../common/state';
import { stamp } from '../common/stamp';
import { openMotion } from '../governance/motions';
import type { Actor } from '../membership/actors';
import { getCharter, readMember } from '../membership/records';
import {
    acknowledgementRecord,
    getScenario,
    saveAcknowledgement,
    saveScenario,
    scenarioByStatus,
    scenarioRecord,
} from './records';
import { assertScenarioStatus, changeScenarioStatus } from './status';

/** The motion that decides whether a scenario is approved. */
export function approvalMotionId(scenarioId: string): string {
    return `approve-${scenarioId}`;
}

/**
 * An active member proposes a scenario it leads. It takes part from the start; planned participants are a plan:
 * each joins (RequestParticipation + the lead's consent) once the scenario exists.
 */
export async function proposeScenario(ctx: Context, lead: Actor, proposal: ScenarioProposal): Promise<Scenario> {
    if (proposal.leadMemberId !== lead.member.memberId) {
        throw unauthorizedError(`only the lead member (${proposal.leadMemberId}) proposes its scenario`, {
            leadMemberId: proposal.leadMemberId,
            actingFor: lead.member.memberId,
        });
    }
    for (const [index, memberId] of proposal.plannedParticipants.entries()) {
        const member = await readMember(ctx, memberId);
        if (member?.status !== 'active') {
            throw validationError(`proposal.plannedParticipants[${index}]`, 'must be the ID of an active member');
        }
    }
    const charter = await getCharter(ctx);
    await assertAbsent(ctx, scenarioRecord, [proposal.scenarioId]);
    const proposed = stamp(ctx, lead.member.memberId);
    const motionId = approvalMotionId(proposal.scenarioId);
    const scenario: Scenario = {
        ...proposal,
        status: 'proposed',
        participants: [proposal.leadMemberId],
        motionId,
        proposedAt: proposed.at,
        transitions: [{ from: null, to: 'proposed', reason: 'proposal', stamp: proposed }],
    };
    await saveScenario(ctx, undefined, scenario);
    await openMotion(
        ctx,
        charter,
        { motionId, kind: 'approve-scenario', subjectId: scenario.scenarioId, reason: `approval of ${scenario.title}` },
        proposed,
    );
    return scenario;
}

/** The scenario, if the actor is its lead. */
export async function ledScenario(ctx: Context, lead: Actor, scenarioId: string): Promise<Scenario> {
    const scenario = await getScenario(ctx, scenarioId);
    if (scenario.leadMemberId !== lead.member.memberId) {
        throw unauthorizedError(`only the lead member of scenario ${scenarioId} may do this`, {
            scenarioId,
            leadMemberId: scenario.leadMemberId,
            actingFor: lead.member.memberId,
        });
    }
    return scenario;
}

export async function withdrawScenario(
    ctx: Context,
    lead: Actor,
    scenarioId: string,
    reason: string,
): Promise<Scenario> {
    const scenario = await ledScenario(ctx, lead, scenarioId);
    return changeScenarioStatus(ctx, scenario, { to: 'withdrawn', reason, stamp: stamp(ctx, lead.member.memberId) });
}

/**
 * approved → piloting, refused while the charter's cap of running pilots is reached. The running pilots are
 * counted with a partial-composite-key read of the status index, so two concurrent starts that would together
 * exceed the cap cannot both commit: the later one fails Fabric's phantom-read check.
 */
export async function startPilot(ctx: Context, lead: Actor, scenarioId: string): Promise<Scenario> {
    const scenario = await ledScenario(ctx, lead, scenarioId);
    assertScenarioStatus(scenario, ['approved'], 'start the pilot');
    const charter = await getCharter(ctx);
    const running = (await listKeys(ctx, scenarioByStatus, ['piloting'])).length;
    if (running >= charter.maxRunningPilots) {
        throw invalidStateError(
            `the charter's maxRunningPilots cap is reached: ${running} of ${charter.maxRunningPilots} pilots are running`,
            { rule: 'maxRunningPilots', maxRunningPilots: charter.maxRunningPilots, running },
        );
    }
    return changeScenarioStatus(ctx, scenario, {
        to: 'piloting',
        reason: 'pilot started',
        stamp: stamp(ctx, lead.member.memberId),
    });
}

export async function submitEvaluation(
    ctx: Context,
    lead: Actor,
    scenarioId: string,
    report: EvaluationReport,
): Promise<Scenario> {
    const scenario = await ledScenario(ctx, lead, scenarioId);
    const recorded = stamp(ctx, lead.member.memberId);
    return changeScenarioStatus(
        ctx,
        scenario,
        { to: 'evaluated', reason: 'evaluation submitted', stamp: recorded },
        { ...scenario, evaluation: { ...report, recorded } },
    );
}

/** A participant other than the lead acknowledges the evaluation report, once. */
export async function acknowledgeEvaluation(
    ctx: Context,
    participant: Actor,
    scenarioId: string,
): Promise<EvaluationAcknowledgement> {
    const scenario = await getScenario(ctx, scenarioId);
    const memberId = participant.member.memberId;
    if (!scenario.participants.includes(memberId) || scenario.leadMemberId === memberId) {
        throw unauthorizedError(
            `only participants of scenario ${scenarioId} other than its lead acknowledge its evaluation`,
            {
                scenarioId,
                memberId,
            },
        );
    }
    assertScenarioStatus(scenario, ['evaluated', 'closed'], 'acknowledge the evaluation');
    await assertAbsent(ctx, acknowledgementRecord, [scenarioId, memberId]);
    const acknowledgement: EvaluationAcknowledgement = { scenarioId, memberId, acknowledged: stamp(ctx, memberId) };
    await saveAcknowledgement(ctx, acknowledgement);
    return acknowledgement;
}

export async function closeScenario(ctx: Context, lead: Actor, scenarioId: string): Promise<Scenario> {
    const scenario = await ledScenario(ctx, lead, scenarioId);
    return changeScenarioStatus(ctx, scenario, {
        to: 'closed',
        reason: 'scenario closed',
        stamp: stamp(ctx, lead.member.memberId),
    });
}

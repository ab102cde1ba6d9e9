// The scenarios contract: pilot application scenarios from proposal to evaluation.
import { Type } from '@sinclair/typebox';
import type { EvaluationReport, ParticipationAction, ScenarioProposal } from '@bia/model';
import type { MilestoneInput } from '@bia/client';
import {
    EvaluationBody,
    IdParam,
    MemberRefBody,
    MilestoneBody,
    ParticipationBody,
    ReasonBody,
    ScenarioBody,
    ScenarioQuery as ScenarioQuerySchema,
} from './schemas';
import { type RouteSpec, bodyOf, param } from './route-spec';

const scenarioParam = IdParam('scenarioId', 'The scenario');
const id = (input: Parameters<RouteSpec['run']>[1]): string => param(input, 'scenarioId');

/** A scenario operation with no body beyond the scenario's ID. */
function step(url: string, operationId: string, summary: string, run: RouteSpec['run']): RouteSpec {
    return {
        method: 'POST',
        url,
        operationId,
        summary,
        tag: 'scenarios',
        permission: 'act',
        params: scenarioParam,
        run,
    };
}

export const scenarioRoutes: readonly RouteSpec[] = [
    {
        method: 'GET',
        url: '/api/scenarios',
        operationId: 'QueryScenarios',
        summary: 'Scenarios, filtered by status and sector, one page at a time',
        tag: 'scenarios',
        permission: 'read',
        querystring: ScenarioQuerySchema,
        run: (client, input) => client.scenarios.query(input.query),
    },
    {
        method: 'POST',
        url: '/api/scenarios',
        operationId: 'ProposeScenario',
        summary: 'Propose a pilot scenario (an active member, as its lead); opens the approval motion',
        tag: 'scenarios',
        permission: 'act',
        body: ScenarioBody,
        created: true,
        run: (client, input) => client.scenarios.propose(bodyOf<ScenarioProposal>(input)),
    },
    {
        method: 'GET',
        url: '/api/scenarios/:scenarioId',
        operationId: 'GetScenario',
        summary: 'A scenario with its milestones, pending participation requests and acknowledgements',
        tag: 'scenarios',
        permission: 'read',
        params: scenarioParam,
        run: (client, input) => client.scenarios.get(id(input)),
    },
    {
        ...step(
            '/api/scenarios/:scenarioId/withdrawal',
            'WithdrawScenario',
            'Withdraw a proposed scenario (its lead)',
            (client, input) => client.scenarios.withdraw(id(input), bodyOf<{ reason: string }>(input).reason),
        ),
        body: ReasonBody,
    },
    step(
        '/api/scenarios/:scenarioId/pilot',
        'StartPilot',
        "Start the pilot (its lead); refused while the charter's cap of running pilots is reached",
        (client, input) => client.scenarios.startPilot(id(input)),
    ),
    {
        ...step(
            '/api/scenarios/:scenarioId/participation',
            'RequestParticipation',
            'Ask to join or leave a pilot',
            (client, input) =>
                client.scenarios.requestParticipation(id(input), bodyOf<{ action: ParticipationAction }>(input).action),
        ),
        body: ParticipationBody,
    },
    {
        ...step(
            '/api/scenarios/:scenarioId/consents',
            'ConsentToParticipation',
            "Consent to a member's request (the lead)",
            (client, input) =>
                client.scenarios.consentToParticipation(id(input), bodyOf<{ memberId: string }>(input).memberId),
        ),
        body: MemberRefBody,
    },
    {
        ...step(
            '/api/scenarios/:scenarioId/refusals',
            'DeclineParticipation',
            "Decline a member's request (the lead)",
            (client, input) => {
                const body = bodyOf<{ memberId: string; reason: string }>(input);
                return client.scenarios.declineParticipation(id(input), body.memberId, body.reason);
            },
        ),
        body: Type.Composite([MemberRefBody, ReasonBody], { additionalProperties: false }),
    },
    {
        ...step(
            '/api/scenarios/:scenarioId/milestones',
            'RecordMilestone',
            'Record a milestone with its evidence (a participant)',
            (client, input) => client.scenarios.recordMilestone(id(input), bodyOf<MilestoneInput>(input)),
        ),
        body: MilestoneBody,
        created: true,
    },
    {
        ...step(
            '/api/scenarios/:scenarioId/evaluation',
            'SubmitEvaluation',
            'Submit the evaluation report with its KPIs (the lead)',
            (client, input) => client.scenarios.submitEvaluation(id(input), bodyOf<EvaluationReport>(input)),
        ),
        body: EvaluationBody,
    },
    step(
        '/api/scenarios/:scenarioId/acknowledgements',
        'AcknowledgeEvaluation',
        'Acknowledge the evaluation (a participant)',
        (client, input) => client.scenarios.acknowledgeEvaluation(id(input)),
    ),
    step(
        '/api/scenarios/:scenarioId/closing',
        'CloseScenario',
        'Close an evaluated scenario (its lead)',
        (client, input) => client.scenarios.close(id(input)),
    ),
];

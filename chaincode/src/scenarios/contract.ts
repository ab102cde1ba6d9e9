// The 'scenarios' contract: pilot application scenarios from proposal to closure.
// Thin transactions: check the caller, validate the arguments, then call the domain function that holds the rule.
import { Context, Info, Param, Returns, Transaction } from 'fabric-contract-api';
import {
    type EvaluationAcknowledgement,
    type Milestone,
    type Page,
    type ParticipationRequest,
    type Scenario,
    type ScenarioDossier,
    participationActions,
} from '@bia/model';
import { AssociationContract } from '../common/contract-base';
import { idArgument, limits, oneOfArgument, textArgument } from '../common/validation';
import { activeMember } from '../membership/actors';
import { rebuildIndexes } from '../membership/maintenance';
import {
    acknowledgeEvaluation,
    closeScenario,
    proposeScenario,
    startPilot,
    submitEvaluation,
    withdrawScenario,
} from './lifecycle';
import { parseEvaluationReport, parseMilestone, parseProposal, parseScenarioQuery } from './mapping';
import {
    EvaluationAcknowledgementType,
    MilestoneType,
    ParticipationRequestType,
    ScenarioDossierType,
    ScenarioPageType,
    ScenarioType,
} from './metadata';
import { recordMilestone } from './milestones';
import { consentToParticipation, declineParticipation, requestParticipation } from './participation';
import { queryScenarios, scenarioDossier } from './queries';
import { getScenario, scenarioIndexes } from './records';

@Info({ title: 'scenarios', description: 'Pilot application scenarios: proposal, council approval, pilot, evaluation' })
export class ScenariosContract extends AssociationContract {
    constructor() {
        super('scenarios');
    }

    @Transaction()
    @Param('proposal', 'string', 'ScenarioProposal as JSON')
    @Returns(ScenarioType.name)
    async ProposeScenario(ctx: Context, proposal: string): Promise<Scenario> {
        const lead = await activeMember(ctx);
        return await proposeScenario(ctx, lead, parseProposal(proposal));
    }

    @Transaction()
    @Param('scenarioId', 'string', 'A proposed or approved scenario the caller leads')
    @Param('reason', 'string', 'Why it is withdrawn')
    @Returns(ScenarioType.name)
    async WithdrawScenario(ctx: Context, scenarioId: string, reason: string): Promise<Scenario> {
        const lead = await activeMember(ctx);
        return await withdrawScenario(
            ctx,
            lead,
            idArgument(scenarioId, 'scenarioId'),
            textArgument(reason, 'reason', { max: limits.longText }),
        );
    }

    @Transaction()
    @Param('scenarioId', 'string', 'An approved scenario the caller leads')
    @Returns(ScenarioType.name)
    async StartPilot(ctx: Context, scenarioId: string): Promise<Scenario> {
        const lead = await activeMember(ctx);
        return await startPilot(ctx, lead, idArgument(scenarioId, 'scenarioId'));
    }

    @Transaction()
    @Param('scenarioId', 'string', 'The scenario')
    @Param('action', 'string', 'join or leave')
    @Returns(ParticipationRequestType.name)
    async RequestParticipation(ctx: Context, scenarioId: string, action: string): Promise<ParticipationRequest> {
        const requester = await activeMember(ctx);
        return await requestParticipation(
            ctx,
            requester,
            idArgument(scenarioId, 'scenarioId'),
            oneOfArgument(action, 'action', participationActions),
        );
    }

    @Transaction()
    @Param('scenarioId', 'string', 'A scenario the caller leads')
    @Param('memberId', 'string', 'The member whose pending request the lead accepts')
    @Returns(ScenarioType.name)
    async ConsentToParticipation(ctx: Context, scenarioId: string, memberId: string): Promise<Scenario> {
        const lead = await activeMember(ctx);
        return await consentToParticipation(
            ctx,
            lead,
            idArgument(scenarioId, 'scenarioId'),
            idArgument(memberId, 'memberId'),
        );
    }

    @Transaction()
    @Param('scenarioId', 'string', 'A scenario the caller leads')
    @Param('memberId', 'string', 'The member whose pending request the lead declines')
    @Param('reason', 'string', 'Why the request is declined')
    @Returns(ParticipationRequestType.name)
    async DeclineParticipation(
        ctx: Context,
        scenarioId: string,
        memberId: string,
        reason: string,
    ): Promise<ParticipationRequest> {
        const lead = await activeMember(ctx);
        textArgument(reason, 'reason', { max: limits.longText });
        return await declineParticipation(
            ctx,
            lead,
            idArgument(scenarioId, 'scenarioId'),
            idArgument(memberId, 'memberId'),
        );
    }

    @Transaction()
    @Param('scenarioId', 'string', 'An approved or piloting scenario the caller takes part in')
    @Param('milestone', 'string', 'JSON {milestoneId, title, evidence: {sha256, uri}}')
    @Returns(MilestoneType.name)
    async RecordMilestone(ctx: Context, scenarioId: string, milestone: string): Promise<Milestone> {
        const recorder = await activeMember(ctx);
        return await recordMilestone(ctx, recorder, idArgument(scenarioId, 'scenarioId'), parseMilestone(milestone));
    }

    @Transaction()
    @Param('scenarioId', 'string', 'A piloting scenario the caller leads')
    @Param('report', 'string', 'EvaluationReport as JSON')
    @Returns(ScenarioType.name)
    async SubmitEvaluation(ctx: Context, scenarioId: string, report: string): Promise<Scenario> {
        const lead = await activeMember(ctx);
        return await submitEvaluation(ctx, lead, idArgument(scenarioId, 'scenarioId'), parseEvaluationReport(report));
    }

    @Transaction()
    @Param('scenarioId', 'string', 'An evaluated scenario the caller takes part in (not as its lead)')
    @Returns(EvaluationAcknowledgementType.name)
    async AcknowledgeEvaluation(ctx: Context, scenarioId: string): Promise<EvaluationAcknowledgement> {
        const participant = await activeMember(ctx);
        return await acknowledgeEvaluation(ctx, participant, idArgument(scenarioId, 'scenarioId'));
    }

    @Transaction()
    @Param('scenarioId', 'string', 'An evaluated scenario the caller leads')
    @Returns(ScenarioType.name)
    async CloseScenario(ctx: Context, scenarioId: string): Promise<Scenario> {
        const lead = await activeMember(ctx);
        return await closeScenario(ctx, lead, idArgument(scenarioId, 'scenarioId'));
    }

    @Transaction(false)
    @Param('scenarioId', 'string', 'The scenario')
    @Returns(ScenarioDossierType.name)
    async GetScenario(ctx: Context, scenarioId: string): Promise<ScenarioDossier> {
        return await scenarioDossier(ctx, idArgument(scenarioId, 'scenarioId'));
    }

    @Transaction(false)
    @Param('query', 'string', 'ScenarioQuery as JSON: status, sector, pageSize, bookmark')
    @Returns(ScenarioPageType.name)
    async QueryScenarios(ctx: Context, query: string): Promise<Page<Scenario>> {
        return await queryScenarios(ctx, parseScenarioQuery(query));
    }

    @Transaction()
    @Param(
        'request',
        'string',
        '{"ids": [...]}: up to 100 scenario IDs (a page of QueryScenarios without filters) whose index entries to rebuild',
    )
    @Returns('number')
    async RebuildIndexes(ctx: Context, request: string): Promise<number> {
        return rebuildIndexes(ctx, scenarioIndexes, request, (id) => getScenario(ctx, id));
    }
}

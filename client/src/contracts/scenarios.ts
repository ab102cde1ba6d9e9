// Typed transactions of the scenarios contract: pilot application scenarios from proposal to closing.
import type {
    EvaluationReport,
    Milestone,
    Page,
    ParticipationAction,
    ParticipationRequest,
    Scenario,
    ScenarioDossier,
    ScenarioProposal,
    ScenarioQuery,
    Evidence,
} from '@bia/model';
import { type ContractCaller, json } from './caller';

export interface MilestoneInput {
    readonly milestoneId: string;
    readonly title: string;
    readonly evidence: Evidence;
}

/** The scenarios contract. Writes submit; reads evaluate. */
export interface ScenariosClient {
    /** Proposes a scenario led by the caller's member and opens its council vote. */
    propose(proposal: ScenarioProposal): Promise<Scenario>;
    withdraw(scenarioId: string, reason: string): Promise<Scenario>;
    /** Starts the pilot; refused while the charter's cap of running pilots is reached. */
    startPilot(scenarioId: string): Promise<Scenario>;
    requestParticipation(scenarioId: string, action: ParticipationAction): Promise<ParticipationRequest>;
    consentToParticipation(scenarioId: string, memberId: string): Promise<Scenario>;
    declineParticipation(scenarioId: string, memberId: string, reason: string): Promise<void>;
    recordMilestone(scenarioId: string, milestone: MilestoneInput): Promise<Milestone>;
    submitEvaluation(scenarioId: string, report: EvaluationReport): Promise<Scenario>;
    acknowledgeEvaluation(scenarioId: string): Promise<void>;
    close(scenarioId: string): Promise<Scenario>;
    get(scenarioId: string): Promise<ScenarioDossier>;
    query(query?: ScenarioQuery): Promise<Page<Scenario>>;
}

export class ScenariosClientImpl implements ScenariosClient {
    readonly #call: ContractCaller;

    constructor(caller: ContractCaller) {
        this.#call = caller;
    }

    propose(proposal: ScenarioProposal): Promise<Scenario> {
        return this.#call.submit('ProposeScenario', [json(proposal)]);
    }
    withdraw(scenarioId: string, reason: string): Promise<Scenario> {
        return this.#call.submit('WithdrawScenario', [scenarioId, reason]);
    }
    startPilot(scenarioId: string): Promise<Scenario> {
        return this.#call.submit('StartPilot', [scenarioId]);
    }
    requestParticipation(scenarioId: string, action: ParticipationAction): Promise<ParticipationRequest> {
        return this.#call.submit('RequestParticipation', [scenarioId, action]);
    }
    consentToParticipation(scenarioId: string, memberId: string): Promise<Scenario> {
        return this.#call.submit('ConsentToParticipation', [scenarioId, memberId]);
    }
    declineParticipation(scenarioId: string, memberId: string, reason: string): Promise<void> {
        return this.#call.submit('DeclineParticipation', [scenarioId, memberId, reason]);
    }
    recordMilestone(scenarioId: string, milestone: MilestoneInput): Promise<Milestone> {
        return this.#call.submit('RecordMilestone', [scenarioId, json(milestone)]);
    }
    submitEvaluation(scenarioId: string, report: EvaluationReport): Promise<Scenario> {
        return this.#call.submit('SubmitEvaluation', [scenarioId, json(report)]);
    }
    acknowledgeEvaluation(scenarioId: string): Promise<void> {
        return this.#call.submit('AcknowledgeEvaluation', [scenarioId]);
    }
    close(scenarioId: string): Promise<Scenario> {
        return this.#call.submit('CloseScenario', [scenarioId]);
    }
    get(scenarioId: string): Promise<ScenarioDossier> {
        return this.#call.query('GetScenario', [scenarioId]);
    }
    query(query: ScenarioQuery = {}): Promise<Page<Scenario>> {
        return this.#call.query('QueryScenarios', [json(query)]);
    }
}

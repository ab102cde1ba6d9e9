// Typed transactions of the scenarios contract: pilot application scenarios from proposal to closing.
import type {
    EvaluationAcknowledgement,
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

/** A milestone as recorded by `recordMilestone`: the chaincode adds who recorded it and when. */
export interface MilestoneInput {
    /** Unique within the scenario. */
    readonly milestoneId: string;
    /** What was achieved. */
    readonly title: string;
    /** A fingerprint (SHA-256) and location of the document that proves it. */
    readonly evidence: Evidence;
}

/**
 * The scenarios contract: pilot application scenarios from proposal to closing. Writes submit and wait for the
 * commit; reads evaluate on one peer. Refusals reject with a `ChaincodeError` subclass.
 */
export interface ScenariosClient {
    /**
     * Proposes a scenario led by the caller's member and opens its council vote.
     * @param proposal - the scenario's ID, title, sector, goals and KPIs
     * @returns the scenario, status `proposed`
     */
    propose(proposal: ScenarioProposal): Promise<Scenario>;
    /**
     * Withdraws a scenario; its lead.
     * @param scenarioId - the scenario
     * @param reason - recorded with the status change
     * @returns the scenario, status `withdrawn`
     */
    withdraw(scenarioId: string, reason: string): Promise<Scenario>;
    /**
     * Starts an approved scenario's pilot; its lead. Refused while the charter's cap of running pilots is reached.
     * @param scenarioId - the scenario
     * @returns the scenario, status `piloting`
     */
    startPilot(scenarioId: string): Promise<Scenario>;
    /**
     * Asks to join or leave a scenario; an active member. The lead consents or declines.
     * @param scenarioId - the scenario
     * @param action - `join` or `leave`
     * @returns the pending request
     */
    requestParticipation(scenarioId: string, action: ParticipationAction): Promise<ParticipationRequest>;
    /**
     * Grants a member's pending participation request; the lead.
     * @param scenarioId - the scenario
     * @param memberId - the requesting member
     * @returns the scenario with its participants updated
     */
    consentToParticipation(scenarioId: string, memberId: string): Promise<Scenario>;
    /**
     * Declines a member's pending participation request; the lead.
     * @param scenarioId - the scenario
     * @param memberId - the requesting member
     * @param reason - why it is declined
     * @returns the declined request
     */
    declineParticipation(scenarioId: string, memberId: string, reason: string): Promise<ParticipationRequest>;
    /**
     * Records a milestone with its evidence.
     * @param scenarioId - the scenario
     * @param milestone - the milestone's ID, title and evidence
     * @returns the milestone as recorded
     */
    recordMilestone(scenarioId: string, milestone: MilestoneInput): Promise<Milestone>;
    /**
     * Submits the evaluation report with its KPI results; the lead.
     * @param scenarioId - the scenario
     * @param report - the summary and KPI results
     * @returns the scenario, status `evaluated`
     */
    submitEvaluation(scenarioId: string, report: EvaluationReport): Promise<Scenario>;
    /**
     * Acknowledges the evaluation report; a participant.
     * @param scenarioId - the scenario
     * @returns the acknowledgement
     */
    acknowledgeEvaluation(scenarioId: string): Promise<EvaluationAcknowledgement>;
    /**
     * Closes an evaluated scenario; the lead.
     * @param scenarioId - the scenario
     * @returns the scenario, status `closed`
     */
    close(scenarioId: string): Promise<Scenario>;
    /**
     * Reads a scenario with everything recorded about it.
     * @param scenarioId - the scenario
     * @returns the scenario, its milestones, pending requests and acknowledgements
     * @throws `NotFoundError` when there is no such scenario
     */
    get(scenarioId: string): Promise<ScenarioDossier>;
    /**
     * Lists scenarios, one page at a time.
     * @param query - filters (status, sector) and paging (pageSize, bookmark); default: the first page of all
     * @returns one page; pass its bookmark for the next
     */
    query(query?: ScenarioQuery): Promise<Page<Scenario>>;
    /**
     * Rebuilds the index entries of some scenarios after a chaincode upgrade added indexes; an admin of the
     * secretariat's MSP. Writes only what the records already determine.
     * @param ids - up to 100 IDs, e.g. one page of `query()` without filters
     * @returns how many records were rebuilt
     */
    rebuildIndexes(ids: readonly string[]): Promise<number>;
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
    declineParticipation(scenarioId: string, memberId: string, reason: string): Promise<ParticipationRequest> {
        return this.#call.submit('DeclineParticipation', [scenarioId, memberId, reason]);
    }
    recordMilestone(scenarioId: string, milestone: MilestoneInput): Promise<Milestone> {
        return this.#call.submit('RecordMilestone', [scenarioId, json(milestone)]);
    }
    submitEvaluation(scenarioId: string, report: EvaluationReport): Promise<Scenario> {
        return this.#call.submit('SubmitEvaluation', [scenarioId, json(report)]);
    }
    acknowledgeEvaluation(scenarioId: string): Promise<EvaluationAcknowledgement> {
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
    rebuildIndexes(ids: readonly string[]): Promise<number> {
        return this.#call.submit('RebuildIndexes', [json({ ids })]);
    }
}

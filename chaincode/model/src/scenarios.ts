// Pilot application scenarios: proposed by members, approved by the council, piloted, evaluated.
import type { CalendarDate, Evidence, Instant, Stamp, StatusTransition } from './common';

export const scenarioStatuses = [
    'proposed',
    'approved',
    'piloting',
    'evaluated',
    'closed',
    'rejected',
    'withdrawn',
] as const;
export type ScenarioStatus = (typeof scenarioStatuses)[number];

export interface ScenarioProposal {
    readonly scenarioId: string;
    readonly title: string;
    readonly sector: string;
    readonly problem: string;
    readonly expectedOutcome: string;
    readonly leadMemberId: string;
    readonly plannedParticipants: readonly string[];
    readonly plannedStart: CalendarDate;
    readonly plannedEnd: CalendarDate;
}

export interface Kpi {
    readonly name: string;
    /** Within ±10^15, exact (numberBounds.kpiValue). */
    readonly value: number;
    readonly unit: string;
    /** Within ±10^15, exact (numberBounds.kpiValue). */
    readonly target?: number;
}

export interface EvaluationReport {
    readonly summary: string;
    readonly kpis: readonly Kpi[];
    readonly evidence?: Evidence;
}

export interface Evaluation extends EvaluationReport {
    readonly recorded: Stamp;
}

export interface Scenario extends ScenarioProposal {
    readonly status: ScenarioStatus;
    /** Members taking part now (the lead always does). */
    readonly participants: readonly string[];
    readonly motionId: string;
    readonly proposedAt: Instant;
    readonly transitions: readonly StatusTransition<ScenarioStatus>[];
    readonly evaluation?: Evaluation;
}

export interface Milestone {
    readonly scenarioId: string;
    readonly milestoneId: string;
    readonly title: string;
    readonly evidence: Evidence;
    readonly recorded: Stamp;
}

export const participationActions = ['join', 'leave'] as const;
export type ParticipationAction = (typeof participationActions)[number];

/** A member's request to join or leave, applied when the lead consents. */
export interface ParticipationRequest {
    readonly scenarioId: string;
    readonly memberId: string;
    readonly action: ParticipationAction;
    readonly requested: Stamp;
}

export interface EvaluationAcknowledgement {
    readonly scenarioId: string;
    readonly memberId: string;
    readonly acknowledged: Stamp;
}

/** A scenario with everything recorded about it. */
export interface ScenarioDossier {
    readonly scenario: Scenario;
    readonly milestones: readonly Milestone[];
    readonly pendingRequests: readonly ParticipationRequest[];
    readonly acknowledgements: readonly EvaluationAcknowledgement[];
}

export interface ScenarioQuery {
    readonly status?: ScenarioStatus;
    readonly sector?: string;
    /** A whole number, 1 to 100 (numberBounds.pageSize); 20 when left out. */
    readonly pageSize?: number;
    readonly bookmark?: string;
}

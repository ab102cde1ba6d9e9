// Contract metadata for scenario records: @Object classes mirroring @bia/model types, field for field.
import { Object as DataType, Property } from 'fabric-contract-api';
import type {
    Evaluation,
    EvaluationAcknowledgement,
    Evidence,
    Kpi,
    Milestone,
    Page,
    ParticipationAction,
    ParticipationRequest,
    Scenario,
    ScenarioDossier,
    ScenarioStatus,
    StatusTransition,
} from '@bia/model';
import { StampType } from '../common/metadata';
import type { Check, NoExtraKeys } from '../common/metadata-check';

@DataType()
export class EvidenceType implements Evidence {
    @Property('sha256', 'string') readonly sha256!: string;
    @Property('uri', 'string') readonly uri!: string;
}

@DataType()
export class KpiType implements Kpi {
    @Property('name', 'string') readonly name!: string;
    @Property('value', 'number') readonly value!: number;
    @Property('unit', 'string') readonly unit!: string;
    @Property('target', 'number') readonly target?: number;
}

@DataType()
export class EvaluationType implements Evaluation {
    @Property('summary', 'string') readonly summary!: string;
    @Property('kpis', 'KpiType[]') readonly kpis!: readonly KpiType[];
    @Property('evidence', 'EvidenceType') readonly evidence?: EvidenceType;
    @Property('recorded', 'StampType') readonly recorded!: StampType;
}

@DataType()
export class ScenarioStatusTransitionType implements StatusTransition<ScenarioStatus> {
    @Property('from', 'string') readonly from!: ScenarioStatus | null;
    @Property('to', 'string') readonly to!: ScenarioStatus;
    @Property('reason', 'string') readonly reason!: string;
    @Property('stamp', 'StampType') readonly stamp!: StampType;
    @Property('motionId', 'string') readonly motionId?: string;
}

@DataType()
export class ScenarioType implements Scenario {
    @Property('scenarioId', 'string') readonly scenarioId!: string;
    @Property('title', 'string') readonly title!: string;
    @Property('sector', 'string') readonly sector!: string;
    @Property('problem', 'string') readonly problem!: string;
    @Property('expectedOutcome', 'string') readonly expectedOutcome!: string;
    @Property('leadMemberId', 'string') readonly leadMemberId!: string;
    @Property('plannedParticipants', 'string[]') readonly plannedParticipants!: readonly string[];
    @Property('plannedStart', 'string') readonly plannedStart!: string;
    @Property('plannedEnd', 'string') readonly plannedEnd!: string;
    @Property('status', 'string') readonly status!: ScenarioStatus;
    @Property('participants', 'string[]') readonly participants!: readonly string[];
    @Property('motionId', 'string') readonly motionId!: string;
    @Property('proposedAt', 'string') readonly proposedAt!: string;
    @Property('transitions', 'ScenarioStatusTransitionType[]')
    readonly transitions!: readonly ScenarioStatusTransitionType[];
    @Property('evaluation', 'EvaluationType') readonly evaluation?: EvaluationType;
}

@DataType()
export class ScenarioPageType implements Page<Scenario> {
    @Property('records', 'ScenarioType[]') readonly records!: readonly ScenarioType[];
    @Property('bookmark', 'string') readonly bookmark!: string;
    @Property('fetchedCount', 'number') readonly fetchedCount!: number;
}

@DataType()
export class MilestoneType implements Milestone {
    @Property('scenarioId', 'string') readonly scenarioId!: string;
    @Property('milestoneId', 'string') readonly milestoneId!: string;
    @Property('title', 'string') readonly title!: string;
    @Property('evidence', 'EvidenceType') readonly evidence!: EvidenceType;
    @Property('recorded', 'StampType') readonly recorded!: StampType;
}

@DataType()
export class ParticipationRequestType implements ParticipationRequest {
    @Property('scenarioId', 'string') readonly scenarioId!: string;
    @Property('memberId', 'string') readonly memberId!: string;
    @Property('action', 'string') readonly action!: ParticipationAction;
    @Property('requested', 'StampType') readonly requested!: StampType;
}

@DataType()
export class EvaluationAcknowledgementType implements EvaluationAcknowledgement {
    @Property('scenarioId', 'string') readonly scenarioId!: string;
    @Property('memberId', 'string') readonly memberId!: string;
    @Property('acknowledged', 'StampType') readonly acknowledged!: StampType;
}

@DataType()
export class ScenarioDossierType implements ScenarioDossier {
    @Property('scenario', 'ScenarioType') readonly scenario!: ScenarioType;
    @Property('milestones', 'MilestoneType[]') readonly milestones!: readonly MilestoneType[];
    @Property('pendingRequests', 'ParticipationRequestType[]')
    readonly pendingRequests!: readonly ParticipationRequestType[];
    @Property('acknowledgements', 'EvaluationAcknowledgementType[]')
    readonly acknowledgements!: readonly EvaluationAcknowledgementType[];
}

export type ScenariosMetadataIsExact = [
    Check<NoExtraKeys<EvidenceType, Evidence>>,
    Check<NoExtraKeys<KpiType, Kpi>>,
    Check<NoExtraKeys<EvaluationType, Evaluation>>,
    Check<NoExtraKeys<ScenarioStatusTransitionType, StatusTransition<ScenarioStatus>>>,
    Check<NoExtraKeys<ScenarioType, Scenario>>,
    Check<NoExtraKeys<ScenarioPageType, Page<Scenario>>>,
    Check<NoExtraKeys<MilestoneType, Milestone>>,
    Check<NoExtraKeys<ParticipationRequestType, ParticipationRequest>>,
    Check<NoExtraKeys<EvaluationAcknowledgementType, EvaluationAcknowledgement>>,
    Check<NoExtraKeys<ScenarioDossierType, ScenarioDossier>>,
];

// Scenario requests from their JSON arguments: every field checked, unknown fields refused.
import {
    type Evidence,
    type EvaluationReport,
    type Kpi,
    type ScenarioProposal,
    numberBounds,
    scenarioStatuses,
} from '@bia/model';
import { validationError } from '../common/errors';
import { type Fields, items, limits, parseJsonObject } from '../common/validation';
import { pageRequest } from '../common/paging';
import { sectorKey } from '../membership/records';
import type { ScenarioPageRequest } from './queries';

export interface MilestoneInput {
    readonly milestoneId: string;
    readonly title: string;
    readonly evidence: Evidence;
}

/** The sector is a tag, stored trimmed and in lower case like members' sectors. */
export function parseProposal(text: string, path = 'proposal'): ScenarioProposal {
    const fields = parseJsonObject(text, path).allowOnly(
        'scenarioId',
        'title',
        'sector',
        'problem',
        'expectedOutcome',
        'leadMemberId',
        'plannedParticipants',
        'plannedStart',
        'plannedEnd',
    );
    const proposal: ScenarioProposal = {
        scenarioId: fields.id('scenarioId'),
        title: fields.text('title', { max: limits.name }),
        sector: sectorKey(fields.text('sector', { max: limits.name })),
        problem: fields.text('problem', { max: limits.longText }),
        expectedOutcome: fields.text('expectedOutcome', { max: limits.longText }),
        leadMemberId: fields.id('leadMemberId'),
        plannedParticipants: fields.list('plannedParticipants', items.id, { unique: true }),
        plannedStart: fields.date('plannedStart'),
        plannedEnd: fields.date('plannedEnd'),
    };
    if (proposal.plannedEnd < proposal.plannedStart) {
        throw validationError(`${path}.plannedEnd`, 'must not be before plannedStart');
    }
    if (proposal.plannedParticipants.includes(proposal.leadMemberId)) {
        throw validationError(`${path}.plannedParticipants`, 'must not name the lead member, who always takes part');
    }
    return proposal;
}

export function parseMilestone(text: string, path = 'milestone'): MilestoneInput {
    const fields = parseJsonObject(text, path).allowOnly('milestoneId', 'title', 'evidence');
    return {
        milestoneId: fields.id('milestoneId'),
        title: fields.text('title', { max: limits.name }),
        evidence: evidenceFrom(fields.object('evidence')),
    };
}

export function parseEvaluationReport(text: string, path = 'report'): EvaluationReport {
    const fields = parseJsonObject(text, path).allowOnly('summary', 'kpis', 'evidence');
    const kpis = fields.list('kpis', items.object, { min: 1 }).map(kpiFrom);
    const names = kpis.map((kpi) => kpi.name);
    if (new Set(names).size !== names.length) {
        throw validationError(`${path}.kpis`, 'must not name a KPI twice');
    }
    const evidence = fields.optionalObject('evidence');
    return {
        summary: fields.text('summary', { max: limits.longText }),
        kpis,
        ...(evidence === undefined ? {} : { evidence: evidenceFrom(evidence) }),
    };
}

export function parseScenarioQuery(text: string, path = 'query'): ScenarioPageRequest {
    const fields = parseJsonObject(text, path).allowOnly('status', 'sector', 'pageSize', 'bookmark');
    const sector = fields.optionalText('sector', { max: limits.name });
    return {
        status: fields.optionalOneOf('status', scenarioStatuses),
        sector: sector === undefined ? undefined : sectorKey(sector),
        ...pageRequest(fields, text),
    };
}

function kpiFrom(fields: Fields): Kpi {
    fields.allowOnly('name', 'value', 'unit', 'target');
    const target = fields.optionalBounded('target', numberBounds.kpiValue);
    return {
        name: fields.text('name', { max: limits.name }),
        value: fields.bounded('value', numberBounds.kpiValue),
        unit: fields.text('unit', { max: 40 }),
        ...(target === undefined ? {} : { target }),
    };
}

function evidenceFrom(fields: Fields): Evidence {
    fields.allowOnly('sha256', 'uri');
    return { sha256: fields.sha256('sha256'), uri: fields.uri('uri') };
}

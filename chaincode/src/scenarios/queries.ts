// Scenario queries: one scenario with everything recorded about it; listings by status and sector.
import type { Context } from 'fabric-contract-api';
import type { Page, Scenario, ScenarioDossier, ScenarioQuery } from '@bia/model';
import { planQuery } from '../common/indexes';
import { type PageRequest, readPage } from '../common/paging';
import {
    getScenario,
    listAcknowledgements,
    listMilestones,
    listParticipationRequests,
    readScenario,
    scenarioIndexes,
} from './records';

export type ScenarioPageRequest = Omit<ScenarioQuery, 'pageSize' | 'bookmark'> & PageRequest;

export async function scenarioDossier(ctx: Context, scenarioId: string): Promise<ScenarioDossier> {
    const scenario = await getScenario(ctx, scenarioId);
    return {
        scenario,
        milestones: await listMilestones(ctx, scenarioId),
        pendingRequests: await listParticipationRequests(ctx, scenarioId),
        acknowledgements: await listAcknowledgements(ctx, scenarioId),
    };
}

/** Scenarios by status, sector, both or neither, each combination from the composite-key index that fixes it. */
export function queryScenarios(ctx: Context, query: ScenarioPageRequest): Promise<Page<Scenario>> {
    const { status, sector } = query;
    const plan = planQuery(scenarioIndexes, { status, sector });
    const matches = (scenario: Scenario): boolean =>
        (status === undefined || scenario.status === status) && (sector === undefined || scenario.sector === sector);
    return readPage(ctx, plan, query, 'query.bookmark', (scenarioId) => readScenario(ctx, scenarioId), matches);
}

// Scenario queries: one scenario with everything recorded about it; listings by status and sector.
import type { Context } from 'fabric-contract-api';
import type { Page, Scenario, ScenarioDossier, ScenarioQuery } from '@bia/model';
import { checkPageSize, pageByIndex } from '../common/state';
import { type CouchIndex, pageByRichQuery } from '../common/rich-query';
import {
    getScenario,
    listAcknowledgements,
    listMilestones,
    listParticipationRequests,
    readScenario,
    scenarioBySector,
    scenarioByStatus,
    scenarioRecord,
} from './records';

/** CouchDB index of the status + sector listing (chaincode/META-INF/statedb/couchdb/indexes/). */
export const scenarioStatusSectorIndex: CouchIndex = {
    ddoc: 'indexScenarioStatusSectorDoc',
    name: 'indexScenarioStatusSector',
};

export async function scenarioDossier(ctx: Context, scenarioId: string): Promise<ScenarioDossier> {
    const scenario = await getScenario(ctx, scenarioId);
    return {
        scenario,
        milestones: await listMilestones(ctx, scenarioId),
        pendingRequests: await listParticipationRequests(ctx, scenarioId),
        acknowledgements: await listAcknowledgements(ctx, scenarioId),
    };
}

/** One filter or none reads a composite-key index; status and sector together make a CouchDB rich query. */
export function queryScenarios(ctx: Context, query: ScenarioQuery): Promise<Page<Scenario>> {
    const pageSize = checkPageSize(query.pageSize, 'query.pageSize');
    const bookmark = query.bookmark ?? '';
    const { status, sector } = query;
    if (status !== undefined && sector !== undefined) {
        const selector = { docType: scenarioRecord, status, sector };
        return pageByRichQuery<Scenario>(ctx, selector, scenarioStatusSectorIndex, pageSize, bookmark);
    }
    const byScenarioIdAt = (position: number) => (key: string[]) => readScenario(ctx, key[position] ?? '');
    if (status !== undefined) {
        return pageByIndex(ctx, scenarioByStatus, [status], pageSize, bookmark, byScenarioIdAt(1));
    }
    if (sector !== undefined) {
        return pageByIndex(ctx, scenarioBySector, [sector], pageSize, bookmark, byScenarioIdAt(1));
    }
    return pageByIndex(ctx, scenarioRecord, [], pageSize, bookmark, byScenarioIdAt(0));
}

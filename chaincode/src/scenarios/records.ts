// Storage of scenarios and what is recorded about them, with the indexes that list scenarios.
import type { Context } from 'fabric-contract-api';
import type { EvaluationAcknowledgement, Milestone, ParticipationRequest, Scenario } from '@bia/model';
import { type IndexedRecords, updateIndexEntries } from '../common/indexes';
import { getRecord, listRecords, readRecord, writeRecord } from '../common/state';

export const scenarioRecord = 'scenario';
export const milestoneRecord = 'milestone';
/** One key per (scenario, member): a member has at most one pending join or leave request per scenario. */
export const participationRecord = 'participation';
export const acknowledgementRecord = 'acknowledgement';
/** Status index; its 'piloting' entries are what the running-pilots cap counts. */
export const scenarioByStatus = 'scenario-status';

export type ScenarioFilter = 'status' | 'sector';

/**
 * The listings of scenarios: status, sector, or both. The status index keeps its first version's shape, so the
 * running-pilots cap counts the same entries before and after an upgrade.
 */
export const scenarioIndexes: IndexedRecords<Scenario, ScenarioFilter> = {
    recordType: scenarioRecord,
    indexes: [
        { name: scenarioByStatus, fields: ['status'] },
        { name: 'scenario-sector-status', fields: ['sector', 'status'] },
    ],
    // The first chaincode version listed scenarios by sector alone.
    retired: [{ name: 'scenario-sector', fields: ['sector'] }],
    id: (scenario) => scenario.scenarioId,
    fieldValues: (scenario) => ({ status: [scenario.status], sector: [scenario.sector] }),
};

export function readScenario(ctx: Context, scenarioId: string): Promise<Scenario | undefined> {
    return readRecord<Scenario>(ctx, scenarioRecord, [scenarioId]);
}

export function getScenario(ctx: Context, scenarioId: string): Promise<Scenario> {
    return getRecord<Scenario>(ctx, scenarioRecord, [scenarioId]);
}

/** Writes a scenario and keeps its index entries in step with its status. */
export async function saveScenario(ctx: Context, before: Scenario | undefined, after: Scenario): Promise<void> {
    await writeRecord(ctx, scenarioRecord, [after.scenarioId], after);
    await updateIndexEntries(ctx, scenarioIndexes, before, after);
}

export function saveMilestone(ctx: Context, milestone: Milestone): Promise<void> {
    return writeRecord(ctx, milestoneRecord, [milestone.scenarioId, milestone.milestoneId], milestone);
}

export function listMilestones(ctx: Context, scenarioId: string): Promise<Milestone[]> {
    return listRecords<Milestone>(ctx, milestoneRecord, [scenarioId]);
}

export function saveParticipationRequest(ctx: Context, request: ParticipationRequest): Promise<void> {
    return writeRecord(ctx, participationRecord, [request.scenarioId, request.memberId], request);
}

export function getParticipationRequest(
    ctx: Context,
    scenarioId: string,
    memberId: string,
): Promise<ParticipationRequest> {
    return getRecord<ParticipationRequest>(ctx, participationRecord, [scenarioId, memberId]);
}

export function deleteParticipationRequest(ctx: Context, request: ParticipationRequest): Promise<void> {
    return ctx.stub.deleteState(
        ctx.stub.createCompositeKey(participationRecord, [request.scenarioId, request.memberId]),
    );
}

export function listParticipationRequests(ctx: Context, scenarioId: string): Promise<ParticipationRequest[]> {
    return listRecords<ParticipationRequest>(ctx, participationRecord, [scenarioId]);
}

export function saveAcknowledgement(ctx: Context, acknowledgement: EvaluationAcknowledgement): Promise<void> {
    return writeRecord(
        ctx,
        acknowledgementRecord,
        [acknowledgement.scenarioId, acknowledgement.memberId],
        acknowledgement,
    );
}

export function listAcknowledgements(ctx: Context, scenarioId: string): Promise<EvaluationAcknowledgement[]> {
    return listRecords<EvaluationAcknowledgement>(ctx, acknowledgementRecord, [scenarioId]);
}

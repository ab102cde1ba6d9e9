// Reading shipments: a shipment's whole provenance in one query, and paginated listings.
import type { Context } from 'fabric-contract-api';
import type { Page, Provenance, Shipment, ShipmentQuery } from '@bia/model';
import { planQuery } from '../common/indexes';
import { type PageRequest, readPage } from '../common/paging';
import {
    checkpointIds,
    getShipment,
    listCheckpoints,
    listExcursionKeys,
    listHandovers,
    readShipment,
    shipmentIndexes,
    shipmentParties,
} from './records';

export type ShipmentPageRequest = Omit<ShipmentQuery, 'pageSize' | 'bookmark'> & PageRequest;

/** Custody chain, checkpoints, excursions and the delivery outcome (on the shipment) of one shipment. */
export async function getProvenance(ctx: Context, shipmentId: string): Promise<Provenance> {
    const shipment = await getShipment(ctx, shipmentId);
    const handovers = await listHandovers(ctx, shipmentId);
    const checkpoints = await listCheckpoints(ctx, shipmentId);
    const byKey = new Map(checkpoints.map((checkpoint) => [checkpointIds(checkpoint).join('\u0000'), checkpoint]));
    const excursions = (await listExcursionKeys(ctx, shipmentId))
        .map((ids) => byKey.get(ids.join('\u0000')))
        .filter((checkpoint) => checkpoint !== undefined);
    return { shipment, handovers, checkpoints, excursions };
}

/** Shipments by status, party and deal in any combination, each from the composite-key index that fixes it. */
export function queryShipments(ctx: Context, query: ShipmentPageRequest): Promise<Page<Shipment>> {
    const { status, partyMemberId, dealId } = query;
    const plan = planQuery(shipmentIndexes, { status, partyMemberId, dealId });
    const matches = (shipment: Shipment): boolean =>
        (status === undefined || shipment.status === status) &&
        (partyMemberId === undefined || shipmentParties(shipment).includes(partyMemberId)) &&
        (dealId === undefined || shipment.dealId === dealId);
    return readPage(ctx, plan, query, 'query.bookmark', (shipmentId) => readShipment(ctx, shipmentId), matches);
}

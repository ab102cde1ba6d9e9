// Reading shipments: a shipment's whole provenance in one query, and paginated listings.
import type { Context } from 'fabric-contract-api';
import type { Page, Provenance, Shipment, ShipmentQuery } from '@bia/model';
import { pageByIndex } from '../common/state';
import { type CouchIndex, pageByRichQuery } from '../common/rich-query';
import {
    checkpointIds,
    getShipment,
    listCheckpoints,
    listExcursionKeys,
    listHandovers,
    readShipment,
    shipmentByDeal,
    shipmentByParty,
    shipmentByStatus,
    shipmentRecord,
} from './records';

interface RichQuery {
    readonly selector: Readonly<Record<string, unknown>>;
    readonly index: CouchIndex;
}

export interface ShipmentPageRequest extends ShipmentQuery {
    readonly pageSize: number;
    readonly bookmark: string;
}

/** Design document and index names of the rich queries (META-INF/statedb/couchdb/indexes/shipment-*.json). */
export const shipmentRichIndexes = {
    statusDeal: { ddoc: 'indexShipmentStatusDealDoc', name: 'indexShipmentStatusDeal' },
    status: { ddoc: 'indexShipmentStatusDoc', name: 'indexShipmentStatus' },
    deal: { ddoc: 'indexShipmentDealDoc', name: 'indexShipmentDeal' },
} satisfies Record<string, CouchIndex>;

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

export async function queryShipments(ctx: Context, query: ShipmentPageRequest): Promise<Page<Shipment>> {
    const { status, partyMemberId, dealId, pageSize, bookmark } = query;
    const filters = [status, partyMemberId, dealId].filter((filter) => filter !== undefined);
    if (filters.length > 1) {
        const { selector, index } = richShipmentQuery(query);
        return pageByRichQuery<Shipment>(ctx, selector, index, pageSize, bookmark);
    }
    const resolve = ([, shipmentId]: string[]): Promise<Shipment | undefined> => readShipment(ctx, shipmentId ?? '');
    if (partyMemberId !== undefined) {
        return pageByIndex(ctx, shipmentByParty, [partyMemberId], pageSize, bookmark, resolve);
    }
    if (dealId !== undefined) {
        return pageByIndex(ctx, shipmentByDeal, [dealId], pageSize, bookmark, resolve);
    }
    return pageByIndex(ctx, shipmentByStatus, status === undefined ? [] : [status], pageSize, bookmark, resolve);
}

/** Status and deal are served by an index; a party may hold any of three roles, matched among the documents. */
function richShipmentQuery({ status, partyMemberId, dealId }: ShipmentQuery): RichQuery {
    const party =
        partyMemberId === undefined
            ? {}
            : {
                  $or: [
                      { shipperMemberId: partyMemberId },
                      { receiverMemberId: partyMemberId },
                      { carrierMemberId: partyMemberId },
                  ],
              };
    const selector = {
        docType: shipmentRecord,
        ...(status === undefined ? {} : { status }),
        ...(dealId === undefined ? {} : { dealId }),
        ...party,
    };
    const index =
        status !== undefined && dealId !== undefined
            ? shipmentRichIndexes.statusDeal
            : status !== undefined
              ? shipmentRichIndexes.status
              : shipmentRichIndexes.deal;
    return { selector, index };
}

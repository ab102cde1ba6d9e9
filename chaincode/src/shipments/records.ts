// Storage of shipments. Key layout (composite keys; the first attribute of each listing is a partial key):
//   shipment            [shipmentId]                        the shipment record (custodian, status, outcome)
//   shipment-handover   [shipmentId, sequence (10 digits)]  one key per offered handover, in sequence order
//   shipment-checkpoint [shipmentId, sensorId, readingId]   one key per reading: concurrent sensors never share a key
//   shipment-excursion  [shipmentId, sensorId, readingId]   index entry per excursion reading
//   listing indexes (shipmentIndexes): status, party and deal in every combination; a party is each distinct
//   shipper, receiver and carrier
//   shipment-deal               [dealId, shipmentId]
//   shipment-status-deal        [status, dealId, shipmentId]
//   shipment-party-deal         [memberId, dealId, shipmentId]
//   shipment-party-status-deal  [memberId, status, dealId, shipmentId]
import type { Context } from 'fabric-contract-api';
import type { Checkpoint, Handover, Shipment } from '@bia/model';
import { type IndexedRecords, updateIndexEntries } from '../common/indexes';
import { getRecord, listKeys, listRecords, putIndex, readRecord, writeRecord } from '../common/state';

export const shipmentRecord = 'shipment';
export const handoverRecord = 'shipment-handover';
export const checkpointRecord = 'shipment-checkpoint';
export const shipmentExcursion = 'shipment-excursion';

export type ShipmentFilter = 'status' | 'partyMemberId' | 'dealId';

/** The listings of shipments: a shipment has up to three parties, so the party leads the indexes it is in. */
export const shipmentIndexes: IndexedRecords<Shipment, ShipmentFilter> = {
    recordType: shipmentRecord,
    indexes: [
        { name: 'shipment-deal', fields: ['dealId'] },
        { name: 'shipment-status-deal', fields: ['status', 'dealId'] },
        { name: 'shipment-party-deal', fields: ['partyMemberId', 'dealId'] },
        { name: 'shipment-party-status-deal', fields: ['partyMemberId', 'status', 'dealId'] },
    ],
    // The first chaincode version listed shipments by status alone and by party alone.
    retired: [
        { name: 'shipment-status', fields: ['status'] },
        { name: 'shipment-party', fields: ['partyMemberId'] },
    ],
    id: (shipment) => shipment.shipmentId,
    fieldValues: (shipment) => ({
        status: [shipment.status],
        partyMemberId: shipmentParties(shipment),
        dealId: [shipment.dealId],
    }),
};

export function readShipment(ctx: Context, shipmentId: string): Promise<Shipment | undefined> {
    return readRecord<Shipment>(ctx, shipmentRecord, [shipmentId]);
}

export function getShipment(ctx: Context, shipmentId: string): Promise<Shipment> {
    return getRecord<Shipment>(ctx, shipmentRecord, [shipmentId]);
}

/** The members a shipment concerns, each once, in a stable order. */
export function shipmentParties(shipment: Shipment): string[] {
    return [...new Set([shipment.shipperMemberId, shipment.receiverMemberId, shipment.carrierMemberId])].sort();
}

/** Writes a shipment and keeps its index entries in step with its status (deal and parties never change). */
export async function saveShipment(ctx: Context, before: Shipment | undefined, after: Shipment): Promise<void> {
    await writeRecord(ctx, shipmentRecord, [after.shipmentId], after);
    await updateIndexEntries(ctx, shipmentIndexes, before, after);
}

/** Sequence numbers are zero-padded in keys so that key order is sequence order. */
function sequenceKey(sequence: number): string {
    return sequence.toString().padStart(10, '0');
}

export function readHandover(ctx: Context, shipmentId: string, sequence: number): Promise<Handover | undefined> {
    return readRecord<Handover>(ctx, handoverRecord, [shipmentId, sequenceKey(sequence)]);
}

export function saveHandover(ctx: Context, handover: Handover): Promise<void> {
    return writeRecord(ctx, handoverRecord, [handover.shipmentId, sequenceKey(handover.sequence)], handover);
}

/** Every handover of a shipment in sequence order (a partial-key read: phantom-read protected in submits). */
export function listHandovers(ctx: Context, shipmentId: string): Promise<Handover[]> {
    return listRecords<Handover>(ctx, handoverRecord, [shipmentId]);
}

export function checkpointIds(reading: Pick<Checkpoint, 'shipmentId' | 'sensorId' | 'readingId'>): string[] {
    return [reading.shipmentId, reading.sensorId, reading.readingId];
}

export async function saveCheckpoint(ctx: Context, checkpoint: Checkpoint): Promise<void> {
    await writeRecord(ctx, checkpointRecord, checkpointIds(checkpoint), checkpoint);
    if (checkpoint.excursion) {
        await putIndex(ctx, shipmentExcursion, checkpointIds(checkpoint));
    }
}

export function listCheckpoints(ctx: Context, shipmentId: string): Promise<Checkpoint[]> {
    return listRecords<Checkpoint>(ctx, checkpointRecord, [shipmentId]);
}

/** The [shipmentId, sensorId, readingId] of every excursion recorded for a shipment. */
export function listExcursionKeys(ctx: Context, shipmentId: string): Promise<string[][]> {
    return listKeys(ctx, shipmentExcursion, [shipmentId]);
}

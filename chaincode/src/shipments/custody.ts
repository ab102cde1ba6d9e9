// The custody chain: the current custodian offers a handover, the named next custodian accepts it.
import type { Context } from 'fabric-contract-api';
import type { Handover, Shipment, Stamp } from '@bia/model';
import { emitEvent } from '../common/events';
import { invalidStateError, notFoundError, validationError } from '../common/errors';
import { getMember } from '../membership/records';
import { getShipment, listHandovers, readHandover, saveHandover, saveShipment } from './records';
import { requireActive, requireMember, requireOpen } from './rules';

/** `offered.byMemberId` is the current custodian; one handover may be pending at a time. */
export async function offerHandover(
    ctx: Context,
    shipmentId: string,
    toMemberId: string,
    offered: Stamp,
): Promise<Handover> {
    const shipment = await getShipment(ctx, shipmentId);
    requireOpen(shipment, 'offer a handover');
    requireMember(offered.byMemberId, shipment.custodianMemberId, 'custodian', shipmentId);
    if (toMemberId === shipment.custodianMemberId) {
        throw validationError('toMemberId', 'must be another member than the current custodian');
    }
    requireActive(await getMember(ctx, toMemberId), 'next custodian');
    const handovers = await listHandovers(ctx, shipmentId);
    const pending = handovers.find((handover) => handover.accepted === undefined);
    if (pending !== undefined) {
        throw invalidStateError(
            `handover ${pending.sequence} of shipment ${shipmentId} to ${pending.toMemberId} is still pending`,
            { shipmentId, sequence: pending.sequence, toMemberId: pending.toMemberId },
        );
    }
    const handover: Handover = {
        shipmentId,
        sequence: handovers.length + 1,
        fromMemberId: shipment.custodianMemberId,
        toMemberId,
        offered,
    };
    await saveHandover(ctx, handover);
    return handover;
}

/** `accepted.byMemberId` is the next custodian; the first handover is the departure. */
export async function acceptHandover(
    ctx: Context,
    shipmentId: string,
    sequence: number,
    accepted: Stamp,
): Promise<Handover> {
    const shipment = await getShipment(ctx, shipmentId);
    requireOpen(shipment, 'accept a handover');
    const handover = await readHandover(ctx, shipmentId, sequence);
    if (handover === undefined) {
        throw notFoundError('handover', `${shipmentId}/${sequence}`);
    }
    requireMember(accepted.byMemberId, handover.toMemberId, 'next custodian', shipmentId);
    if (handover.accepted !== undefined) {
        throw invalidStateError(`handover ${sequence} of shipment ${shipmentId} was already accepted`, {
            shipmentId,
            sequence,
        });
    }
    const after: Shipment = {
        ...shipment,
        status: 'in-transit',
        custodianMemberId: handover.toMemberId,
        custodySince: accepted.at,
        departedAt: shipment.departedAt ?? accepted.at,
    };
    const done: Handover = { ...handover, accepted };
    await saveHandover(ctx, done);
    await saveShipment(ctx, shipment, after);
    emitEvent(ctx, 'CustodyHandedOver', {
        shipmentId,
        sequence,
        fromMemberId: handover.fromMemberId,
        toMemberId: handover.toMemberId,
        txId: accepted.txId,
        at: accepted.at,
    });
    return done;
}

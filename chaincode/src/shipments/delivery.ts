// The receiver, once it holds custody, confirms or rejects the delivery; the transit time is checked here.
import type { Context } from 'fabric-contract-api';
import type { Shipment, Stamp } from '@bia/model';
import { emitEvent } from '../common/events';
import { invalidStateError } from '../common/errors';
import { minutesBetween } from '../common/time';
import { getShipment, saveShipment } from './records';
import { requireMember, requireOpen } from './rules';

export interface DeliveryDecision {
    readonly accepted: boolean;
    readonly reason: string;
}

/** `decided.byMemberId` is the receiver. */
export async function closeShipment(
    ctx: Context,
    shipmentId: string,
    decision: DeliveryDecision,
    decided: Stamp,
): Promise<Shipment> {
    const shipment = await getShipment(ctx, shipmentId);
    requireOpen(shipment, decision.accepted ? 'confirm the delivery' : 'reject the delivery');
    requireMember(decided.byMemberId, shipment.receiverMemberId, 'receiver', shipmentId);
    if (shipment.custodianMemberId !== shipment.receiverMemberId) {
        throw invalidStateError(
            `the receiver must accept custody of shipment ${shipmentId} first (custodian: ${shipment.custodianMemberId})`,
            { shipmentId, custodianMemberId: shipment.custodianMemberId },
        );
    }
    const transitMinutes = minutesBetween(shipment.departedAt ?? shipment.created.at, decided.at);
    const transitTimeExceeded = transitMinutes > shipment.conditions.maxTransitMinutes;
    const status = decision.accepted ? 'delivered' : 'rejected';
    const after: Shipment = {
        ...shipment,
        status,
        outcome: { ...decision, transitMinutes, transitTimeExceeded, decided },
    };
    await saveShipment(ctx, shipment, after);
    emitEvent(ctx, 'ShipmentClosed', {
        shipmentId,
        dealId: shipment.dealId,
        status,
        reason: decision.reason,
        transitMinutes,
        transitTimeExceeded,
        txId: decided.txId,
        at: decided.at,
    });
    return after;
}

// Creating a shipment under an inked deal: the shipper holds custody until its first handover.
import type { Context } from 'fabric-contract-api';
import type { Shipment, ShipmentRequest, Stamp } from '@bia/model';
import { invalidStateError, unauthorizedError, validationError } from '../common/errors';
import { assertAbsent } from '../common/state';
import { getDeal } from '../deals';
import { getMember } from '../membership/records';
import { saveShipment, shipmentRecord } from './records';
import { requireActive } from './rules';

/** `created.byMemberId` is the shipper. */
export async function createShipment(ctx: Context, request: ShipmentRequest, created: Stamp): Promise<Shipment> {
    const shipperMemberId = created.byMemberId;
    if (request.receiverMemberId === shipperMemberId) {
        throw validationError('request.receiverMemberId', 'must be another party of the deal than the shipper');
    }
    await assertAbsent(ctx, shipmentRecord, [request.shipmentId]);
    const deal = await getDeal(ctx, request.dealId);
    if (deal.status !== 'inked') {
        throw invalidStateError(`shipments travel only under an inked deal: deal ${deal.dealId} is ${deal.status}`, {
            dealId: deal.dealId,
            status: deal.status,
        });
    }
    const partyIds = deal.parties.map((party) => party.memberId);
    if (!partyIds.includes(shipperMemberId)) {
        throw unauthorizedError(`member ${shipperMemberId} is not a party of deal ${deal.dealId}`, {
            dealId: deal.dealId,
            memberId: shipperMemberId,
        });
    }
    if (!partyIds.includes(request.receiverMemberId)) {
        throw validationError('request.receiverMemberId', `must be a party of deal ${deal.dealId}`);
    }
    requireActive(await getMember(ctx, request.receiverMemberId), 'receiver');
    requireActive(await getMember(ctx, request.carrierMemberId), 'carrier');
    const shipment: Shipment = {
        ...request,
        shipperMemberId,
        status: 'created',
        custodianMemberId: shipperMemberId,
        custodySince: created.at,
        created,
    };
    await saveShipment(ctx, undefined, shipment);
    return shipment;
}

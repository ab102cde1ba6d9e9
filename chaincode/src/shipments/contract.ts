// The shipments contract (medical transport under an inked deal): thin transactions over the domain functions.
import { Context, Info, Param, Returns, Transaction } from 'fabric-contract-api';
import type { Checkpoint, Handover, Page, Provenance, Shipment } from '@bia/model';
import { CheckpointType, HandoverType, ProvenanceType, ShipmentPageType, ShipmentType } from './metadata';
import { AssociationContract } from '../common/contract-base';
import { stamp } from '../common/stamp';
import { idArgument, limits, textArgument } from '../common/validation';
import { actingMember, actingMemberId, activeMember } from '../membership/actors';
import { rebuildIndexes } from '../membership/maintenance';
import { recordCheckpoint } from './checkpoints';
import { createShipment } from './create';
import { acceptHandover, offerHandover } from './custody';
import { closeShipment } from './delivery';
import { getProvenance, queryShipments } from './queries';
import { getShipment, shipmentIndexes } from './records';
import { parseCheckpointReading, parseShipmentQuery, parseShipmentRequest, sequenceArgument } from './requests';

/**
 * Creating a shipment needs an active shipper. Custody steps (handovers, checkpoints, delivery) need only an
 * identity acting for the member in that role, so goods already on the road stay trackable whatever happens
 * to a membership meanwhile.
 */
@Info({
    title: 'shipments',
    description: 'Medical transport under an inked deal: custody chain, condition checkpoints and delivery',
})
export class ShipmentsContract extends AssociationContract {
    constructor() {
        super('shipments');
    }

    @Transaction()
    @Param('request', 'string', 'ShipmentRequest as JSON; the caller acts for the shipper, a party of the inked deal')
    @Returns(ShipmentType.name)
    async CreateShipment(ctx: Context, request: string): Promise<Shipment> {
        const actor = await activeMember(ctx);
        const shipment = parseShipmentRequest(request);
        return createShipment(ctx, shipment, stamp(ctx, actor.member.memberId));
    }

    @Transaction()
    @Param('shipmentId', 'string', 'The shipment whose custody the current custodian offers')
    @Param('toMemberId', 'string', 'The active member who is to take custody')
    @Returns(HandoverType.name)
    async OfferHandover(ctx: Context, shipmentId: string, toMemberId: string): Promise<Handover> {
        const actor = await actingMember(ctx);
        const id = idArgument(shipmentId, 'shipmentId');
        const to = idArgument(toMemberId, 'toMemberId');
        return offerHandover(ctx, id, to, stamp(ctx, actor.member.memberId));
    }

    @Transaction()
    @Param('shipmentId', 'string', 'The shipment whose custody the caller takes')
    @Param('sequence', 'string', 'The sequence number of the offered handover (1, 2, ...)')
    @Returns(HandoverType.name)
    async AcceptHandover(ctx: Context, shipmentId: string, sequence: string): Promise<Handover> {
        const actor = await actingMember(ctx);
        const id = idArgument(shipmentId, 'shipmentId');
        const number = sequenceArgument(sequence, 'sequence');
        return acceptHandover(ctx, id, number, stamp(ctx, actor.member.memberId));
    }

    @Transaction()
    @Param('reading', 'string', 'CheckpointReading as JSON; only the current custodian records readings')
    @Returns(CheckpointType.name)
    async RecordCheckpoint(ctx: Context, reading: string): Promise<Checkpoint> {
        const memberId = await actingMemberId(ctx);
        const checkpoint = parseCheckpointReading(reading);
        return recordCheckpoint(ctx, checkpoint, stamp(ctx, memberId));
    }

    @Transaction()
    @Param('shipmentId', 'string', 'The shipment the receiver, holding custody, accepts')
    @Returns(ShipmentType.name)
    async ConfirmDelivery(ctx: Context, shipmentId: string): Promise<Shipment> {
        const actor = await actingMember(ctx);
        const id = idArgument(shipmentId, 'shipmentId');
        return closeShipment(ctx, id, { accepted: true, reason: 'delivered' }, stamp(ctx, actor.member.memberId));
    }

    @Transaction()
    @Param('shipmentId', 'string', 'The shipment the receiver, holding custody, refuses')
    @Param('reason', 'string', 'Why the delivery is refused')
    @Returns(ShipmentType.name)
    async RejectDelivery(ctx: Context, shipmentId: string, reason: string): Promise<Shipment> {
        const actor = await actingMember(ctx);
        const id = idArgument(shipmentId, 'shipmentId');
        const why = textArgument(reason, 'reason', { max: limits.longText });
        return closeShipment(ctx, id, { accepted: false, reason: why }, stamp(ctx, actor.member.memberId));
    }

    @Transaction(false)
    @Param('shipmentId', 'string', 'The shipment to read')
    @Returns(ShipmentType.name)
    async GetShipment(ctx: Context, shipmentId: string): Promise<Shipment> {
        return getShipment(ctx, idArgument(shipmentId, 'shipmentId'));
    }

    @Transaction(false)
    @Param('shipmentId', 'string', 'The shipment whose custody chain, checkpoints, excursions and delivery to read')
    @Returns(ProvenanceType.name)
    async GetProvenance(ctx: Context, shipmentId: string): Promise<Provenance> {
        return getProvenance(ctx, idArgument(shipmentId, 'shipmentId'));
    }

    @Transaction(false)
    @Param('query', 'string', 'ShipmentQuery as JSON: status, partyMemberId, dealId, pageSize (1-100), bookmark')
    @Returns(ShipmentPageType.name)
    async QueryShipments(ctx: Context, query: string): Promise<Page<Shipment>> {
        return queryShipments(ctx, parseShipmentQuery(query));
    }

    @Transaction()
    @Param(
        'request',
        'string',
        '{"ids": [...]}: up to 100 shipment IDs (a page of QueryShipments without filters) whose index entries to rebuild',
    )
    @Returns('number')
    async RebuildIndexes(ctx: Context, request: string): Promise<number> {
        return rebuildIndexes(ctx, shipmentIndexes, request, (id) => getShipment(ctx, id));
    }
}

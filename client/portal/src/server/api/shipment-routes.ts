// The shipments contract: medical transport under an inked deal.
import { Type } from '@sinclair/typebox';
import type { CheckpointReading, ShipmentRequest } from '@bia/model';
import {
    CheckpointBody,
    HandoverBody,
    IdParam,
    ReasonBody,
    ShipmentBody,
    ShipmentQuery as ShipmentQuerySchema,
} from './schemas';
import { type RouteSpec, bodyOf, param } from './route-spec';

const shipmentParam = IdParam('shipmentId', 'The shipment');
const id = (input: Parameters<RouteSpec['run']>[1]): string => param(input, 'shipmentId');

export const shipmentRoutes: readonly RouteSpec[] = [
    {
        method: 'GET',
        url: '/api/shipments',
        operationId: 'QueryShipments',
        summary: 'Shipments, filtered by status, party and deal, one page at a time',
        tag: 'shipments',
        permission: 'read',
        querystring: ShipmentQuerySchema,
        run: (client, input) => client.shipments.query(input.query),
    },
    {
        method: 'POST',
        url: '/api/shipments',
        operationId: 'CreateShipment',
        summary: 'Create a shipment under an inked deal (the shipper, a party of the deal)',
        tag: 'shipments',
        permission: 'act',
        body: ShipmentBody,
        created: true,
        run: (client, input) => client.shipments.create(bodyOf<ShipmentRequest>(input)),
    },
    {
        method: 'GET',
        url: '/api/shipments/:shipmentId',
        operationId: 'GetShipment',
        summary: 'One shipment',
        tag: 'shipments',
        permission: 'read',
        params: shipmentParam,
        run: (client, input) => client.shipments.get(id(input)),
    },
    {
        method: 'GET',
        url: '/api/shipments/:shipmentId/provenance',
        operationId: 'GetProvenance',
        summary: 'The whole custody chain: handovers, checkpoints and excursions',
        tag: 'shipments',
        permission: 'read',
        params: shipmentParam,
        run: (client, input) => client.shipments.provenance(id(input)),
    },
    {
        method: 'POST',
        url: '/api/shipments/:shipmentId/handovers',
        operationId: 'OfferHandover',
        summary: 'Offer custody to another member (the current custodian)',
        tag: 'shipments',
        permission: 'act',
        params: shipmentParam,
        body: HandoverBody,
        created: true,
        run: (client, input) =>
            client.shipments.offerHandover(id(input), bodyOf<{ toMemberId: string }>(input).toMemberId),
    },
    {
        method: 'POST',
        url: '/api/shipments/:shipmentId/handovers/:sequence/acceptance',
        operationId: 'AcceptHandover',
        summary: 'Accept the offered custody (the member it was offered to)',
        tag: 'shipments',
        permission: 'act',
        params: Type.Object(
            {
                shipmentId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' }),
                sequence: Type.Integer({ minimum: 1, maximum: 100_000 }),
            },
            { additionalProperties: false },
        ),
        run: (client, input) => client.shipments.acceptHandover(id(input), Number(input.params.sequence)),
    },
    {
        method: 'POST',
        url: '/api/shipments/:shipmentId/checkpoints',
        operationId: 'RecordCheckpoint',
        summary: 'Record a condition checkpoint (the current custodian); out-of-range readings are excursions',
        tag: 'shipments',
        permission: 'act',
        params: shipmentParam,
        body: CheckpointBody,
        created: true,
        run: (client, input) =>
            client.shipments.recordCheckpoint({
                ...bodyOf<Omit<CheckpointReading, 'shipmentId'>>(input),
                shipmentId: id(input),
            }),
    },
    {
        method: 'POST',
        url: '/api/shipments/:shipmentId/delivery',
        operationId: 'ConfirmDelivery',
        summary: 'Confirm delivery (the receiver)',
        tag: 'shipments',
        permission: 'act',
        params: shipmentParam,
        run: (client, input) => client.shipments.confirmDelivery(id(input)),
    },
    {
        method: 'POST',
        url: '/api/shipments/:shipmentId/rejection',
        operationId: 'RejectDelivery',
        summary: 'Reject delivery, with the reason (the receiver)',
        tag: 'shipments',
        permission: 'act',
        params: shipmentParam,
        body: ReasonBody,
        run: (client, input) => client.shipments.rejectDelivery(id(input), bodyOf<{ reason: string }>(input).reason),
    },
];

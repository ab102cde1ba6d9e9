// Phase 5: medical transport under the healthcare deal. Shipper → carrier → receiver custody, several sensors
// reporting at once while the carrier holds each shipment, and the receivers' decisions on delivery.
import type { CheckpointReading, ShipmentRequest } from '@bia/client';
import { expectStory, type Stage } from '../stage';
import type { StoryTransport } from '../story-types';

const route = ['shipper depot', 'ring road', 'river bridge', 'district road', 'centre gate'];

export async function runTransport(stage: Stage): Promise<string> {
    const transport = stage.story.transport;
    const shipments = plannedShipments(transport);
    const { shipperMemberId: shipper, carrierMemberId: carrier } = transport;
    await stage.each(shipments, (request) => stage.submitAs(shipper, (c) => c.shipments.create(request)));
    await handOver(stage, shipments, shipper, () => carrier);
    const readings = shipments.flatMap((request) => sensorReadings(transport, request));
    // Every reading of every shipment in flight together: readings have keys of their own and never conflict.
    await stage.each(readings, (reading) => stage.submitAs(carrier, (c) => c.shipments.recordCheckpoint(reading)));
    await handOver(stage, shipments, carrier, (request) => request.receiverMemberId);
    const outcomes = await stage.each(shipments, (request) => decide(stage, request));
    const rejected = outcomes.filter((outcome) => outcome === 'rejected').length;
    const expectedRejected = shipments.filter((s) => isExcursionShipment(transport, s)).length;
    expectStory(rejected === expectedRejected, `${rejected} shipments rejected, expected ${expectedRejected}`);
    return `${shipments.length} shipments to ${transport.receiverMemberIds.length} centres, ${shipments.length * 2} handovers, ${readings.length} sensor readings, ${shipments.length - rejected} delivered, ${rejected} rejected after an excursion`;
}

function plannedShipments(transport: StoryTransport): ShipmentRequest[] {
    return transport.receiverMemberIds.flatMap((receiverMemberId) =>
        transport.consignments.map((consignment) => ({
            shipmentId: `shp-${receiverMemberId}-${consignment.category}`,
            dealId: transport.dealId,
            receiverMemberId,
            carrierMemberId: transport.carrierMemberId,
            contents: {
                category: consignment.category,
                description: consignment.description,
                quantity: consignment.quantity,
                unit: consignment.unit,
                ...(consignment.category === 'specimen' ? { specimenRef: `lab-batch-${receiverMemberId}` } : {}),
            },
            conditions: consignment.conditions,
        })),
    );
}

/** The current custodian offers each shipment to the next one, who accepts it with its own identity. */
async function handOver(
    stage: Stage,
    shipments: readonly ShipmentRequest[],
    from: string,
    to: (request: ShipmentRequest) => string,
): Promise<void> {
    const offers = await stage.each(shipments, (request) =>
        stage.submitAs(from, (c) => c.shipments.offerHandover(request.shipmentId, to(request))),
    );
    await stage.each(offers, (offer) =>
        stage.submitAs(offer.toMemberId, (c) => c.shipments.acceptHandover(offer.shipmentId, offer.sequence)),
    );
}

function isExcursionShipment(transport: StoryTransport, request: ShipmentRequest): boolean {
    const { excursion } = transport;
    return request.receiverMemberId === excursion.receiverMemberId && request.contents.category === excursion.category;
}

/**
 * Readings taken now, a second apart, inside the range; one sensor of the excursion shipment reads too warm once.
 * They follow the handover: the chaincode refuses a reading from before the recorder's custody began.
 */
function sensorReadings(transport: StoryTransport, request: ShipmentRequest): CheckpointReading[] {
    const { minTemperatureC, maxTemperatureC } = request.conditions;
    const middle = (minTemperatureC + maxTemperatureC) / 2;
    const now = Date.now();
    const readings: CheckpointReading[] = [];
    for (let sensor = 1; sensor <= transport.sensorsPerShipment; sensor++) {
        for (let reading = 1; reading <= transport.readingsPerSensor; reading++) {
            const excursion = isExcursionShipment(transport, request) && sensor === 1 && reading === 2;
            readings.push({
                shipmentId: request.shipmentId,
                readingId: `r${reading}`,
                sensorId: `sensor-${sensor}`,
                readAt: new Date(now + reading * 1000).toISOString(),
                location: route[reading % route.length] ?? 'on the road',
                temperatureC: excursion ? maxTemperatureC + 4.5 : Math.round((middle + (sensor - 2) * 0.3) * 10) / 10,
                humidityPercent: 40 + sensor,
                shock: false,
            });
        }
    }
    return readings;
}

/** The receiver looks at the shipment's provenance and rejects it when a reading left the required range. */
async function decide(stage: Stage, request: ShipmentRequest): Promise<string> {
    const receiver = await stage.cast.as(request.receiverMemberId);
    const provenance = await receiver.shipments.provenance(request.shipmentId);
    const excursions = provenance.excursions.length;
    const closed = await stage.submit(() =>
        excursions > 0
            ? receiver.shipments.rejectDelivery(request.shipmentId, `${excursions} temperature excursion(s) in transit`)
            : receiver.shipments.confirmDelivery(request.shipmentId),
    );
    return closed.status;
}

// Shipment steps for the tests: an inked deal between healthco and centre-north, carried by coldchain.
import type { CheckpointReading, Deal, Shipment, ShipmentRequest } from '@bia/model';
import { compositeKey } from '../../../fixtures/chaincode-harness';
import { type Association, uniqueId } from '../deals/association';
import { givenInkedDeal } from '../deals/steps';

export function shipmentRequest(deal: Deal, overrides: Partial<ShipmentRequest> = {}): ShipmentRequest {
    return {
        shipmentId: uniqueId('ship'),
        dealId: deal.dealId,
        receiverMemberId: 'centre-north',
        carrierMemberId: 'coldchain',
        contents: { category: 'vaccine', description: 'Influenza vaccine, 10-dose vials', quantity: 200, unit: 'vial' },
        conditions: { minTemperatureC: 2, maxTemperatureC: 8, maxTransitMinutes: 240 },
        ...overrides,
    };
}

export function reading(shipmentId: string, overrides: Partial<CheckpointReading> = {}): CheckpointReading {
    return {
        shipmentId,
        readingId: uniqueId('r'),
        sensorId: 'sensor-1',
        readAt: '2027-03-01T08:00:00.000Z',
        location: '60.17N 24.94E',
        temperatureC: 5,
        humidityPercent: 40,
        shock: false,
        ...overrides,
    };
}

/** A shipment's index entries that hold its status (one per party, and one for its deal). */
export function statusEntries(shipment: Shipment, status: string): string[] {
    const parties = [...new Set([shipment.shipperMemberId, shipment.receiverMemberId, shipment.carrierMemberId])];
    return [
        compositeKey('shipment-status-deal', [status, shipment.dealId, shipment.shipmentId]),
        ...parties.map((party) =>
            compositeKey('shipment-party-status-deal', [party, status, shipment.dealId, shipment.shipmentId]),
        ),
    ];
}

/** A created shipment: healthco (shipper) holds custody. */
export async function givenShipment(a: Association, overrides: Partial<ShipmentRequest> = {}): Promise<Shipment> {
    const { deal } = await givenInkedDeal(a, { parties: ['healthco', 'north'] });
    const result = await a.submit(a.as.healthco, 'shipments:CreateShipment', [
        JSON.stringify(shipmentRequest(deal, overrides)),
    ]);
    return result.json<Shipment>();
}

/** Custody moves from the current custodian to the next one: offer, then acceptance. */
export async function handOver(
    a: Association,
    shipmentId: string,
    from: keyof Association['as'],
    to: keyof Association['as'],
): Promise<number> {
    const offer = await a.submit(a.as[from], 'shipments:OfferHandover', [shipmentId, a.memberId[to]]);
    const { sequence } = offer.json<{ sequence: number }>();
    await a.submit(a.as[to], 'shipments:AcceptHandover', [shipmentId, String(sequence)]);
    return sequence;
}

/** The carrier holds custody: the shipment is in transit. */
export async function givenInTransit(a: Association): Promise<Shipment> {
    const shipment = await givenShipment(a);
    await handOver(a, shipment.shipmentId, 'healthco', 'carrier');
    return shipment;
}

/** The receiver holds custody and may decide on the delivery. */
export async function givenAtReceiver(a: Association): Promise<Shipment> {
    const shipment = await givenInTransit(a);
    await handOver(a, shipment.shipmentId, 'carrier', 'north');
    return shipment;
}

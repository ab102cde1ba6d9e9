import { expect, use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import type { Checkpoint, ExcursionRecordedEvent } from '@bia/model';
import { compositeKey } from '../../../fixtures/ledger';
import { type Association, errorOf, givenAssociation } from '../deals/association';
import { givenAtReceiver, givenInTransit, givenShipment, reading } from './steps';

use(chaiAsPromised);

const checkpointKey = (r: { shipmentId: string; sensorId: string; readingId: string }): string =>
    compositeKey('shipment-checkpoint', [r.shipmentId, r.sensorId, r.readingId]);

describe('shipments:RecordCheckpoint', () => {
    let a: Association;

    beforeEach(async () => {
        a = await givenAssociation();
    });

    afterEach(() => {
        a.ledger.close();
    });

    it('stores an in-range reading under its own key, only reading the shipment', async () => {
        const shipment = await givenInTransit(a);
        const input = reading(shipment.shipmentId, { temperatureC: 2 });
        const result = await a.submit(a.as.carrier, 'shipments:RecordCheckpoint', [JSON.stringify(input)]);
        const checkpoint = result.json<Checkpoint>();
        expect(checkpoint).to.deep.include({ ...input, excursion: false });
        expect(checkpoint.recorded).to.deep.include({ byMemberId: 'coldchain', txId: result.txId });
        expect(result.writes.keys()).to.deep.equal([checkpointKey(input)]);
        expect(result.reads.keys()).to.include(compositeKey('shipment', [shipment.shipmentId]));
        expect(result.event).to.equal(undefined);
    });

    it('lets the shipper record while it still holds custody', async () => {
        const shipment = await givenShipment(a);
        const result = await a.submit(a.as.healthco, 'shipments:RecordCheckpoint', [
            JSON.stringify(reading(shipment.shipmentId, { readAt: '2027-03-01T07:59:00.000Z' })),
        ]);
        expect(result.json<Checkpoint>().excursion).to.equal(false);
    });

    const excursions = [
        { name: 'too warm', change: { temperatureC: 8.5 } },
        { name: 'too cold', change: { temperatureC: 1.9 } },
        { name: 'a shock', change: { shock: true } },
    ];
    for (const { name, change } of excursions) {
        it(`records ${name} as an excursion with an index entry and an event`, async () => {
            const shipment = await givenInTransit(a);
            const input = reading(shipment.shipmentId, change);
            const result = await a.submit(a.as.carrier, 'shipments:RecordCheckpoint', [JSON.stringify(input)]);
            expect(result.json<Checkpoint>().excursion).to.equal(true);
            expect(result.writes.keys()).to.have.members([
                checkpointKey(input),
                compositeKey('shipment-excursion', [input.shipmentId, input.sensorId, input.readingId]),
            ]);
            expect(result.event?.name).to.equal('ExcursionRecorded');
            const event = JSON.parse(result.event!.payload.toString()) as ExcursionRecordedEvent;
            expect(event).to.deep.equal({
                shipmentId: input.shipmentId,
                readingId: input.readingId,
                sensorId: input.sensorId,
                temperatureC: input.temperatureC,
                shock: input.shock,
                minTemperatureC: 2,
                maxTemperatureC: 8,
                txId: result.txId,
                at: '2027-03-01T08:00:00.000Z',
            });
        });
    }

    it("lets 50 sensors record at once without conflicts: disjoint write sets, no read of another's writes", async () => {
        // Given a shipment in transit, committed
        const shipment = await givenInTransit(a);
        const inputs = Array.from({ length: 50 }, (_, i) =>
            reading(shipment.shipmentId, { sensorId: `sensor-${i % 5}`, temperatureC: i % 7 === 0 ? 12 : 5 }),
        );
        // When 50 checkpoints are simulated concurrently against the same committed state, and committed
        const results = await Promise.all(
            inputs.map((input) => a.invoke(a.as.carrier, 'shipments:RecordCheckpoint', [JSON.stringify(input)])),
        );
        // Then every one commits
        expect(results.map((result) => result.validationCode)).to.deep.equal(inputs.map(() => 'VALID'));
        // and their write sets are pairwise disjoint
        const writes = results.map((result) => result.writes.keys());
        const allWrites = writes.flat();
        expect(new Set(allWrites).size).to.equal(allWrites.length);
        // and none read a key that another one writes, nor made a range query a write could change
        results.forEach((result, i) => {
            const othersWrites = new Set(writes.filter((_, j) => j !== i).flat());
            expect(result.reads.keys().filter((key) => othersWrites.has(key))).to.deep.equal([]);
            expect(result.reads.ranges()).to.deep.equal([]);
        });
        expect(a.ledger.keys().filter((key) => key.startsWith(compositeKey('shipment-checkpoint', [])))).to.have.length(
            50,
        );
    });

    describe('rejects, writing nothing', () => {
        it('a caller that is not the current custodian (shipper after handover, receiver, other org): UNAUTHORIZED', async () => {
            const shipment = await givenInTransit(a);
            for (const as of [a.as.healthco, a.as.north, a.unbound]) {
                const result = await a.invoke(as, 'shipments:RecordCheckpoint', [
                    JSON.stringify(reading(shipment.shipmentId)),
                ]);
                expect(errorOf(result).code).to.equal('UNAUTHORIZED');
                expect(result.writes.isEmpty).to.equal(true);
            }
        });

        it('a duplicate reading key: CONFLICT', async () => {
            const shipment = await givenInTransit(a);
            const input = reading(shipment.shipmentId);
            await a.submit(a.as.carrier, 'shipments:RecordCheckpoint', [JSON.stringify(input)]);
            const result = await a.invoke(a.as.carrier, 'shipments:RecordCheckpoint', [JSON.stringify(input)]);
            expect(errorOf(result).code).to.equal('CONFLICT');
            expect(result.writes.isEmpty).to.equal(true);
        });

        it('a closed shipment: INVALID_STATE', async () => {
            const shipment = await givenAtReceiver(a);
            await a.submit(a.as.north, 'shipments:ConfirmDelivery', [shipment.shipmentId]);
            const result = await a.invoke(a.as.north, 'shipments:RecordCheckpoint', [
                JSON.stringify(reading(shipment.shipmentId)),
            ]);
            expect(errorOf(result).code).to.equal('INVALID_STATE');
            expect(result.writes.isEmpty).to.equal(true);
        });

        const invalid: { name: string; change: Record<string, unknown>; field: string }[] = [
            { name: 'a humidity above 100 %', change: { humidityPercent: 101 }, field: 'reading.humidityPercent' },
            { name: 'an implausible temperature', change: { temperatureC: 500 }, field: 'reading.temperatureC' },
            { name: 'a temperature as text', change: { temperatureC: '5' }, field: 'reading.temperatureC' },
            { name: 'a shock flag as text', change: { shock: 'no' }, field: 'reading.shock' },
            {
                name: 'a reading time that is not UTC ISO',
                change: { readAt: '01/03/2027 08:30' },
                field: 'reading.readAt',
            },
            {
                name: 'a reading time far in the future',
                change: { readAt: '2027-03-01T08:16:00.000Z' },
                field: 'reading.readAt',
            },
            { name: 'a sensor ID with spaces', change: { sensorId: 'sensor 1' }, field: 'reading.sensorId' },
            { name: 'an unknown field', change: { patientName: 'x' }, field: 'reading.patientName' },
        ];
        for (const { name, change, field } of invalid) {
            it(`${name}: VALIDATION naming ${field}`, async () => {
                const shipment = await givenInTransit(a);
                const input = { ...reading(shipment.shipmentId), ...change };
                const result = await a.invoke(a.as.carrier, 'shipments:RecordCheckpoint', [JSON.stringify(input)]);
                expect(errorOf(result).details).to.deep.include({ field });
                expect(result.writes.isEmpty).to.equal(true);
            });
        }
    });
});

import { expect, use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import type { Checkpoint, ExcursionRecordedEvent } from '@bia/model';
import { compositeKey } from '../../../fixtures/chaincode-harness';
import { type Association, errorOf, givenAssociation } from '../deals/association';
import { givenAtReceiver, givenInTransit, givenShipment, handOver, reading } from './steps';

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

    it('lets the shipper record while it still holds custody, from the creation on', async () => {
        const shipment = await givenShipment(a);
        a.ledger.advanceTime(10 * 60_000);
        for (const readAt of ['2027-03-01T08:00:00.000Z', '2027-03-01T08:09:00.000Z']) {
            const result = await a.submit(a.as.healthco, 'shipments:RecordCheckpoint', [
                JSON.stringify(reading(shipment.shipmentId, { readAt })),
            ]);
            expect(result.json<Checkpoint>().excursion).to.equal(false);
        }
    });

    describe('reading times within the custody (VALIDATION naming reading.readAt otherwise, nothing written)', () => {
        it('refuses a reading from before the shipment was created', async () => {
            const shipment = await givenShipment(a);
            const result = await a.invoke(a.as.healthco, 'shipments:RecordCheckpoint', [
                JSON.stringify(reading(shipment.shipmentId, { readAt: '2027-03-01T07:59:59.999Z' })),
            ]);
            expect(errorOf(result).details).to.deep.equal({
                field: 'reading.readAt',
                rule: 'must not be before the shipment was created (2027-03-01T08:00:00.000Z)',
            });
            expect(result.writes.isEmpty).to.equal(true);
        });

        it("refuses a carrier's reading from before it took custody, accepts one from then on", async () => {
            // Given a shipment created at 08:00 whose carrier accepts custody at 08:30
            const shipment = await givenShipment(a);
            a.ledger.advanceTime(30 * 60_000);
            await handOver(a, shipment.shipmentId, 'healthco', 'carrier');
            a.ledger.advanceTime(5 * 60_000);
            // When the carrier reports a reading taken at 08:10, while the shipper held the goods
            const early = await a.invoke(a.as.carrier, 'shipments:RecordCheckpoint', [
                JSON.stringify(reading(shipment.shipmentId, { readAt: '2027-03-01T08:10:00.000Z' })),
            ]);
            // Then it is refused, naming the start of its custody
            expect(errorOf(early).details).to.deep.equal({
                field: 'reading.readAt',
                rule: 'must not be before the recorder took custody of the shipment (2027-03-01T08:30:00.000Z)',
            });
            expect(early.writes.isEmpty).to.equal(true);
            // and a reading taken at 08:30 or later is recorded
            const onTime = await a.submit(a.as.carrier, 'shipments:RecordCheckpoint', [
                JSON.stringify(reading(shipment.shipmentId, { readAt: '2027-03-01T08:30:00.000Z' })),
            ]);
            expect(onTime.validationCode).to.equal('VALID');
        });

        it('refuses a reading more than 15 minutes after the transaction time', async () => {
            const shipment = await givenShipment(a);
            const result = await a.invoke(a.as.healthco, 'shipments:RecordCheckpoint', [
                JSON.stringify(reading(shipment.shipmentId, { readAt: '2027-03-01T08:15:00.001Z' })),
            ]);
            expect(errorOf(result).details).to.deep.include({ field: 'reading.readAt' });
            expect(result.writes.isEmpty).to.equal(true);
        });
    });

    describe('numbers (VALIDATION naming the field, nothing written)', () => {
        const raw: { name: string; from: string; to: string; field: string; rule: string | RegExp }[] = [
            {
                name: 'a temperature JSON cannot hold exactly',
                from: '"temperatureC":5',
                to: '"temperatureC":5.00000000000000000001',
                field: 'reading.temperatureC',
                rule: /a double holds exactly \(5\.00000000000000000001 would become 5\)/,
            },
            {
                name: 'an infinite humidity (1e400)',
                from: '"humidityPercent":40',
                to: '"humidityPercent":1e400',
                field: 'reading.humidityPercent',
                rule: 'must be a finite number',
            },
            {
                name: 'a humidity below 0',
                from: '"humidityPercent":40',
                to: '"humidityPercent":-0.5',
                field: 'reading.humidityPercent',
                rule: 'must be at least 0',
            },
        ];
        for (const { name, from, to, field, rule } of raw) {
            it(`refuses ${name}`, async () => {
                const shipment = await givenInTransit(a);
                const text = JSON.stringify(reading(shipment.shipmentId)).replace(from, to);
                expect(text).to.include(to);
                const result = await a.invoke(a.as.carrier, 'shipments:RecordCheckpoint', [text]);
                const { details } = errorOf(result);
                expect(details.field).to.equal(field);
                if (typeof rule === 'string') {
                    expect(details.rule).to.equal(rule);
                } else {
                    expect(details.rule).to.match(rule);
                }
                expect(result.writes.isEmpty).to.equal(true);
            });
        }

        it('accepts exact decimals written in any form (36.6, 3.66e1, 366e-1)', async () => {
            const shipment = await givenInTransit(a);
            for (const literal of ['36.6', '3.66e1', '366e-1', '36.600']) {
                const text = JSON.stringify(reading(shipment.shipmentId)).replace(
                    '"temperatureC":5',
                    `"temperatureC":${literal}`,
                );
                const result = await a.submit(a.as.carrier, 'shipments:RecordCheckpoint', [text]);
                expect(result.json<Checkpoint>().temperatureC).to.equal(36.6);
            }
        });
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

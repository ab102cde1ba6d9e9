import { expect, use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import type { Page, Provenance, Shipment, ShipmentClosedEvent } from '@bia/model';
import { compositeKey } from '../../../fixtures/chaincode-harness';
import { type Association, errorOf, givenAssociation } from '../deals/association';
import { givenAtReceiver, givenInTransit, givenShipment, handOver, reading, statusEntries } from './steps';

use(chaiAsPromised);

function closedEvent(result: { event?: { name: string; payload: Buffer } | undefined }): ShipmentClosedEvent {
    expect(result.event?.name).to.equal('ShipmentClosed');
    return JSON.parse(result.event!.payload.toString()) as ShipmentClosedEvent;
}

describe('shipments delivery and queries', () => {
    let a: Association;

    beforeEach(async () => {
        a = await givenAssociation();
    });

    afterEach(() => {
        a.ledger.close();
    });

    describe('shipments:ConfirmDelivery', () => {
        it('closes the shipment as delivered with the transit time', async () => {
            // Given the carrier took custody at 08:00 and the receiver at 10:00
            const shipment = await givenInTransit(a);
            a.ledger.advanceTime(120 * 60_000);
            await handOver(a, shipment.shipmentId, 'carrier', 'north');
            a.ledger.advanceTime(5 * 60_000);
            // When the receiver confirms at 10:05
            const result = await a.submit(a.as.north, 'shipments:ConfirmDelivery', [shipment.shipmentId]);
            // Then
            const delivered = result.json<Shipment>();
            expect(delivered.status).to.equal('delivered');
            expect(delivered.outcome).to.deep.include({
                accepted: true,
                reason: 'delivered',
                transitMinutes: 125,
                transitTimeExceeded: false,
            });
            expect(delivered.outcome?.decided).to.deep.include({ byMemberId: 'centre-north', txId: result.txId });
            const id = shipment.shipmentId;
            expect(result.writes.keys()).to.have.members([
                compositeKey('shipment', [id]),
                ...statusEntries(shipment, 'in-transit'),
                ...statusEntries(shipment, 'delivered'),
            ]);
            expect(closedEvent(result)).to.deep.equal({
                shipmentId: id,
                dealId: shipment.dealId,
                status: 'delivered',
                reason: 'delivered',
                transitMinutes: 125,
                transitTimeExceeded: false,
                txId: result.txId,
                at: '2027-03-01T10:05:00.000Z',
            });
        });

        it('flags a transit time above the maximum', async () => {
            const shipment = await givenInTransit(a);
            a.ledger.advanceTime(241 * 60_000);
            await handOver(a, shipment.shipmentId, 'carrier', 'north');
            const result = await a.submit(a.as.north, 'shipments:ConfirmDelivery', [shipment.shipmentId]);
            expect(result.json<Shipment>().outcome).to.deep.include({ transitMinutes: 241, transitTimeExceeded: true });
            expect(closedEvent(result).transitTimeExceeded).to.equal(true);
        });

        it('refuses the receiver before it holds custody (INVALID_STATE) and anyone else (UNAUTHORIZED)', async () => {
            const shipment = await givenInTransit(a);
            const early = await a.invoke(a.as.north, 'shipments:ConfirmDelivery', [shipment.shipmentId]);
            expect(errorOf(early).code).to.equal('INVALID_STATE');
            await handOver(a, shipment.shipmentId, 'carrier', 'north');
            for (const as of [a.as.carrier, a.as.healthco, a.as.south, a.unbound]) {
                const result = await a.invoke(as, 'shipments:ConfirmDelivery', [shipment.shipmentId]);
                expect(errorOf(result).code).to.equal('UNAUTHORIZED');
                expect(result.writes.isEmpty).to.equal(true);
            }
            expect(early.writes.isEmpty).to.equal(true);
        });

        it('refuses a shipment already closed (INVALID_STATE), an unknown one (NOT_FOUND)', async () => {
            const shipment = await givenAtReceiver(a);
            await a.submit(a.as.north, 'shipments:ConfirmDelivery', [shipment.shipmentId]);
            const again = await a.invoke(a.as.north, 'shipments:ConfirmDelivery', [shipment.shipmentId]);
            expect(errorOf(again).code).to.equal('INVALID_STATE');
            const unknown = await a.invoke(a.as.north, 'shipments:ConfirmDelivery', ['no-such-shipment']);
            expect(errorOf(unknown).code).to.equal('NOT_FOUND');
        });
    });

    describe('shipments:RejectDelivery', () => {
        it('closes the shipment as rejected with the reason', async () => {
            const shipment = await givenAtReceiver(a);
            const result = await a.submit(a.as.north, 'shipments:RejectDelivery', [
                shipment.shipmentId,
                'Cold chain broken',
            ]);
            const rejected = result.json<Shipment>();
            expect(rejected.status).to.equal('rejected');
            expect(rejected.outcome).to.deep.include({ accepted: false, reason: 'Cold chain broken' });
            expect(closedEvent(result)).to.deep.include({ status: 'rejected', reason: 'Cold chain broken' });
        });

        it('refuses an empty reason (VALIDATION) and another member (UNAUTHORIZED)', async () => {
            const shipment = await givenAtReceiver(a);
            const empty = await a.invoke(a.as.north, 'shipments:RejectDelivery', [shipment.shipmentId, '']);
            expect(errorOf(empty).details).to.deep.include({ field: 'reason' });
            const other = await a.invoke(a.as.carrier, 'shipments:RejectDelivery', [shipment.shipmentId, 'No']);
            expect(errorOf(other).code).to.equal('UNAUTHORIZED');
            expect(empty.writes.isEmpty && other.writes.isEmpty).to.equal(true);
        });
    });

    describe('shipments:GetProvenance and GetShipment', () => {
        it('returns custody chain, checkpoints, excursions and delivery in one query', async () => {
            const shipment = await givenInTransit(a);
            const ok = reading(shipment.shipmentId, { sensorId: 'sensor-a' });
            const warm = reading(shipment.shipmentId, { sensorId: 'sensor-b', temperatureC: 9.5 });
            for (const input of [ok, warm]) {
                await a.submit(a.as.carrier, 'shipments:RecordCheckpoint', [JSON.stringify(input)]);
            }
            await handOver(a, shipment.shipmentId, 'carrier', 'north');
            await a.submit(a.as.north, 'shipments:ConfirmDelivery', [shipment.shipmentId]);
            const result = await a.evaluate(a.as.outsider, 'shipments:GetProvenance', [shipment.shipmentId]);
            const provenance = result.json<Provenance>();
            expect(provenance.shipment).to.deep.include({ shipmentId: shipment.shipmentId, status: 'delivered' });
            expect(provenance.shipment.outcome?.accepted).to.equal(true);
            expect(provenance.handovers.map((h) => [h.sequence, h.fromMemberId, h.toMemberId])).to.deep.equal([
                [1, 'healthco', 'coldchain'],
                [2, 'coldchain', 'centre-north'],
            ]);
            expect(provenance.handovers.every((h) => h.accepted !== undefined)).to.equal(true);
            expect(provenance.checkpoints.map((c) => c.readingId)).to.deep.equal([ok.readingId, warm.readingId]);
            expect(provenance.excursions.map((c) => c.readingId)).to.deep.equal([warm.readingId]);
            expect(result.writes.isEmpty).to.equal(true);
            const single = await a.evaluate(a.as.outsider, 'shipments:GetShipment', [shipment.shipmentId]);
            expect(single.json<Shipment>()).to.deep.equal(provenance.shipment);
        });

        it('refuses an unknown shipment (NOT_FOUND) and a bad ID (VALIDATION)', async () => {
            await expect(a.evaluate(a.as.outsider, 'shipments:GetProvenance', ['none'])).to.be.rejectedWith(
                'NOT_FOUND',
            );
            await expect(a.evaluate(a.as.outsider, 'shipments:GetShipment', ['a/b'])).to.be.rejectedWith('VALIDATION');
        });
    });

    describe('shipments:QueryShipments', () => {
        function ids(page: Page<Shipment>): string[] {
            return page.records.map((shipment) => shipment.shipmentId).sort();
        }

        async function query(filter: object): Promise<Page<Shipment>> {
            return (await a.evaluate(a.as.outsider, 'shipments:QueryShipments', [JSON.stringify(filter)])).json<
                Page<Shipment>
            >();
        }

        async function givenShipments(): Promise<{ created: Shipment; moving: Shipment; other: Shipment }> {
            const created = await givenShipment(a);
            const moving = await givenInTransit(a);
            const other = await givenShipment(a, { carrierMemberId: 'startup' });
            return { created, moving, other };
        }

        it('lists by one filter through a composite-key index', async () => {
            const { created, moving, other } = await givenShipments();
            expect(ids(await query({ status: 'in-transit' }))).to.deep.equal([moving.shipmentId]);
            expect(ids(await query({ partyMemberId: 'coldchain' }))).to.deep.equal(
                [created.shipmentId, moving.shipmentId].sort(),
            );
            expect(ids(await query({ partyMemberId: 'startup' }))).to.deep.equal([other.shipmentId]);
            expect(ids(await query({ dealId: moving.dealId }))).to.deep.equal([moving.shipmentId]);
            expect(ids(await query({}))).to.have.length(3);
        });

        it('combines filters through composite-key indexes, never a rich query', async () => {
            const { created, moving } = await givenShipments();
            expect(ids(await query({ status: 'created', partyMemberId: 'coldchain' }))).to.deep.equal([
                created.shipmentId,
            ]);
            expect(ids(await query({ dealId: moving.dealId, partyMemberId: 'centre-north' }))).to.deep.equal([
                moving.shipmentId,
            ]);
            expect(ids(await query({ dealId: created.dealId, status: 'created' }))).to.deep.equal([created.shipmentId]);
            const result = await a.evaluate(a.as.outsider, 'shipments:QueryShipments', [
                JSON.stringify({ status: 'in-transit', dealId: moving.dealId, partyMemberId: 'healthco' }),
            ]);
            expect(ids(result.json<Page<Shipment>>())).to.deep.equal([moving.shipmentId]);
            expect(result.reads.richQueries()).to.deep.equal([]);
            expect(result.writes.isEmpty).to.equal(true);
        });

        it('pages with a bookmark and refuses bad input', async () => {
            await givenShipments();
            const first = await query({ pageSize: 2 });
            const second = await query({ pageSize: 2, bookmark: first.bookmark });
            expect(first.records.length + second.records.length).to.equal(3);
            expect(second.bookmark).to.equal('');
            await expect(query({ pageSize: 0 })).to.be.rejectedWith('query.pageSize');
            await expect(query({ status: 'lost' })).to.be.rejectedWith('query.status');
            await expect(query({ dealId: 'a b' })).to.be.rejectedWith('query.dealId');
        });
    });
});

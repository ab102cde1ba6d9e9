import { expect, use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import type { CustodyHandedOverEvent, Handover, Shipment } from '@bia/model';
import { compositeKey } from '../../../fixtures/chaincode-harness';
import { type Association, errorOf, givenAssociation } from '../deals/association';
import { givenAtReceiver, givenInTransit, givenShipment, handOver, statusEntries } from './steps';

use(chaiAsPromised);

const handoverKey = (shipmentId: string, sequence: number): string =>
    compositeKey('shipment-handover', [shipmentId, String(sequence).padStart(10, '0')]);

describe('shipments custody', () => {
    let a: Association;

    beforeEach(async () => {
        a = await givenAssociation();
    });

    afterEach(() => {
        a.ledger.close();
    });

    describe('shipments:OfferHandover', () => {
        it("records the custodian's offer under its own key, leaving the shipment untouched", async () => {
            const shipment = await givenShipment(a);
            const result = await a.submit(a.as.healthco, 'shipments:OfferHandover', [shipment.shipmentId, 'coldchain']);
            const handover = result.json<Handover>();
            expect(handover).to.deep.include({
                shipmentId: shipment.shipmentId,
                sequence: 1,
                fromMemberId: 'healthco',
                toMemberId: 'coldchain',
            });
            expect(handover.offered).to.deep.include({ byMemberId: 'healthco', txId: result.txId });
            expect(result.writes.keys()).to.deep.equal([handoverKey(shipment.shipmentId, 1)]);
            expect(result.event).to.equal(undefined);
        });

        it('refuses a second offer while one is pending: INVALID_STATE', async () => {
            const shipment = await givenShipment(a);
            await a.submit(a.as.healthco, 'shipments:OfferHandover', [shipment.shipmentId, 'coldchain']);
            const result = await a.invoke(a.as.healthco, 'shipments:OfferHandover', [
                shipment.shipmentId,
                'centre-north',
            ]);
            expect(errorOf(result)).to.deep.include({ code: 'INVALID_STATE' });
            expect(errorOf(result).details).to.deep.include({ sequence: 1, toMemberId: 'coldchain' });
            expect(result.writes.isEmpty).to.equal(true);
        });

        it('refuses a caller that is not the custodian, from the same deal or another organisation: UNAUTHORIZED', async () => {
            const shipment = await givenShipment(a);
            const receiver = await a.invoke(a.as.north, 'shipments:OfferHandover', [shipment.shipmentId, 'coldchain']);
            expect(errorOf(receiver).code).to.equal('UNAUTHORIZED');
            const carrier = await a.invoke(a.as.carrier, 'shipments:OfferHandover', [shipment.shipmentId, 'coldchain']);
            expect(errorOf(carrier).code).to.equal('UNAUTHORIZED');
            const unbound = await a.invoke(a.unbound, 'shipments:OfferHandover', [shipment.shipmentId, 'coldchain']);
            expect(errorOf(unbound).code).to.equal('UNAUTHORIZED');
            expect(receiver.writes.isEmpty && carrier.writes.isEmpty && unbound.writes.isEmpty).to.equal(true);
        });

        it('refuses the custodian itself (VALIDATION), an inactive member (INVALID_STATE), an unknown one (NOT_FOUND)', async () => {
            const shipment = await givenShipment(a);
            const self = await a.invoke(a.as.healthco, 'shipments:OfferHandover', [shipment.shipmentId, 'healthco']);
            expect(errorOf(self).details).to.deep.include({ field: 'toMemberId' });
            const inactive = await a.invoke(a.as.healthco, 'shipments:OfferHandover', [
                shipment.shipmentId,
                'lapsed-lab',
            ]);
            expect(errorOf(inactive).code).to.equal('INVALID_STATE');
            const unknown = await a.invoke(a.as.healthco, 'shipments:OfferHandover', [shipment.shipmentId, 'nobody']);
            expect(errorOf(unknown).code).to.equal('NOT_FOUND');
            const badId = await a.invoke(a.as.healthco, 'shipments:OfferHandover', [shipment.shipmentId, 'no body']);
            expect(errorOf(badId).details).to.deep.include({ field: 'toMemberId' });
            const noShipment = await a.invoke(a.as.healthco, 'shipments:OfferHandover', ['nothing', 'coldchain']);
            expect(errorOf(noShipment).code).to.equal('NOT_FOUND');
            for (const result of [self, inactive, unknown, badId, noShipment]) {
                expect(result.writes.isEmpty).to.equal(true);
            }
        });

        it('refuses a delivered shipment: INVALID_STATE', async () => {
            const shipment = await givenAtReceiver(a);
            await a.submit(a.as.north, 'shipments:ConfirmDelivery', [shipment.shipmentId]);
            const result = await a.invoke(a.as.north, 'shipments:OfferHandover', [shipment.shipmentId, 'coldchain']);
            expect(errorOf(result).code).to.equal('INVALID_STATE');
        });
    });

    describe('shipments:AcceptHandover', () => {
        it('moves custody to the next custodian; the first handover is the departure', async () => {
            const shipment = await givenShipment(a);
            await a.submit(a.as.healthco, 'shipments:OfferHandover', [shipment.shipmentId, 'coldchain']);
            a.ledger.advanceTime(10 * 60_000);
            const result = await a.submit(a.as.carrier, 'shipments:AcceptHandover', [shipment.shipmentId, '1']);
            const handover = result.json<Handover>();
            expect(handover.accepted).to.deep.include({
                byMemberId: 'coldchain',
                byMspId: 'CarrierMSP',
                txId: result.txId,
            });
            const id = shipment.shipmentId;
            expect(result.writes.keys()).to.have.members([
                handoverKey(id, 1),
                compositeKey('shipment', [id]),
                ...statusEntries(shipment, 'created'),
                ...statusEntries(shipment, 'in-transit'),
            ]);
            const stored = result.writes.json<Shipment>(compositeKey('shipment', [id]));
            expect(stored).to.deep.include({
                status: 'in-transit',
                custodianMemberId: 'coldchain',
                custodySince: '2027-03-01T08:10:00.000Z',
                departedAt: '2027-03-01T08:10:00.000Z',
            });
            expect(result.event?.name).to.equal('CustodyHandedOver');
            const event = JSON.parse(result.event!.payload.toString()) as CustodyHandedOverEvent;
            expect(event).to.deep.equal({
                shipmentId: id,
                sequence: 1,
                fromMemberId: 'healthco',
                toMemberId: 'coldchain',
                txId: result.txId,
                at: '2027-03-01T08:10:00.000Z',
            });
        });

        it('keeps the departure time on later handovers, and moves the start of custody', async () => {
            const shipment = await givenInTransit(a);
            const departedAt = a.ledger.stateJson<Shipment>(
                compositeKey('shipment', [shipment.shipmentId]),
            )?.departedAt;
            a.ledger.advanceTime(60 * 60_000);
            const sequence = await handOver(a, shipment.shipmentId, 'carrier', 'north');
            expect(sequence).to.equal(2);
            const stored = a.ledger.stateJson<Shipment>(compositeKey('shipment', [shipment.shipmentId]));
            expect(stored).to.deep.include({
                custodianMemberId: 'centre-north',
                custodySince: a.ledger.time.toISOString(),
                status: 'in-transit',
                departedAt,
            });
            expect(stored?.custodySince).to.not.equal(departedAt);
        });

        it('refuses anyone but the named next custodian: UNAUTHORIZED', async () => {
            const shipment = await givenShipment(a);
            await a.submit(a.as.healthco, 'shipments:OfferHandover', [shipment.shipmentId, 'coldchain']);
            const shipper = await a.invoke(a.as.healthco, 'shipments:AcceptHandover', [shipment.shipmentId, '1']);
            const other = await a.invoke(a.as.north, 'shipments:AcceptHandover', [shipment.shipmentId, '1']);
            const unbound = await a.invoke(a.unbound, 'shipments:AcceptHandover', [shipment.shipmentId, '1']);
            for (const result of [shipper, other, unbound]) {
                expect(errorOf(result).code).to.equal('UNAUTHORIZED');
                expect(result.writes.isEmpty).to.equal(true);
            }
        });

        it('refuses an accepted handover (INVALID_STATE), an unknown one (NOT_FOUND), a bad sequence (VALIDATION)', async () => {
            const shipment = await givenInTransit(a);
            const again = await a.invoke(a.as.carrier, 'shipments:AcceptHandover', [shipment.shipmentId, '1']);
            expect(errorOf(again).code).to.equal('INVALID_STATE');
            const unknown = await a.invoke(a.as.carrier, 'shipments:AcceptHandover', [shipment.shipmentId, '7']);
            expect(errorOf(unknown).code).to.equal('NOT_FOUND');
            const zero = await a.invoke(a.as.carrier, 'shipments:AcceptHandover', [shipment.shipmentId, '0']);
            expect(errorOf(zero).details).to.deep.include({ field: 'sequence' });
            const text = await a.invoke(a.as.carrier, 'shipments:AcceptHandover', [shipment.shipmentId, 'one']);
            expect(errorOf(text).details).to.deep.include({ field: 'sequence' });
            for (const result of [again, unknown, zero, text]) {
                expect(result.writes.isEmpty).to.equal(true);
            }
        });

        it('refuses a handover of a closed shipment: INVALID_STATE', async () => {
            const shipment = await givenAtReceiver(a);
            await a.submit(a.as.north, 'shipments:OfferHandover', [shipment.shipmentId, 'coldchain']);
            await a.submit(a.as.north, 'shipments:RejectDelivery', [shipment.shipmentId, 'Seal broken']);
            const result = await a.invoke(a.as.carrier, 'shipments:AcceptHandover', [shipment.shipmentId, '3']);
            expect(errorOf(result).code).to.equal('INVALID_STATE');
        });
    });
});

// The shipments contract through @bia/client: medical transport under an inked deal, custody handed over
// between members (and between two identities of one member), sensor checkpoints with an excursion, delivery
// confirmed or rejected, provenance and queries.
import { randomBytes } from 'node:crypto';
import { expect, use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import {
    type AssociationClient,
    type CheckpointReading,
    ConflictError,
    type Deal,
    InvalidStateError,
    NotFoundError,
    type ShipmentRequest,
    UnauthorizedError,
    ValidationError,
} from '@bia/client';
import { type Association, association, closeAssociation } from '../support/association';

use(chaiAsPromised);

after(closeAssociation);

describe('shipments contract through the client library', function () {
    this.timeout(120_000);
    let run: Association;
    let shipper: AssociationClient;
    let receiver: AssociationClient;
    let driver: AssociationClient;
    let dispatcher: AssociationClient;
    let deal: Deal;

    before(async function () {
        this.timeout(180_000);
        run = await association();
        shipper = await run.operator('healthco');
        receiver = await run.operator('healthcentres');
        dispatcher = await run.operator('carrier');
        // A second identity of the carrier's member, bound by the carrier's own admin: custody is the member's.
        driver = await run.bind('carrier', 'User2', run.members.carrier);
        deal = await inkedDeal();
    });

    async function inkedDeal(): Promise<Deal> {
        const drafted = await shipper.deals.draft(
            {
                dealId: run.id('supply'),
                kind: 'service',
                title: 'Vaccine supply to the health centres',
                summary: 'Monthly deliveries',
                partyMemberIds: [run.members.healthco, run.members.healthcentres],
            },
            { text: 'Monthly supply of 200 doses', salt: randomBytes(16).toString('hex') },
        );
        await shipper.deals.sign(drafted.dealId, drafted.termsHash);
        return receiver.deals.sign(drafted.dealId, drafted.termsHash);
    }

    function request(changes: Partial<ShipmentRequest> = {}): ShipmentRequest {
        return {
            shipmentId: run.id('shipment'),
            dealId: deal.dealId,
            receiverMemberId: run.members.healthcentres,
            carrierMemberId: run.members.carrier,
            contents: { category: 'vaccine', description: 'Measles vaccine', quantity: 200, unit: 'doses' },
            conditions: { minTemperatureC: 2, maxTemperatureC: 8, maxTransitMinutes: 600 },
            ...changes,
        };
    }

    function reading(shipmentId: string, temperatureC: number): CheckpointReading {
        return {
            shipmentId,
            readingId: run.id('reading'),
            sensorId: 'fridge-sensor-1',
            readAt: new Date().toISOString(),
            location: 'Highway A1, km 42',
            temperatureC,
            humidityPercent: 40,
            shock: false,
        };
    }

    it('hands custody from shipper to carrier to receiver, records checkpoints and an excursion, and delivers', async () => {
        expect(deal.status).to.equal('inked');
        const created = await shipper.shipments.create(request());
        const shipmentId = created.shipmentId;
        expect(created).to.include({
            status: 'created',
            shipperMemberId: run.members.healthco,
            custodianMemberId: run.members.healthco,
        });
        await expect(shipper.shipments.create(request({ shipmentId }))).to.be.rejectedWith(ConflictError);

        const offered = await shipper.shipments.offerHandover(shipmentId, run.members.carrier);
        expect(offered).to.include({
            sequence: 1,
            fromMemberId: run.members.healthco,
            toMemberId: run.members.carrier,
        });
        await expect(shipper.shipments.offerHandover(shipmentId, run.members.carrier)).to.be.rejectedWith(
            InvalidStateError,
            /still pending/,
        );
        await expect(receiver.shipments.acceptHandover(shipmentId, 1)).to.be.rejectedWith(UnauthorizedError);
        await expect(driver.shipments.acceptHandover(shipmentId, 0))
            .to.be.rejectedWith(ValidationError)
            .and.eventually.have.nested.property('details.field', 'sequence');
        await expect(driver.shipments.acceptHandover(shipmentId, 9)).to.be.rejectedWith(NotFoundError);
        const departed = await driver.shipments.acceptHandover(shipmentId, 1);
        expect(departed.accepted?.byMemberId).to.equal(run.members.carrier);
        expect(departed.accepted?.byMspId).to.equal('CarrierMSP');

        const cool = await dispatcher.shipments.recordCheckpoint(reading(shipmentId, 5));
        expect(cool.excursion).to.equal(false);
        const warm = reading(shipmentId, 12.5);
        const excursion = await driver.shipments.recordCheckpoint(warm);
        expect(excursion.excursion).to.equal(true);
        await expect(driver.shipments.recordCheckpoint(warm)).to.be.rejectedWith(ConflictError);
        await expect(shipper.shipments.recordCheckpoint(reading(shipmentId, 5))).to.be.rejectedWith(
            UnauthorizedError,
            /custodian/,
        );
        const future = { ...reading(shipmentId, 5), readAt: '2099-01-01T00:00:00Z' };
        await expect(driver.shipments.recordCheckpoint(future))
            .to.be.rejectedWith(ValidationError)
            .and.eventually.have.nested.property('details.field', 'reading.readAt');
        const beforeCustody = {
            ...reading(shipmentId, 5),
            readAt: new Date(Date.parse(departed.accepted?.at ?? '') - 1).toISOString(),
        };
        await expect(driver.shipments.recordCheckpoint(beforeCustody))
            .to.be.rejectedWith(ValidationError, /before the recorder took custody/)
            .and.eventually.have.nested.property('details.field', 'reading.readAt');
        await expect(receiver.shipments.confirmDelivery(shipmentId)).to.be.rejectedWith(
            InvalidStateError,
            /accept custody/,
        );

        await dispatcher.shipments.offerHandover(shipmentId, run.members.healthcentres);
        const arrived = await receiver.shipments.acceptHandover(shipmentId, 2);
        expect(arrived).to.include({ fromMemberId: run.members.carrier, toMemberId: run.members.healthcentres });
        await expect(dispatcher.shipments.confirmDelivery(shipmentId)).to.be.rejectedWith(UnauthorizedError);
        const delivered = await receiver.shipments.confirmDelivery(shipmentId);
        expect(delivered.status).to.equal('delivered');
        expect(delivered.outcome).to.include({ accepted: true, transitTimeExceeded: false });
        await expect(receiver.shipments.confirmDelivery(shipmentId)).to.be.rejectedWith(InvalidStateError);
        await expect(dispatcher.shipments.recordCheckpoint(reading(shipmentId, 5))).to.be.rejectedWith(
            InvalidStateError,
        );

        const provenance = await (await run.operator('secretariat')).shipments.provenance(shipmentId);
        expect(provenance.shipment.status).to.equal('delivered');
        expect(provenance.handovers.map((h) => [h.fromMemberId, h.toMemberId, h.accepted !== undefined])).to.deep.equal(
            [
                [run.members.healthco, run.members.carrier, true],
                [run.members.carrier, run.members.healthcentres, true],
            ],
        );
        expect(provenance.checkpoints.map((c) => c.temperatureC)).to.have.members([5, 12.5]);
        expect(provenance.excursions.map((c) => c.readingId)).to.deep.equal([warm.readingId]);
        expect((await shipper.shipments.get(shipmentId)).custodianMemberId).to.equal(run.members.healthcentres);
        const listed = await receiver.shipments.query({ dealId: deal.dealId, pageSize: 100 });
        expect(listed.records.find((s) => s.shipmentId === shipmentId)?.status).to.equal('delivered');
    });

    it('lets the receiver reject a delivery, with its reason', async () => {
        const { shipmentId } = await shipper.shipments.create(request());
        await shipper.shipments.offerHandover(shipmentId, run.members.healthcentres);
        await receiver.shipments.acceptHandover(shipmentId, 1);

        const rejected = await receiver.shipments.rejectDelivery(shipmentId, 'seal broken');

        expect(rejected.status).to.equal('rejected');
        expect(rejected.outcome).to.include({ accepted: false, reason: 'seal broken' });
        const delivered = await receiver.shipments.query({ status: 'rejected', pageSize: 100 });
        expect(delivered.records.every((s) => s.status === 'rejected')).to.equal(true);
    });

    it('refuses shipments that break its rules', async () => {
        await expect(dispatcher.shipments.create(request())).to.be.rejectedWith(UnauthorizedError, /not a party/);
        await expect(shipper.shipments.create(request({ receiverMemberId: run.members.healthco })))
            .to.be.rejectedWith(ValidationError)
            .and.eventually.have.nested.property('details.field', 'request.receiverMemberId');
        const badConditions = request({
            conditions: { minTemperatureC: 8, maxTemperatureC: 2, maxTransitMinutes: 60 },
        });
        await expect(shipper.shipments.create(badConditions))
            .to.be.rejectedWith(ValidationError)
            .and.eventually.have.nested.property('details.field', 'request.conditions.maxTemperatureC');
        const draftDeal = await shipper.deals.draft(
            {
                dealId: run.id('unsigned'),
                kind: 'service',
                title: 'Unsigned supply',
                summary: 'Never signed',
                partyMemberIds: [run.members.healthco, run.members.healthcentres],
            },
            { text: 'draft only', salt: randomBytes(16).toString('hex') },
        );
        await expect(shipper.shipments.create(request({ dealId: draftDeal.dealId }))).to.be.rejectedWith(
            InvalidStateError,
            /inked/,
        );
        await expect(shipper.shipments.create(request({ dealId: run.id('no-deal') }))).to.be.rejectedWith(
            NotFoundError,
        );
        await expect(shipper.shipments.provenance(run.id('no-shipment'))).to.be.rejectedWith(NotFoundError);
    });
});

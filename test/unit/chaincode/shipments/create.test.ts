import { expect, use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import type { Shipment } from '@bia/model';
import { compositeKey } from '../../../fixtures/chaincode-harness';
import { type Association, errorOf, givenAssociation } from '../deals/association';
import { givenDraft, givenInkedDeal } from '../deals/steps';
import { shipmentRequest } from './steps';

use(chaiAsPromised);

describe('shipments:CreateShipment', () => {
    let a: Association;

    beforeEach(async () => {
        a = await givenAssociation();
    });

    afterEach(() => {
        a.ledger.close();
    });

    it('creates a shipment under an inked deal with the shipper as custodian', async () => {
        // Given an inked deal between healthco and centre-north
        const { deal } = await givenInkedDeal(a, { parties: ['healthco', 'north'] });
        const request = shipmentRequest(deal);
        // When healthco ships to centre-north with coldchain as carrier
        const result = await a.submit(a.as.healthco, 'shipments:CreateShipment', [JSON.stringify(request)]);
        // Then
        const shipment = result.json<Shipment>();
        expect(shipment).to.deep.include({
            ...request,
            shipperMemberId: 'healthco',
            status: 'created',
            custodianMemberId: 'healthco',
            custodySince: shipment.created.at,
        });
        expect(shipment.created).to.deep.include({ byMemberId: 'healthco', byMspId: 'HealthcoMSP', txId: result.txId });
        const id = request.shipmentId;
        expect(result.writes.putKeys()).to.have.members([
            compositeKey('shipment', [id]),
            compositeKey('shipment-deal', [deal.dealId, id]),
            compositeKey('shipment-status-deal', ['created', deal.dealId, id]),
            ...['centre-north', 'coldchain', 'healthco'].flatMap((party) => [
                compositeKey('shipment-party-deal', [party, deal.dealId, id]),
                compositeKey('shipment-party-status-deal', [party, 'created', deal.dealId, id]),
            ]),
        ]);
        expect(result.writes.json(compositeKey('shipment', [id]))).to.deep.equal({ ...shipment, docType: 'shipment' });
        expect(result.event).to.equal(undefined);
    });

    it('accepts a specimen identified by an opaque reference', async () => {
        const { deal } = await givenInkedDeal(a, { parties: ['north', 'healthco'] });
        const request = shipmentRequest(deal, {
            receiverMemberId: 'healthco',
            contents: {
                category: 'specimen',
                description: 'Blood sample',
                quantity: 1,
                unit: 'tube',
                specimenRef: 'SPC-2027-000123',
            },
            conditions: { minTemperatureC: -80, maxTemperatureC: -60, maxTransitMinutes: 120 },
        });
        const result = await a.submit(a.as.north, 'shipments:CreateShipment', [JSON.stringify(request)]);
        expect(result.json<Shipment>().contents).to.deep.equal(request.contents);
    });

    describe('rejects, writing nothing', () => {
        const invalid: { name: string; change: (r: Record<string, unknown>) => object; field: string }[] = [
            {
                name: 'a quantity of 0',
                change: (r) => ({ ...r, contents: { ...(r.contents as object), quantity: 0 } }),
                field: 'request.contents.quantity',
            },
            {
                name: 'an infinite quantity',
                change: (r) => ({ ...r, contents: { ...(r.contents as object), quantity: '1e999' } }),
                field: 'request.contents.quantity',
            },
            {
                name: 'an unknown category',
                change: (r) => ({ ...r, contents: { ...(r.contents as object), category: 'food' } }),
                field: 'request.contents.category',
            },
            {
                name: 'a specimen without a reference',
                change: (r) => ({ ...r, contents: { ...(r.contents as object), category: 'specimen' } }),
                field: 'request.contents.specimenRef',
            },
            {
                name: 'a specimen reference holding patient data',
                change: (r) => ({
                    ...r,
                    contents: { ...(r.contents as object), category: 'specimen', specimenRef: 'Jane Doe, born 1980' },
                }),
                field: 'request.contents.specimenRef',
            },
            {
                name: 'a specimen reference on a vaccine',
                change: (r) => ({ ...r, contents: { ...(r.contents as object), specimenRef: 'SPC-1' } }),
                field: 'request.contents.specimenRef',
            },
            {
                name: 'a minimum temperature not below the maximum',
                change: (r) => ({
                    ...r,
                    conditions: { minTemperatureC: 8, maxTemperatureC: 8, maxTransitMinutes: 60 },
                }),
                field: 'request.conditions.maxTemperatureC',
            },
            {
                name: 'a temperature below -90 °C',
                change: (r) => ({
                    ...r,
                    conditions: { minTemperatureC: -91, maxTemperatureC: 8, maxTransitMinutes: 60 },
                }),
                field: 'request.conditions.minTemperatureC',
            },
            {
                name: 'a temperature above 60 °C',
                change: (r) => ({
                    ...r,
                    conditions: { minTemperatureC: 2, maxTemperatureC: 61, maxTransitMinutes: 60 },
                }),
                field: 'request.conditions.maxTemperatureC',
            },
            {
                name: 'a transit time of 0 minutes',
                change: (r) => ({ ...r, conditions: { minTemperatureC: 2, maxTemperatureC: 8, maxTransitMinutes: 0 } }),
                field: 'request.conditions.maxTransitMinutes',
            },
            {
                name: 'a transit time above 100000 minutes',
                change: (r) => ({
                    ...r,
                    conditions: { minTemperatureC: 2, maxTemperatureC: 8, maxTransitMinutes: 100001 },
                }),
                field: 'request.conditions.maxTransitMinutes',
            },
            {
                name: 'a fractional transit time',
                change: (r) => ({
                    ...r,
                    conditions: { minTemperatureC: 2, maxTemperatureC: 8, maxTransitMinutes: 1.5 },
                }),
                field: 'request.conditions.maxTransitMinutes',
            },
            {
                name: 'the shipper as receiver',
                change: (r) => ({ ...r, receiverMemberId: 'healthco' }),
                field: 'request.receiverMemberId',
            },
            {
                name: 'a receiver that is not a party of the deal',
                change: (r) => ({ ...r, receiverMemberId: 'centre-south' }),
                field: 'request.receiverMemberId',
            },
            { name: 'an unknown field', change: (r) => ({ ...r, patient: 'x' }), field: 'request.patient' },
            {
                name: 'a quantity of 9007199254740993 (JSON.parse would round it to ...992)',
                change: (r) => ({ ...r, contents: { ...(r.contents as object), quantity: '9007199254740993' } }),
                field: 'request.contents.quantity',
            },
            {
                name: 'a negative quantity',
                change: (r) => ({ ...r, contents: { ...(r.contents as object), quantity: -5 } }),
                field: 'request.contents.quantity',
            },
            {
                name: 'a quantity above the cap of 10^9',
                change: (r) => ({ ...r, contents: { ...(r.contents as object), quantity: 1e9 + 1 } }),
                field: 'request.contents.quantity',
            },
            {
                name: 'a transit time of 240.00000000000001 (read as 240)',
                change: (r) => ({
                    ...r,
                    conditions: { minTemperatureC: 2, maxTemperatureC: 8, maxTransitMinutes: '240.00000000000001' },
                }),
                field: 'request.conditions.maxTransitMinutes',
            },
        ];
        for (const { name, change, field } of invalid) {
            it(`${name}: VALIDATION naming ${field}`, async () => {
                const { deal } = await givenInkedDeal(a, { parties: ['healthco', 'north'] });
                const request = change(shipmentRequest(deal) as unknown as Record<string, unknown>);
                // Numbers JSON.stringify cannot write are passed as strings and unquoted here, as a raw client sends them
                const json = JSON.stringify(request).replace(/"(1e999|9007199254740993|240\.00000000000001)"/, '$1');
                const result = await a.invoke(a.as.healthco, 'shipments:CreateShipment', [json]);
                expect(errorOf(result)).to.deep.include({ code: 'VALIDATION' });
                expect(errorOf(result).details).to.deep.include({ field });
                expect(result.writes.isEmpty).to.equal(true);
            });
        }

        it('a deal that is not inked: INVALID_STATE', async () => {
            const { deal } = await givenDraft(a, { parties: ['healthco', 'north'] });
            const result = await a.invoke(a.as.healthco, 'shipments:CreateShipment', [
                JSON.stringify(shipmentRequest(deal)),
            ]);
            expect(errorOf(result)).to.deep.include({ code: 'INVALID_STATE' });
            expect(result.writes.isEmpty).to.equal(true);
        });

        it('a shipper that is not a party of the deal: UNAUTHORIZED', async () => {
            const { deal } = await givenInkedDeal(a, { parties: ['healthco', 'north'] });
            const request = shipmentRequest(deal, { receiverMemberId: 'healthco' });
            const result = await a.invoke(a.as.outsider, 'shipments:CreateShipment', [JSON.stringify(request)]);
            expect(errorOf(result)).to.deep.include({ code: 'UNAUTHORIZED' });
            expect(result.writes.isEmpty).to.equal(true);
        });

        it('an identity bound to no member (another organisation): UNAUTHORIZED', async () => {
            const { deal } = await givenInkedDeal(a, { parties: ['healthco', 'north'] });
            const result = await a.invoke(a.unbound, 'shipments:CreateShipment', [
                JSON.stringify(shipmentRequest(deal)),
            ]);
            expect(errorOf(result).code).to.equal('UNAUTHORIZED');
            expect(result.writes.isEmpty).to.equal(true);
        });

        it('a carrier that is not an active member (INVALID_STATE) or no member at all (NOT_FOUND)', async () => {
            const { deal } = await givenInkedDeal(a, { parties: ['healthco', 'north'] });
            const suspended = await a.invoke(a.as.healthco, 'shipments:CreateShipment', [
                JSON.stringify(shipmentRequest(deal, { carrierMemberId: 'lapsed-lab' })),
            ]);
            expect(errorOf(suspended).code).to.equal('INVALID_STATE');
            const unknown = await a.invoke(a.as.healthco, 'shipments:CreateShipment', [
                JSON.stringify(shipmentRequest(deal, { carrierMemberId: 'ghost-freight' })),
            ]);
            expect(errorOf(unknown).code).to.equal('NOT_FOUND');
            expect(suspended.writes.isEmpty && unknown.writes.isEmpty).to.equal(true);
        });

        it('a shipment ID already taken: CONFLICT; an unknown deal: NOT_FOUND', async () => {
            const { deal } = await givenInkedDeal(a, { parties: ['healthco', 'north'] });
            const request = shipmentRequest(deal);
            await a.submit(a.as.healthco, 'shipments:CreateShipment', [JSON.stringify(request)]);
            const duplicate = await a.invoke(a.as.healthco, 'shipments:CreateShipment', [JSON.stringify(request)]);
            expect(errorOf(duplicate).code).to.equal('CONFLICT');
            const noDeal = await a.invoke(a.as.healthco, 'shipments:CreateShipment', [
                JSON.stringify(shipmentRequest(deal, { dealId: 'no-such-deal' })),
            ]);
            expect(errorOf(noDeal).code).to.equal('NOT_FOUND');
            expect(duplicate.writes.isEmpty && noDeal.writes.isEmpty).to.equal(true);
        });
    });
});

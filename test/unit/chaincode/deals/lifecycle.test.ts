import { expect, use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import type { Deal, DealStatusChangedEvent, DealTermsCopy } from '@bia/model';
import { compositeKey } from '../../../fixtures/chaincode-harness';
import { type Association, errorOf, givenAssociation } from './association';
import { givenDraft, givenInkedDeal, hashOf, newTerms } from './steps';

use(chaiAsPromised);

function eventOf(result: { event?: { name: string; payload: Buffer } | undefined }): DealStatusChangedEvent {
    expect(result.event?.name).to.equal('DealStatusChanged');
    return JSON.parse(result.event!.payload.toString()) as DealStatusChangedEvent;
}

/** A deal's index entries that hold its status (one per party, and one for its kind). */
function statusEntries(deal: Deal, status: string): string[] {
    return [
        compositeKey('deal-status-kind', [status, deal.kind, deal.dealId]),
        ...deal.parties.map((party) =>
            compositeKey('deal-party-status-kind', [party.memberId, status, deal.kind, deal.dealId]),
        ),
    ];
}

describe('deals lifecycle', () => {
    let a: Association;

    beforeEach(async () => {
        a = await givenAssociation();
        a.ledger.setTime(new Date('2027-03-01T08:00:00.000Z'));
    });

    afterEach(() => {
        a.ledger.close();
    });

    describe('deals:SignDeal', () => {
        it("records a party's signature of the current terms, keeping the deal a draft until every party signed", async () => {
            // Given a draft between three parties
            const { deal } = await givenDraft(a, { parties: ['healthco', 'north', 'south'] });
            a.ledger.advanceTime(60_000);
            // When the first party signs
            const result = await a.submit(a.as.north, 'deals:SignDeal', [deal.dealId, deal.termsHash]);
            // Then
            const signed = result.json<Deal>();
            expect(signed.status).to.equal('draft');
            expect(signed.signatures).to.have.length(1);
            expect(signed.signatures[0]).to.deep.include({ memberId: 'centre-north', termsHash: deal.termsHash });
            expect(signed.signatures[0]?.signed).to.deep.include({
                at: '2027-03-01T08:01:00.000Z',
                byMemberId: 'centre-north',
                byMspId: 'HealthCentresMSP',
                txId: result.txId,
            });
            expect(result.writes.keys()).to.deep.equal([compositeKey('deal', [deal.dealId])]);
            expect(result.event).to.equal(undefined);
        });

        it('inks the deal with the last signature and announces it', async () => {
            const { deal } = await givenDraft(a, { parties: ['healthco', 'north'] });
            await a.submit(a.as.healthco, 'deals:SignDeal', [deal.dealId, deal.termsHash]);
            a.ledger.advanceTime(3_600_000);
            const result = await a.submit(a.as.north, 'deals:SignDeal', [deal.dealId, deal.termsHash]);
            const inked = result.json<Deal>();
            expect(inked).to.deep.include({ status: 'inked', inkedAt: '2027-03-01T09:00:00.000Z' });
            expect(inked.signatures.map((s) => s.memberId)).to.deep.equal(['healthco', 'centre-north']);
            expect(inked.transitions.at(-1)).to.deep.include({
                from: 'draft',
                to: 'inked',
                reason: 'signed by every party',
            });
            expect(result.writes.keys()).to.have.members([
                compositeKey('deal', [deal.dealId]),
                ...statusEntries(deal, 'draft'),
                ...statusEntries(deal, 'inked'),
            ]);
            expect(result.writes.deletedKeys()).to.have.members(statusEntries(deal, 'draft'));
            expect(eventOf(result)).to.deep.include({
                dealId: deal.dealId,
                from: 'draft',
                to: 'inked',
                txId: result.txId,
            });
        });

        it('fails validation at commit without the endorsement of every party organisation (key-level policy)', async () => {
            const { deal } = await givenDraft(a, { parties: ['healthco', 'north'] });
            const result = await a.ledger.invoke(a.contracts, 'deals:SignDeal', [deal.dealId, deal.termsHash], {
                as: a.as.north,
                endorsingMspIds: ['HealthCentresMSP', 'CarrierMSP'],
            });
            expect(result.status).to.equal(200);
            expect(result.validationCode).to.equal('ENDORSEMENT_POLICY_FAILURE');
            expect(a.ledger.stateJson<Deal>(compositeKey('deal', [deal.dealId]))?.signatures).to.deep.equal([]);
        });

        it('refuses a signature of terms that changed: INVALID_STATE', async () => {
            const { deal } = await givenDraft(a);
            const stale = hashOf(newTerms());
            const result = await a.invoke(a.as.north, 'deals:SignDeal', [deal.dealId, stale]);
            expect(errorOf(result)).to.deep.include({ code: 'INVALID_STATE' });
            expect(errorOf(result).message).to.include('terms of deal');
            expect(errorOf(result).details).to.deep.include({ termsHash: deal.termsHash, termsVersion: 1 });
            expect(result.writes.isEmpty).to.equal(true);
        });

        it('refuses a second signature by the same party: CONFLICT', async () => {
            const { deal } = await givenDraft(a);
            await a.submit(a.as.healthco, 'deals:SignDeal', [deal.dealId, deal.termsHash]);
            const result = await a.invoke(a.as.healthco, 'deals:SignDeal', [deal.dealId, deal.termsHash]);
            expect(errorOf(result).code).to.equal('CONFLICT');
            expect(result.writes.isEmpty).to.equal(true);
        });

        it('refuses a member that is not a party: UNAUTHORIZED', async () => {
            const { deal } = await givenDraft(a);
            const result = await a.invoke(a.as.carrier, 'deals:SignDeal', [deal.dealId, deal.termsHash]);
            expect(errorOf(result)).to.deep.include({ code: 'UNAUTHORIZED' });
            expect(result.writes.isEmpty).to.equal(true);
        });

        it('refuses a party member of the same organisation signing for another party: UNAUTHORIZED', async () => {
            // centre-south shares HealthCentresMSP with centre-north but is not a party
            const { deal } = await givenDraft(a, { parties: ['healthco', 'north'] });
            const result = await a.invoke(a.as.south, 'deals:SignDeal', [deal.dealId, deal.termsHash]);
            expect(errorOf(result).code).to.equal('UNAUTHORIZED');
            expect(result.writes.isEmpty).to.equal(true);
        });

        it('refuses an inked deal: INVALID_STATE', async () => {
            const { deal } = await givenInkedDeal(a);
            const result = await a.invoke(a.as.north, 'deals:SignDeal', [deal.dealId, deal.termsHash]);
            expect(errorOf(result).code).to.equal('INVALID_STATE');
        });

        it('refuses a malformed hash (VALIDATION), an unknown deal (NOT_FOUND) and an unbound identity (UNAUTHORIZED)', async () => {
            const { deal } = await givenDraft(a);
            const malformed = await a.invoke(a.as.north, 'deals:SignDeal', [deal.dealId, 'ABC']);
            expect(errorOf(malformed).details).to.deep.include({ field: 'termsHash' });
            const unknown = await a.invoke(a.as.north, 'deals:SignDeal', ['no-such-deal', deal.termsHash]);
            expect(errorOf(unknown).code).to.equal('NOT_FOUND');
            const unbound = await a.invoke(a.unbound, 'deals:SignDeal', [deal.dealId, deal.termsHash]);
            expect(errorOf(unbound).code).to.equal('UNAUTHORIZED');
            for (const result of [malformed, unknown, unbound]) {
                expect(result.writes.isEmpty).to.equal(true);
            }
        });
    });

    describe('deals:AmendDeal', () => {
        it('replaces the terms of an inked deal: back to draft, new version and hash, signatures cleared', async () => {
            const { deal } = await givenInkedDeal(a, { parties: ['healthco', 'north', 'carrier'] });
            const terms = newTerms('Amended: price 11 per unit');
            const result = await a.submit(a.as.carrier, 'deals:AmendDeal', [deal.dealId], {
                terms: JSON.stringify(terms),
            });
            const amended = result.json<Deal>();
            expect(amended).to.deep.include({
                status: 'draft',
                termsVersion: 2,
                termsHash: hashOf(terms),
                signatures: [],
            });
            expect(amended.inkedAt).to.equal(undefined);
            expect(amended.transitions.at(-1)).to.deep.include({
                from: 'inked',
                to: 'draft',
                reason: 'terms amended to version 2',
            });
            const copy: DealTermsCopy = { dealId: deal.dealId, termsVersion: 2, ...terms };
            expect(result.writes.collections()).to.deep.equal([
                'terms_CarrierMSP',
                'terms_HealthCentresMSP',
                'terms_HealthcoMSP',
            ]);
            for (const collection of result.writes.collections()) {
                expect(result.writes.privateJson(collection, deal.dealId)).to.deep.equal(copy);
                // the overwrite read the hash of the copy it replaces
                expect(result.reads.privateKeys(collection)).to.deep.equal([deal.dealId]);
            }
            expect(result.writes.deletedKeys()).to.have.members(statusEntries(deal, 'inked'));
            expect(eventOf(result)).to.deep.include({ from: 'inked', to: 'draft', termsVersion: 2 });
            // and every party signs again to ink it
            for (const role of ['healthco', 'north', 'carrier'] as const) {
                await a.submit(a.as[role], 'deals:SignDeal', [deal.dealId, amended.termsHash]);
            }
            expect(a.ledger.stateJson<Deal>(compositeKey('deal', [deal.dealId]))?.status).to.equal('inked');
        });

        it('replaces the terms of a draft', async () => {
            const { deal } = await givenDraft(a);
            await a.submit(a.as.healthco, 'deals:SignDeal', [deal.dealId, deal.termsHash]);
            const result = await a.submit(a.as.north, 'deals:AmendDeal', [deal.dealId], {
                terms: JSON.stringify(newTerms()),
            });
            expect(result.json<Deal>()).to.deep.include({ status: 'draft', termsVersion: 2, signatures: [] });
            expect(result.writes.keys()).to.deep.equal([compositeKey('deal', [deal.dealId])]);
        });

        it('refuses missing terms (VALIDATION), a non-party (UNAUTHORIZED) and a completed deal (INVALID_STATE)', async () => {
            const { deal } = await givenInkedDeal(a);
            const missing = await a.invoke(a.as.healthco, 'deals:AmendDeal', [deal.dealId]);
            expect(errorOf(missing).details).to.deep.include({ field: 'transient.terms' });
            const outsider = await a.invoke(a.as.outsider, 'deals:AmendDeal', [deal.dealId], {
                terms: JSON.stringify(newTerms()),
            });
            expect(errorOf(outsider).code).to.equal('UNAUTHORIZED');
            await a.submit(a.as.healthco, 'deals:CompleteDeal', [deal.dealId]);
            const completed = await a.invoke(a.as.healthco, 'deals:AmendDeal', [deal.dealId], {
                terms: JSON.stringify(newTerms()),
            });
            expect(errorOf(completed).code).to.equal('INVALID_STATE');
            for (const result of [missing, outsider, completed]) {
                expect(result.writes.isEmpty).to.equal(true);
            }
        });
    });

    describe('deals:CompleteDeal', () => {
        it('completes an inked deal, keeping who and when', async () => {
            const { deal } = await givenInkedDeal(a);
            a.ledger.advanceTime(86_400_000);
            const result = await a.submit(a.as.north, 'deals:CompleteDeal', [deal.dealId]);
            const completed = result.json<Deal>();
            expect(completed.status).to.equal('completed');
            expect(completed.transitions.at(-1)).to.deep.include({
                from: 'inked',
                to: 'completed',
                reason: 'completed',
            });
            expect(completed.transitions.at(-1)?.stamp).to.deep.include({
                byMemberId: 'centre-north',
                at: '2027-03-02T08:00:00.000Z',
            });
            expect(result.writes.keys()).to.have.members([
                compositeKey('deal', [deal.dealId]),
                ...statusEntries(deal, 'inked'),
                ...statusEntries(deal, 'completed'),
            ]);
            expect(eventOf(result)).to.deep.include({ from: 'inked', to: 'completed' });
        });

        it('refuses a draft (INVALID_STATE) and a non-party (UNAUTHORIZED)', async () => {
            const { deal } = await givenDraft(a);
            const draft = await a.invoke(a.as.healthco, 'deals:CompleteDeal', [deal.dealId]);
            expect(errorOf(draft)).to.deep.include({ code: 'INVALID_STATE' });
            const outsider = await a.invoke(a.as.carrier, 'deals:CompleteDeal', [deal.dealId]);
            expect(errorOf(outsider).code).to.equal('UNAUTHORIZED');
            expect(draft.writes.isEmpty && outsider.writes.isEmpty).to.equal(true);
        });
    });

    describe('deals:TerminateDeal', () => {
        it('terminates a draft or inked deal with the reason', async () => {
            const { deal } = await givenInkedDeal(a);
            const result = await a.submit(a.as.healthco, 'deals:TerminateDeal', [
                deal.dealId,
                'Supplier left the region',
            ]);
            const terminated = result.json<Deal>();
            expect(terminated.status).to.equal('terminated');
            expect(terminated.transitions.at(-1)).to.deep.include({
                from: 'inked',
                to: 'terminated',
                reason: 'Supplier left the region',
            });
            expect(eventOf(result)).to.deep.include({ from: 'inked', to: 'terminated' });
            const { deal: draft } = await givenDraft(a);
            const second = await a.submit(a.as.north, 'deals:TerminateDeal', [draft.dealId, 'Not needed']);
            expect(second.json<Deal>().transitions.at(-1)).to.deep.include({ from: 'draft', to: 'terminated' });
        });

        it('lets a party whose membership was suspended terminate', async () => {
            const { deal } = await givenDraft(a, { parties: ['healthco', 'north'] });
            // Given centre-north is suspended after drafting
            const key = compositeKey('member', ['centre-north']);
            a.ledger.seed(key, { ...a.ledger.stateJson<object>(key), status: 'suspended' });
            const result = await a.submit(a.as.north, 'deals:TerminateDeal', [deal.dealId, 'Membership suspended']);
            expect(result.json<Deal>().status).to.equal('terminated');
        });

        it('refuses an empty reason (VALIDATION), a non-party (UNAUTHORIZED) and a terminated deal (INVALID_STATE)', async () => {
            const { deal } = await givenDraft(a);
            const empty = await a.invoke(a.as.healthco, 'deals:TerminateDeal', [deal.dealId, '  ']);
            expect(errorOf(empty).details).to.deep.include({ field: 'reason' });
            const outsider = await a.invoke(a.as.outsider, 'deals:TerminateDeal', [deal.dealId, 'Because']);
            expect(errorOf(outsider).code).to.equal('UNAUTHORIZED');
            await a.submit(a.as.healthco, 'deals:TerminateDeal', [deal.dealId, 'Ended']);
            const again = await a.invoke(a.as.healthco, 'deals:TerminateDeal', [deal.dealId, 'Again']);
            expect(errorOf(again).code).to.equal('INVALID_STATE');
            for (const result of [empty, outsider, again]) {
                expect(result.writes.isEmpty).to.equal(true);
            }
        });
    });
});

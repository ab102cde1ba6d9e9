import { expect, use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { KeyEndorsementPolicy } from 'fabric-shim';
import type { Deal, DealStatusChangedEvent, DealTermsCopy } from '@bia/model';
import { compositeKey } from '../../../fixtures/chaincode-harness';
import { type Association, errorOf, givenAssociation, uniqueId } from './association';
import { draftJson, hashOf, newTerms } from './steps';

use(chaiAsPromised);

describe('deals:DraftDeal', () => {
    let a: Association;

    beforeEach(async () => {
        a = await givenAssociation();
    });

    afterEach(() => {
        a.ledger.close();
    });

    it("stores the deal with the terms hash, the terms in each party organisation's collection, and a key policy", async () => {
        // Given a drafter acting for healthco and three parties hosted by two organisations
        const dealId = uniqueId('deal');
        const terms = newTerms();
        // When
        const result = await a.submit(
            a.as.healthco,
            'deals:DraftDeal',
            [draftJson(a, dealId, ['healthco', 'north', 'south'], 'cooperation')],
            { terms: JSON.stringify(terms) },
        );
        // Then the returned deal
        const deal = result.json<Deal>();
        expect(deal).to.deep.include({
            dealId,
            kind: 'cooperation',
            status: 'draft',
            termsHash: hashOf(terms),
            termsVersion: 1,
            drafterMemberId: 'healthco',
            signatures: [],
            createdAt: '2027-03-01T08:00:00.000Z',
        });
        expect(deal.parties).to.deep.equal([
            { memberId: 'healthco', mspId: 'HealthcoMSP' },
            { memberId: 'centre-north', mspId: 'HealthCentresMSP' },
            { memberId: 'centre-south', mspId: 'HealthCentresMSP' },
        ]);
        expect(deal.transitions).to.have.length(1);
        expect(deal.transitions[0]).to.deep.include({ from: null, to: 'draft', reason: 'drafted' });
        // and the public writes: the record and its index entries
        const dealKey = compositeKey('deal', [dealId]);
        expect(result.writes.putKeys()).to.have.members([
            dealKey,
            compositeKey('deal-kind', ['cooperation', dealId]),
            compositeKey('deal-status-kind', ['draft', 'cooperation', dealId]),
            ...['healthco', 'centre-north', 'centre-south'].flatMap((party) => [
                compositeKey('deal-party-kind', [party, 'cooperation', dealId]),
                compositeKey('deal-party-status-kind', [party, 'draft', 'cooperation', dealId]),
            ]),
        ]);
        expect(result.writes.json<Deal & { docType: string }>(dealKey)).to.deep.equal({ ...deal, docType: 'deal' });
        // and the private copies, one per distinct party organisation
        expect(result.writes.collections()).to.deep.equal(['terms_HealthCentresMSP', 'terms_HealthcoMSP']);
        const copy: DealTermsCopy = { dealId, termsVersion: 1, text: terms.text, salt: terms.salt };
        expect(result.writes.privateJson('terms_HealthcoMSP', dealId)).to.deep.equal(copy);
        expect(result.writes.privateJson('terms_HealthCentresMSP', dealId)).to.deep.equal(copy);
        // and the key-level endorsement policy naming a peer of each party organisation
        const policy = new KeyEndorsementPolicy(result.writes.validationParameter(dealKey));
        expect(policy.listOrgs()).to.have.members(['HealthCentresMSP', 'HealthcoMSP']);
        // and the event, announcing the draft to the parties
        expect(result.event?.name).to.equal('DealStatusChanged');
        const event = JSON.parse(result.event!.payload.toString()) as DealStatusChangedEvent;
        expect(event).to.deep.include({ dealId, from: null, to: 'draft', termsHash: deal.termsHash, termsVersion: 1 });
        expect(event.partyMemberIds).to.deep.equal(['healthco', 'centre-north', 'centre-south']);
    });

    it('keeps the terms text and salt out of every public write and the event', async () => {
        const terms = newTerms('Confidential: rebate of 7 percent on volumes above 10000 doses');
        const result = await a.submit(
            a.as.healthco,
            'deals:DraftDeal',
            [draftJson(a, uniqueId('deal'), ['healthco', 'north'])],
            {
                terms: JSON.stringify(terms),
            },
        );
        const publicBytes = result.writes
            .putKeys()
            .map((key) => result.writes.value(key)!.toString())
            .join('\n');
        expect(publicBytes).not.to.include('rebate');
        expect(publicBytes).not.to.include(terms.salt);
        expect(result.event!.payload.toString()).not.to.include('rebate');
        expect(result.text()).not.to.include('rebate');
    });

    describe('rejects, writing nothing', () => {
        const cases: { name: string; transient: () => Record<string, string>; field: string }[] = [
            { name: 'missing terms', transient: () => ({}), field: 'transient.terms' },
            { name: 'terms that are not JSON', transient: () => ({ terms: 'not json' }), field: 'transient.terms' },
            {
                name: 'a short salt',
                transient: () => ({ terms: JSON.stringify({ text: 'x', salt: 'abcd' }) }),
                field: 'transient.terms.salt',
            },
            {
                name: 'empty terms text',
                transient: () => ({ terms: JSON.stringify({ text: ' ', salt: 'ab'.repeat(16) }) }),
                field: 'transient.terms.text',
            },
            {
                name: 'an unknown terms field',
                transient: () => ({ terms: JSON.stringify({ ...newTerms(), price: 3 }) }),
                field: 'transient.terms.price',
            },
        ];
        for (const { name, transient, field } of cases) {
            it(`${name}: VALIDATION naming ${field}`, async () => {
                const result = await a.invoke(
                    a.as.healthco,
                    'deals:DraftDeal',
                    [draftJson(a, uniqueId('deal'), ['healthco', 'north'])],
                    transient(),
                );
                expect(result.status).to.equal(500);
                expect(errorOf(result)).to.deep.include({ code: 'VALIDATION' });
                expect(errorOf(result).details).to.deep.include({ field });
                expect(result.writes.isEmpty).to.equal(true);
            });
        }

        const draftCases: { name: string; draft: (dealId: string) => object; field: string }[] = [
            {
                name: 'a single party',
                draft: (dealId) => ({ ...base(dealId), partyMemberIds: ['healthco'] }),
                field: 'draft.partyMemberIds',
            },
            {
                name: 'duplicate parties',
                draft: (dealId) => ({ ...base(dealId), partyMemberIds: ['healthco', 'healthco'] }),
                field: 'draft.partyMemberIds',
            },
            {
                name: 'more than 20 parties',
                draft: (dealId) => ({
                    ...base(dealId),
                    partyMemberIds: ['healthco', ...Array.from({ length: 20 }, (_, i) => `member-${i}`)],
                }),
                field: 'draft.partyMemberIds',
            },
            { name: 'an unknown kind', draft: (dealId) => ({ ...base(dealId), kind: 'barter' }), field: 'draft.kind' },
            { name: 'a bad deal ID', draft: () => ({ ...base('bad id!') }), field: 'draft.dealId' },
            {
                name: 'a NUL in the title',
                draft: (dealId) => ({ ...base(dealId), title: 'a\u0000b' }),
                field: 'draft.title',
            },
            { name: 'an unknown field', draft: (dealId) => ({ ...base(dealId), price: 1 }), field: 'draft.price' },
        ];
        for (const { name, draft, field } of draftCases) {
            it(`${name}: VALIDATION naming ${field}`, async () => {
                const result = await a.invoke(
                    a.as.healthco,
                    'deals:DraftDeal',
                    [JSON.stringify(draft(uniqueId('deal')))],
                    {
                        terms: JSON.stringify(newTerms()),
                    },
                );
                expect(errorOf(result)).to.deep.include({ code: 'VALIDATION' });
                expect(errorOf(result).details).to.deep.include({ field });
                expect(result.writes.isEmpty).to.equal(true);
            });
        }

        it('a drafter that is not one of the parties: UNAUTHORIZED', async () => {
            const result = await a.invoke(
                a.as.carrier,
                'deals:DraftDeal',
                [draftJson(a, uniqueId('deal'), ['healthco', 'north'])],
                {
                    terms: JSON.stringify(newTerms()),
                },
            );
            expect(errorOf(result).code).to.equal('UNAUTHORIZED');
            expect(result.writes.isEmpty).to.equal(true);
        });

        it('an identity bound to no member: UNAUTHORIZED', async () => {
            const result = await a.invoke(
                a.unbound,
                'deals:DraftDeal',
                [draftJson(a, uniqueId('deal'), ['healthco', 'carrier'])],
                {
                    terms: JSON.stringify(newTerms()),
                },
            );
            expect(errorOf(result).code).to.equal('UNAUTHORIZED');
            expect(result.writes.isEmpty).to.equal(true);
        });

        it('a drafter whose membership is suspended: UNAUTHORIZED', async () => {
            const result = await a.invoke(
                a.as.suspended,
                'deals:DraftDeal',
                [draftJson(a, uniqueId('deal'), ['suspended', 'north'])],
                {
                    terms: JSON.stringify(newTerms()),
                },
            );
            expect(errorOf(result).code).to.equal('UNAUTHORIZED');
            expect(result.writes.isEmpty).to.equal(true);
        });

        it('a party that is not an active member: INVALID_STATE', async () => {
            const result = await a.invoke(
                a.as.healthco,
                'deals:DraftDeal',
                [draftJson(a, uniqueId('deal'), ['healthco', 'suspended'])],
                {
                    terms: JSON.stringify(newTerms()),
                },
            );
            expect(errorOf(result)).to.deep.include({ code: 'INVALID_STATE' });
            expect(errorOf(result).details).to.deep.include({ memberId: 'lapsed-lab', status: 'suspended' });
            expect(result.writes.isEmpty).to.equal(true);
        });

        it('a party that is not a member: NOT_FOUND', async () => {
            const draft = { ...base(uniqueId('deal')), partyMemberIds: ['healthco', 'nobody'] };
            const result = await a.invoke(a.as.healthco, 'deals:DraftDeal', [JSON.stringify(draft)], {
                terms: JSON.stringify(newTerms()),
            });
            expect(errorOf(result)).to.deep.include({ code: 'NOT_FOUND' });
            expect(result.writes.isEmpty).to.equal(true);
        });

        it('a deal ID already taken: CONFLICT', async () => {
            const dealId = uniqueId('deal');
            const terms = { terms: JSON.stringify(newTerms()) };
            await a.submit(a.as.healthco, 'deals:DraftDeal', [draftJson(a, dealId, ['healthco', 'north'])], terms);
            const result = await a.invoke(
                a.as.north,
                'deals:DraftDeal',
                [draftJson(a, dealId, ['north', 'carrier'])],
                terms,
            );
            expect(errorOf(result)).to.deep.include({ code: 'CONFLICT' });
            expect(result.writes.isEmpty).to.equal(true);
        });
    });

    function base(dealId: string): Record<string, unknown> {
        return {
            dealId,
            kind: 'service',
            title: 'A deal',
            summary: 'A summary',
            partyMemberIds: ['healthco', 'centre-north'],
        };
    }
});

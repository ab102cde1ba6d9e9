// The deals contract through @bia/client: confidential terms as transient data in the parties' private
// collections, every party's organisation endorsing each change, signing, inking, amending, completing and
// terminating; only the parties' organisations read the terms.
import { createHash, randomBytes } from 'node:crypto';
import { expect, use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import {
    type AssociationClient,
    CommitError,
    ConflictError,
    type DealDraft,
    type DealTerms,
    InvalidStateError,
    NotFoundError,
    UnauthorizedError,
    ValidationError,
    validationCodes,
} from '@bia/client';
import { type Association, association, closeAssociation } from '../support/association';

use(chaiAsPromised);

after(closeAssociation);

describe('deals contract through the client library', function () {
    this.timeout(120_000);
    let run: Association;
    let healthco: AssociationClient;
    let carrier: AssociationClient;
    let secretariat: AssociationClient;

    before(async function () {
        this.timeout(180_000);
        run = await association();
        healthco = await run.operator('healthco');
        carrier = await run.operator('carrier');
        secretariat = await run.operator('secretariat');
    });

    function draft(partyMemberIds = [run.members.healthco, run.members.carrier]): DealDraft {
        return {
            dealId: run.id('deal'),
            kind: 'service',
            title: 'Cold-chain transport of vaccines',
            summary: 'The carrier moves vaccines from the depot to the health centres',
            partyMemberIds,
        };
    }

    it('drafts, signs by every party, inks, amends, re-signs and completes a deal', async () => {
        const terms = newTerms('Rate: 12 EUR per box; 2-8 °C guaranteed');
        const drafted = await healthco.deals.draft(draft(), terms);
        const dealId = drafted.dealId;
        expect(drafted).to.include({ status: 'draft', termsVersion: 1, termsHash: hashOf(terms) });
        expect(drafted.parties).to.deep.equal([
            { memberId: run.members.healthco, mspId: 'HealthcoMSP' },
            { memberId: run.members.carrier, mspId: 'CarrierMSP' },
        ]);
        expect(JSON.stringify(await secretariat.deals.get(dealId))).to.not.include(terms.text);

        await expect(healthco.deals.sign(dealId, 'abc'))
            .to.be.rejectedWith(ValidationError)
            .and.eventually.have.nested.property('details.field', 'termsHash');
        await expect(healthco.deals.sign(dealId, hashOf(newTerms('other')))).to.be.rejectedWith(
            InvalidStateError,
            /changed/,
        );
        await expect(secretariat.deals.sign(dealId, drafted.termsHash)).to.be.rejectedWith(UnauthorizedError);
        const once = await healthco.deals.sign(dealId, drafted.termsHash);
        expect(once.status).to.equal('draft');
        expect(once.signatures.map((s) => s.memberId)).to.deep.equal([run.members.healthco]);
        await expect(healthco.deals.sign(dealId, drafted.termsHash)).to.be.rejectedWith(ConflictError);
        const inked = await carrier.deals.sign(dealId, drafted.termsHash);
        expect(inked.status).to.equal('inked');
        expect(inked.inkedAt).to.be.a('string');
        await expect(carrier.deals.sign(dealId, drafted.termsHash)).to.be.rejectedWith(InvalidStateError);

        const revised = newTerms('Rate: 11 EUR per box; 2-8 °C guaranteed');
        const amended = await carrier.deals.amend(dealId, revised);
        expect(amended).to.include({ status: 'draft', termsVersion: 2, termsHash: hashOf(revised) });
        expect(amended.signatures).to.deep.equal([]);
        expect(await healthco.deals.getTerms(dealId)).to.deep.equal({ dealId, termsVersion: 2, ...revised });
        await expect(healthco.deals.sign(dealId, drafted.termsHash)).to.be.rejectedWith(InvalidStateError);
        await healthco.deals.sign(dealId, amended.termsHash);
        expect((await carrier.deals.sign(dealId, amended.termsHash)).status).to.equal('inked');

        const completed = await healthco.deals.complete(dealId);
        expect(completed.status).to.equal('completed');
        expect(completed.transitions.map((t) => t.to)).to.deep.equal(['draft', 'inked', 'draft', 'inked', 'completed']);
        await expect(carrier.deals.complete(dealId)).to.be.rejectedWith(InvalidStateError);
        await expect(carrier.deals.terminate(dealId, 'too late')).to.be.rejectedWith(InvalidStateError);
        const listed = await secretariat.deals.query({ partyMemberId: run.members.carrier, pageSize: 100 });
        expect(listed.records.find((deal) => deal.dealId === dealId)?.status).to.equal('completed');
    });

    it("lets only the parties' organisations read and verify the terms", async () => {
        const terms = newTerms('Confidential: penalty 500 EUR per excursion');
        const { dealId, termsHash } = await healthco.deals.draft(draft(), terms);

        expect(await healthco.deals.getTerms(dealId)).to.deep.equal({ dealId, termsVersion: 1, ...terms });
        expect(await carrier.deals.getTerms(dealId)).to.deep.equal({ dealId, termsVersion: 1, ...terms });
        // Other members' operators, and identities of a party's own organisation that act for no party (its admin)
        const outsiders = [secretariat, await run.operator('healthcentres'), await run.admin('secretariat')];
        for (const outsider of [...outsiders, await run.admin('healthco'), await run.admin('carrier')]) {
            await expect(outsider.deals.getTerms(dealId)).to.be.rejectedWith(UnauthorizedError);
            await expect(outsider.deals.verifyTerms(dealId, terms)).to.be.rejectedWith(UnauthorizedError);
        }

        expect(await carrier.deals.verifyTerms(dealId, terms)).to.deep.equal({
            dealId,
            termsVersion: 1,
            matches: true,
        });
        const tampered = { ...terms, text: terms.text.replace('500', '5') };
        expect((await carrier.deals.verifyTerms(dealId, tampered)).matches).to.equal(false);
        await expect(secretariat.deals.verifyTerms(dealId, terms)).to.be.rejectedWith(UnauthorizedError);
        expect(hashOf(terms)).to.equal(termsHash);
        await expect(healthco.deals.getTerms(run.id('no-deal'))).to.be.rejectedWith(NotFoundError);
    });

    it('lets a party terminate a deal', async () => {
        const { dealId } = await carrier.deals.draft(draft(), newTerms('Short trial'));
        await run.visibleToAll((client) => client.deals.get(dealId));
        await expect(secretariat.deals.terminate(dealId, 'not mine')).to.be.rejectedWith(UnauthorizedError);
        const terminated = await carrier.deals.terminate(dealId, 'trial cancelled');
        expect(terminated.status).to.equal('terminated');
        expect(terminated.transitions.at(-1)).to.include({
            from: 'draft',
            to: 'terminated',
            reason: 'trial cancelled',
        });
    });

    it('refuses drafts that break its rules', async () => {
        await expect(healthco.deals.draft(draft(), { text: 'terms', salt: 'not-hex' }))
            .to.be.rejectedWith(ValidationError)
            .and.eventually.have.nested.property('details.field', 'transient.terms.salt');
        await expect(secretariat.deals.draft(draft(), newTerms('not a party'))).to.be.rejectedWith(UnauthorizedError);
        await expect(
            healthco.deals.draft(draft([run.members.healthco, run.id('ghost')]), newTerms('x')),
        ).to.be.rejectedWith(NotFoundError);
        const existing = await healthco.deals.draft(draft(), newTerms('first'));
        await expect(
            healthco.deals.draft({ ...draft(), dealId: existing.dealId }, newTerms('second')),
        ).to.be.rejectedWith(ConflictError);
    });

    // A deal's parties must all endorse its changes, and the chaincode-level policy needs two organisations: a deal
    // whose parties all sit in one organisation is endorsed by that organisation alone and fails validation.
    it('reports a transaction that fails the endorsement policy at commit as CommitError ENDORSEMENT_POLICY_FAILURE', async () => {
        const partnerId = run.id('partner');
        const partner = await run.unboundIdentity('secretariat', 'User5');
        await partner.membership.apply(run.application('secretariat', partnerId));
        await run.carry(`admit-${partnerId}`);

        const refused = secretariat.deals.draft(draft([run.members.secretariat, partnerId]), newTerms('in-house'));

        await expect(refused).to.be.rejectedWith(CommitError).and.eventually.include({
            stage: 'commit',
            code: validationCodes.ENDORSEMENT_POLICY_FAILURE,
            codeName: 'ENDORSEMENT_POLICY_FAILURE',
        });
    });
});

function newTerms(text: string): DealTerms {
    return { text, salt: randomBytes(16).toString('hex') };
}

function hashOf(terms: DealTerms): string {
    return createHash('sha256')
        .update(terms.salt + terms.text, 'utf8')
        .digest('hex');
}

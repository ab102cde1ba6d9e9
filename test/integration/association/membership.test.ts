// The membership contract through @bia/client, as each organisation: charter, identities, applications,
// council motions and votes, member lifecycle, queries, and the refusals each of them can meet.
import { expect, use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import {
    ConflictError,
    InvalidStateError,
    NotFoundError,
    UnauthorizedError,
    ValidationError,
    type MotionRequest,
} from '@bia/client';
import { type Association, association, closeAssociation, organizations } from '../support/association';

use(chaiAsPromised);

// Root-level: runs once, after every file of the suite.
after(closeAssociation);

describe('membership contract through the client library', function () {
    this.timeout(120_000);
    let run: Association;

    before(async function () {
        this.timeout(180_000);
        run = await association();
    });

    it('holds the charter the run bootstrapped, or the one it amended when the ledger already had one', async () => {
        console.log(`      ${run.network.description}; setup: ${run.setup}; run ${run.runId}`);
        const reader = await run.operator('healthco');
        const charter = await reader.membership.getCharter();

        expect(charter).to.include({ secretariatMspId: 'SecretariatMSP', quorumPercent: 50, approvalPercent: 50 });
        expect(charter.council).to.deep.equal(organizations.map((org) => run.members[org]));
        for (const org of organizations) {
            const member = await reader.membership.getMember(run.members[org]);
            expect(member.status).to.equal('active');
            expect(member.founding).to.equal(run.setup === 'bootstrapped');
        }
        if (run.setup === 'bootstrapped') {
            expect(run.charterBefore).to.equal(undefined);
            expect(charter.version).to.equal(1);
        } else {
            expect(charter.version).to.be.greaterThan(run.charterBefore?.version ?? Infinity);
        }
    });

    it('bootstraps only once, and only through an admin identity', async () => {
        const founder = run.id('founder');
        const request = {
            charter: run.charterTerms({ council: [founder] }),
            foundingMembers: [run.application('secretariat', founder)],
        };

        await expect((await run.admin('secretariat')).membership.bootstrap(request)).to.be.rejectedWith(
            InvalidStateError,
            /already bootstrapped/,
        );
        await expect((await run.operator('secretariat')).membership.bootstrap(request)).to.be.rejectedWith(
            UnauthorizedError,
        );
        // Only the secretariat named in the chaincode's deployment file may bootstrap, before and after it happened.
        await expect((await run.admin('healthco')).membership.bootstrap(request)).to.be.rejectedWith(
            UnauthorizedError,
            /may bootstrap/,
        );
    });

    it('tells each identity which organisation it belongs to and which member it acts for', async () => {
        for (const org of organizations) {
            const who = await (await run.operator(org)).membership.whoAmI();
            expect(who.memberId).to.equal(run.members[org]);
            expect(who.identityId).to.match(/^x509::/);
        }
        const admin = await (await run.admin('carrier')).membership.whoAmI();
        expect(admin).to.include({ mspId: 'CarrierMSP' });
    });

    it("binds a second operator through the member's own MSP admin, and unbinds it", async () => {
        const memberId = run.members.healthco;
        const second = await run.unboundIdentity('healthco', 'User2');
        const { identityId } = await second.membership.whoAmI();

        await expect((await run.admin('secretariat')).membership.bindIdentity(memberId, identityId)).to.be.rejectedWith(
            UnauthorizedError,
            /only its admins bind identities/,
        );
        await expect((await run.operator('healthco')).membership.bindIdentity(memberId, identityId)).to.be.rejectedWith(
            UnauthorizedError,
        );
        const rejected = (await run.admin('healthco')).membership.bindIdentity(memberId, 'not-an-identity');
        await expect(rejected)
            .to.be.rejectedWith(ValidationError)
            .and.eventually.have.nested.property('details.field', 'identityId');

        const binding = await (await run.admin('healthco')).membership.bindIdentity(memberId, identityId);
        expect(binding).to.include({ memberId, mspId: 'HealthcoMSP', identityId });
        expect((await second.membership.whoAmI()).memberId).to.equal(memberId);

        const profileOnly = { ...run.profile(memberId), legalName: `Healthco ${run.runId} renamed` };
        const updated = await second.membership.updateProfile(memberId, profileOnly);
        expect(updated.legalName).to.equal(profileOnly.legalName);
        expect((await second.membership.getMember(memberId)).legalName).to.equal(profileOnly.legalName);
        await expect(second.membership.apply(run.application('healthco', run.id('again')))).to.be.rejectedWith(
            ConflictError,
        );
        await expect(second.membership.updateProfile(run.members.carrier, profileOnly)).to.be.rejectedWith(
            UnauthorizedError,
        );

        const removed = await (await run.admin('healthco')).membership.unbindIdentity(identityId);
        expect(removed).to.include({ memberId, identityId });
        expect((await second.membership.whoAmI()).memberId).to.equal(undefined);
        await expect((await run.admin('healthco')).membership.unbindIdentity(identityId)).to.be.rejectedWith(
            NotFoundError,
        );
        await expect(second.membership.updateProfile(memberId, profileOnly)).to.be.rejectedWith(
            UnauthorizedError,
            /not bound to a member/,
        );
    });

    it('admits an applicant by council vote; then suspends, reinstates and expels it by motion', async () => {
        const memberId = run.id('univ');
        const applicant = await run.unboundIdentity('secretariat', 'User2');
        const council = await run.operator('secretariat');

        await expect(
            applicant.membership.apply({ ...run.application('secretariat', memberId), hostMspId: 'HealthcoMSP' }),
        ).to.be.rejectedWith(UnauthorizedError);
        const badEmail = applicant.membership.apply({
            ...run.application('secretariat', memberId),
            contact: { name: 'Desk', email: 'not-an-email' },
        });
        await expect(badEmail)
            .to.be.rejectedWith(ValidationError)
            .and.eventually.have.nested.property('details.field', 'application.contact.email');

        const applied = await applicant.membership.apply(run.application('secretariat', memberId, 'university'));
        expect(applied).to.include({ memberId, status: 'applied', founding: false });
        const other = await run.unboundIdentity('secretariat', 'User3');
        await expect(other.membership.apply(run.application('secretariat', memberId))).to.be.rejectedWith(
            ConflictError,
        );

        const motionId = `admit-${memberId}`;
        const opened = await council.membership.getMotion(motionId);
        expect(opened).to.include({ kind: 'admit-member', subjectId: memberId, status: 'open' });
        expect(opened.council).to.deep.equal(organizations.map((org) => run.members[org]));
        await expect(applicant.membership.vote(motionId, 'yes')).to.be.rejectedWith(UnauthorizedError);
        await expect(council.membership.vote(motionId, 'maybe' as 'yes'))
            .to.be.rejectedWith(ValidationError)
            .and.eventually.have.nested.property('details.field', 'choice');
        await council.membership.vote(motionId, 'yes');
        await expect(applicant.membership.closeMotion(motionId)).to.be.rejectedWith(InvalidStateError, /undecided/);
        await (await run.operator('carrier')).membership.vote(motionId, 'yes');
        const carried = await applicant.membership.closeMotion(motionId);

        expect(carried.status).to.equal('carried');
        expect(carried.tally).to.include({ yes: 2, no: 0, councilSize: 4, quorumReached: true, carried: true });
        await expect(applicant.membership.closeMotion(motionId)).to.be.rejectedWith(InvalidStateError);
        const votes = await applicant.membership.listVotes(motionId);
        expect(votes.map((v) => v.memberId).sort()).to.deep.equal(
            [run.members.carrier, run.members.secretariat].sort(),
        );
        expect((await applicant.membership.getMember(memberId)).status).to.equal('active');

        const motion = (kind: MotionRequest['kind']): MotionRequest => ({
            motionId: run.id(kind),
            kind,
            subjectId: memberId,
            reason: `${kind} in test run ${run.runId}`,
        });
        await expect(applicant.membership.proposeMotion(motion('suspend-member'))).to.be.rejectedWith(
            UnauthorizedError,
            /does not sit on the council/,
        );
        const suspend = await council.membership.proposeMotion(motion('suspend-member'));
        await run.carry(suspend.motionId);
        expect((await applicant.membership.getMember(memberId)).status).to.equal('suspended');
        await expect(council.membership.proposeMotion(motion('suspend-member'))).to.be.rejectedWith(InvalidStateError);
        await expect(applicant.membership.updateProfile(memberId, run.profile(memberId))).to.be.rejectedWith(
            InvalidStateError,
        );

        const reinstate = await council.membership.proposeMotion(motion('reinstate-member'));
        await run.carry(reinstate.motionId);
        expect((await applicant.membership.getMember(memberId)).status).to.equal('active');

        const expel = await council.membership.proposeMotion(motion('expel-member'));
        await run.carry(expel.motionId);
        const expelled = await applicant.membership.getMember(memberId);
        expect(expelled.transitions.map((t) => t.to)).to.deep.equal([
            'applied',
            'active',
            'suspended',
            'active',
            'expelled',
        ]);
        await expect(
            (await run.admin('secretariat')).membership.bindIdentity(
                memberId,
                (await other.membership.whoAmI()).identityId,
            ),
        ).to.be.rejectedWith(InvalidStateError);

        // Fabric gives no order guarantee that the suite relies on: the versions are compared as a multiset.
        const history = await applicant.membership.getMemberHistory(memberId);
        expect(history.map((entry) => entry.member?.status)).to.have.members([
            'applied',
            'active',
            'suspended',
            'active',
            'expelled',
        ]);
    });

    it('rejects an application the council votes down, and lets an applicant withdraw', async () => {
        const rejectedId = run.id('rejected');
        const leaverId = run.id('leaver');
        const rejectedApplicant = await run.unboundIdentity('secretariat', 'User3');
        const leaver = await run.unboundIdentity('secretariat', 'User4');
        await rejectedApplicant.membership.apply(run.application('secretariat', rejectedId, 'research-institute'));
        await leaver.membership.apply(run.application('secretariat', leaverId, 'government-body'));

        await Promise.all(
            (['secretariat', 'healthco', 'healthcentres'] as const).map(async (org) =>
                (await run.operator(org)).membership.vote(`admit-${rejectedId}`, 'no'),
            ),
        );
        const failed = await rejectedApplicant.membership.closeMotion(`admit-${rejectedId}`);
        expect(failed.status).to.equal('failed');
        expect((await rejectedApplicant.membership.getMember(rejectedId)).status).to.equal('rejected');

        const withdrawn = await leaver.membership.withdraw(leaverId, 'changed our plans');
        expect(withdrawn.status).to.equal('withdrawn');
        await expect(leaver.membership.withdraw(leaverId, 'again')).to.be.rejectedWith(InvalidStateError);
    });

    it('lists members by sector, kind and status', async () => {
        const reader = await run.operator('healthcentres');
        const bySector = await reader.membership.queryMembers({ sector: run.sector, pageSize: 100 });
        const ids = bySector.records.map((member) => member.memberId);
        for (const org of organizations) {
            expect(ids).to.include(run.members[org]);
        }
        expect(ids.every((id) => id.includes(run.runId))).to.equal(true);

        const firstPage = await reader.membership.queryMembers({ sector: run.sector, pageSize: 2 });
        expect(firstPage.records).to.have.length(2);
        const secondPage = await reader.membership.queryMembers({
            sector: run.sector,
            pageSize: 2,
            bookmark: firstPage.bookmark,
        });
        expect(secondPage.records.map((m) => m.memberId)).to.not.include.members(
            firstPage.records.map((m) => m.memberId),
        );
        const active = await reader.membership.queryMembers({ status: 'active', pageSize: 100 });
        expect(active.records.every((member) => member.status === 'active')).to.equal(true);
        await expect(reader.membership.queryMembers({ pageSize: 1000 }))
            .to.be.rejectedWith(ValidationError)
            .and.eventually.have.nested.property('details.field', 'query.pageSize');
    });

    it('amends the charter by council vote', async () => {
        const before = await (await run.operator('carrier')).membership.getCharter();
        const council = await run.operator('secretariat');
        await expect(
            council.membership.proposeMotion({
                motionId: run.id('bad-amend'),
                kind: 'amend-charter',
                subjectId: 'charter',
                reason: 'a council of strangers',
                charterTerms: run.charterTerms({ council: [run.id('nobody')] }),
            }),
        )
            .to.be.rejectedWith(ValidationError)
            .and.eventually.have.nested.property('details.field', 'request.charterTerms.council[0]');

        const amended = await run.amendCharter({ name: `Association charter (test run ${run.runId}, amended)` });

        expect(amended.version).to.equal(before.version + 1);
        expect(amended.name).to.equal(`Association charter (test run ${run.runId}, amended)`);
        expect(amended.council).to.deep.equal(before.council);
    });

    it('refuses malformed and unknown member IDs', async () => {
        const reader = await run.operator('carrier');
        await expect(reader.membership.getMember('no such id!'))
            .to.be.rejectedWith(ValidationError)
            .and.eventually.have.nested.property('details.field', 'memberId');
        await expect(reader.membership.getMember(run.id('unknown'))).to.be.rejectedWith(NotFoundError);
        await expect(reader.membership.getMotion(run.id('no-motion'))).to.be.rejectedWith(NotFoundError);
    });
});

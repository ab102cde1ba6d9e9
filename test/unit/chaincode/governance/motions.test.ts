import { expect } from 'chai';
import type { Charter, Member, MemberStatusChangedEvent, Motion, MotionClosedEvent, Vote } from '@bia/model';
import { compositeKey, describeKey } from '../../../fixtures/chaincode-harness';
import type { TestIdentities } from '../../../fixtures/identities';
import {
    Association,
    type Operator,
    application,
    createIdentities,
    expectRefusal,
    uniqueId,
} from '../membership/association';

describe('governance: admission votes', () => {
    let identities: TestIdentities;
    let association: Association;
    let memberId: string;

    before(async () => {
        identities = await createIdentities();
    });

    beforeEach(async () => {
        association = await Association.bootstrapped(identities);
        memberId = uniqueId('applicant');
        await association.submit('membership:Apply', [JSON.stringify(application(memberId, 'HealthcoMSP'))], {
            as: await association.stranger('HealthcoMSP'),
        });
    });

    it('stores each vote under its own key, so concurrent voters do not conflict', async () => {
        // Given two council members voting at the same time on the same committed state
        const [a, b] = await Promise.all([association.councillor('healthco'), association.councillor('carrier')]);

        // When both votes are simulated and committed
        const [first, second] = await Promise.all([
            association.invoke('membership:Vote', [`admit-${memberId}`, 'yes'], { as: a }),
            association.invoke('membership:Vote', [`admit-${memberId}`, 'no'], { as: b }),
        ]);

        // Then both commit, each writing one vote key
        expect([first.validationCode, second.validationCode]).to.deep.equal(['VALID', 'VALID']);
        expect(first.writes.keys().map(describeKey)).to.deep.equal([
            `vote:admit-${memberId}:${association.ids.healthco}`,
        ]);
        expect(second.writes.keys().map(describeKey)).to.deep.equal([
            `vote:admit-${memberId}:${association.ids.carrier}`,
        ]);
        expect(first.json<Vote>()).to.deep.equal({
            motionId: `admit-${memberId}`,
            memberId: association.ids.healthco,
            choice: 'yes',
            cast: {
                at: association.ledger.time.toISOString(),
                byMemberId: association.ids.healthco,
                byMspId: 'HealthcoMSP',
                txId: first.txId,
            },
        });
    });

    it('lets a council member change its vote while the window is open', async () => {
        await association.vote('healthco', `admit-${memberId}`, 'no');

        await association.vote('healthco', `admit-${memberId}`, 'yes');

        const votes = await association.evaluate('membership:ListVotes', [`admit-${memberId}`], {
            as: await association.stranger('CarrierMSP'),
        });
        expect(votes.json<Vote[]>().map((v) => [v.memberId, v.choice])).to.deep.equal([
            [association.ids.healthco, 'yes'],
        ]);
    });

    it('admits the applicant when the vote carries, and tells everyone', async () => {
        // Given three of four council members voting yes
        for (const name of ['secretariat', 'healthco', 'centres'] as const) {
            await association.vote(name, `admit-${memberId}`, 'yes');
        }
        const closer = await association.stranger('CarrierMSP');

        // When anyone closes the motion
        const result = await association.submit('membership:CloseMotion', [`admit-${memberId}`], { as: closer });

        // Then the motion carried with its tally, closed by the caller's MSP (it acts for no member)
        const motion = result.json<Motion>();
        expect(motion.status).to.equal('carried');
        expect(motion.tally).to.deep.equal({
            yes: 3,
            no: 0,
            abstain: 0,
            councilSize: 4,
            quorumReached: true,
            carried: true,
        });
        expect(motion.closed?.byMemberId).to.equal('msp:CarrierMSP');
        // And the member is active, the transition naming the motion
        const member = await association.member(memberId);
        expect(member.status).to.equal('active');
        expect(member.transitions[1]).to.deep.include({
            from: 'applied',
            to: 'active',
            reason: 'admitted by the council',
            motionId: `admit-${memberId}`,
        });
        expect(result.writes.keys().map(describeKey)).to.have.members([
            `motion:admit-${memberId}`,
            `member:${memberId}`,
            `member-status-kind:applied:enterprise:${memberId}`,
            `member-status-kind:active:enterprise:${memberId}`,
            `member-sector-status-kind:healthcare:applied:enterprise:${memberId}`,
            `member-sector-status-kind:healthcare:active:enterprise:${memberId}`,
        ]);
        expect(result.event?.name).to.equal('MemberStatusChanged');
        expect(JSON.parse(result.event?.payload.toString() ?? '') as MemberStatusChangedEvent).to.deep.include({
            memberId,
            from: 'applied',
            to: 'active',
            motionId: `admit-${memberId}`,
        });
    });

    it('rejects the application when the window passes without a quorum', async () => {
        await association.vote('healthco', `admit-${memberId}`, 'yes');
        association.ledger.advanceTime(3600_000);

        const result = await association.submit('membership:CloseMotion', [`admit-${memberId}`], {
            as: await association.councillor('carrier'),
        });

        expect(result.json<Motion>()).to.deep.include({ status: 'failed' });
        expect(result.json<Motion>().tally).to.include({ quorumReached: false, yes: 1 });
        expect(result.json<Motion>().closed?.byMemberId).to.equal(association.ids.carrier);
        expect((await association.member(memberId)).status).to.equal('rejected');
        expect(result.event?.name).to.equal('MemberStatusChanged');
    });

    it('rejects the application once enough no votes make it fail', async () => {
        for (const name of ['secretariat', 'healthco'] as const) {
            await association.vote(name, `admit-${memberId}`, 'no');
        }

        await association.submit('membership:CloseMotion', [`admit-${memberId}`], {
            as: await association.stranger('SecretariatMSP'),
        });

        expect((await association.member(memberId)).status).to.equal('rejected');
    });

    it('refuses to close an undecided motion before its window passes', async () => {
        await association.vote('healthco', `admit-${memberId}`, 'yes');

        await expectRefusal(
            association.submit('membership:CloseMotion', [`admit-${memberId}`], {
                as: await association.stranger('SecretariatMSP'),
            }),
            'INVALID_STATE',
            { text: 'undecided' },
        );
    });

    it('changes nothing but the motion when the applicant withdrew before the vote closed', async () => {
        const applicant = (await association.member(memberId)).memberId;
        const bound = await association.operator(applicant);
        await association.submit('membership:Withdraw', [applicant, 'found another association'], { as: bound });

        const result = await association.carry(`admit-${memberId}`);

        expect(result.json<Motion>().status).to.equal('carried');
        expect((await association.member(memberId)).status).to.equal('withdrawn');
        expect(result.writes.keys().map(describeKey)).to.deep.equal([`motion:admit-${memberId}`]);
        expect(result.event?.name).to.equal('MotionClosed');
    });

    it('refuses a vote from a member not on the council', async () => {
        const outsider = await association.admittedMember();

        await expectRefusal(
            association.submit('membership:Vote', [`admit-${memberId}`, 'yes'], { as: outsider.identity }),
            'UNAUTHORIZED',
            { text: 'does not sit on the council' },
        );
    });

    it('refuses a vote from an identity of another organisation bound to no member', async () => {
        await expectRefusal(
            association.submit('membership:Vote', [`admit-${memberId}`, 'yes'], {
                as: await association.stranger('CarrierMSP'),
            }),
            'UNAUTHORIZED',
        );
    });

    it('refuses a vote after the window has passed', async () => {
        association.ledger.advanceTime(3600_000);

        await expectRefusal(association.vote('healthco', `admit-${memberId}`, 'yes'), 'INVALID_STATE', {
            text: 'voting window',
        });
    });

    it('refuses a vote on a closed motion', async () => {
        await association.carry(`admit-${memberId}`);

        await expectRefusal(association.vote('carrier', `admit-${memberId}`, 'yes'), 'INVALID_STATE');
    });

    it('refuses to close a motion twice', async () => {
        await association.carry(`admit-${memberId}`);

        await expectRefusal(
            association.submit('membership:CloseMotion', [`admit-${memberId}`], {
                as: await association.stranger('CarrierMSP'),
            }),
            'INVALID_STATE',
            { text: 'already carried' },
        );
    });

    it('refuses an unknown choice', async () => {
        await expectRefusal(association.vote('healthco', `admit-${memberId}`, 'maybe'), 'VALIDATION', {
            field: 'choice',
        });
    });

    it('refuses an unknown motion', async () => {
        await expectRefusal(association.vote('healthco', uniqueId('nothing'), 'yes'), 'NOT_FOUND');
    });

    it('refuses a malformed motion ID', async () => {
        await expectRefusal(association.vote('healthco', 'admit me', 'yes'), 'VALIDATION', { field: 'motionId' });
    });
});

describe('governance: suspension, expulsion, reinstatement', () => {
    let identities: TestIdentities;
    let association: Association;
    let subject: Operator;

    before(async () => {
        identities = await createIdentities();
    });

    beforeEach(async () => {
        association = await Association.bootstrapped(identities);
        subject = await association.admittedMember('CarrierMSP');
    });

    async function propose(request: object) {
        return association.submit('membership:ProposeMotion', [JSON.stringify(request)], {
            as: await association.councillor('secretariat'),
        });
    }

    it('opens a suspension motion under the charter and suspends the member when it carries', async () => {
        const motionId = uniqueId('suspend');
        const opened = await propose({
            motionId,
            kind: 'suspend-member',
            subjectId: subject.memberId,
            reason: 'dues unpaid',
        });
        expect(opened.json<Motion>()).to.deep.include({ status: 'open', kind: 'suspend-member', approvalPercent: 60 });
        expect(opened.writes.keys().map(describeKey)).to.deep.equal([`motion:${motionId}`]);
        expect(opened.event?.name).to.equal('MotionOpened');

        await association.carry(motionId);

        const member = await association.member(subject.memberId);
        expect(member.status).to.equal('suspended');
        expect(member.transitions.at(-1)).to.deep.include({ reason: 'dues unpaid', motionId });
    });

    it('reinstates a suspended member, and can expel one', async () => {
        const suspend = uniqueId('suspend');
        await propose({ motionId: suspend, kind: 'suspend-member', subjectId: subject.memberId, reason: 'dues' });
        await association.carry(suspend);
        const reinstate = uniqueId('reinstate');
        await propose({ motionId: reinstate, kind: 'reinstate-member', subjectId: subject.memberId, reason: 'paid' });
        await association.carry(reinstate);
        expect((await association.member(subject.memberId)).status).to.equal('active');

        const expel = uniqueId('expel');
        await propose({ motionId: expel, kind: 'expel-member', subjectId: subject.memberId, reason: 'fraud' });
        await association.carry(expel);

        const member = await association.member(subject.memberId);
        expect(member.transitions.map((t) => t.to)).to.deep.equal([
            'applied',
            'active',
            'suspended',
            'active',
            'expelled',
        ]);
    });

    it('leaves the member as it is when a suspension fails, with a MotionClosed event', async () => {
        const motionId = uniqueId('suspend');
        await propose({ motionId, kind: 'suspend-member', subjectId: subject.memberId, reason: 'rumours' });
        for (const name of ['healthco', 'centres'] as const) {
            await association.vote(name, motionId, 'no');
        }

        const result = await association.submit('membership:CloseMotion', [motionId], {
            as: await association.stranger('HealthcoMSP'),
        });

        expect((await association.member(subject.memberId)).status).to.equal('active');
        expect(result.writes.keys().map(describeKey)).to.deep.equal([`motion:${motionId}`]);
        expect(result.event?.name).to.equal('MotionClosed');
        expect(JSON.parse(result.event?.payload.toString() ?? '') as MotionClosedEvent).to.deep.include({
            motionId,
            kind: 'suspend-member',
            status: 'failed',
        });
    });

    it('changes nothing when the subject left before the suspension carried', async () => {
        const motionId = uniqueId('suspend');
        await propose({ motionId, kind: 'suspend-member', subjectId: subject.memberId, reason: 'dues' });
        await association.submit('membership:Withdraw', [subject.memberId, 'leaving'], { as: subject.identity });

        const result = await association.carry(motionId);

        expect((await association.member(subject.memberId)).status).to.equal('withdrawn');
        expect(result.event?.name).to.equal('MotionClosed');
    });

    const misfits: [string, string][] = [
        ['reinstate-member', 'active'],
        ['suspend-member', 'applied'],
    ];
    for (const [kind, status] of misfits) {
        it(`refuses a ${kind} motion about a member that is ${status}`, async () => {
            let subjectId = subject.memberId;
            if (status === 'applied') {
                subjectId = uniqueId('applicant');
                await association.submit('membership:Apply', [JSON.stringify(application(subjectId, 'CarrierMSP'))], {
                    as: await association.stranger('CarrierMSP'),
                });
            }

            await expectRefusal(
                propose({ motionId: uniqueId('m'), kind, subjectId, reason: 'because' }),
                'INVALID_STATE',
                { text: status },
            );
        });
    }

    it('refuses a motion about an unknown member', async () => {
        await expectRefusal(
            propose({ motionId: uniqueId('m'), kind: 'expel-member', subjectId: uniqueId('ghost'), reason: 'x' }),
            'NOT_FOUND',
        );
    });

    it('refuses a motion ID that exists', async () => {
        const motionId = uniqueId('suspend');
        await propose({ motionId, kind: 'suspend-member', subjectId: subject.memberId, reason: 'dues' });

        await expectRefusal(
            propose({ motionId, kind: 'expel-member', subjectId: subject.memberId, reason: 'dues' }),
            'CONFLICT',
        );
    });

    it('refuses a proposal from a member not on the council', async () => {
        await expectRefusal(
            association.submit(
                'membership:ProposeMotion',
                [
                    JSON.stringify({
                        motionId: uniqueId('m'),
                        kind: 'suspend-member',
                        subjectId: association.ids.healthco,
                        reason: 'rivalry',
                    }),
                ],
                { as: subject.identity },
            ),
            'UNAUTHORIZED',
        );
    });

    it('refuses charter terms on a member motion', async () => {
        await expectRefusal(
            propose({
                motionId: uniqueId('m'),
                kind: 'suspend-member',
                subjectId: subject.memberId,
                reason: 'x',
                charterTerms: { name: 'c', quorumPercent: 50, approvalPercent: 50, votingWindowSeconds: 600 },
            }),
            'VALIDATION',
            { field: 'request.charterTerms' },
        );
    });

    it('refuses a motion of a kind members cannot propose', async () => {
        await expectRefusal(
            propose({ motionId: uniqueId('m'), kind: 'admit-member', subjectId: subject.memberId, reason: 'x' }),
            'VALIDATION',
            { field: 'request.kind' },
        );
    });
});

describe('governance: charter amendments', () => {
    let identities: TestIdentities;
    let association: Association;

    before(async () => {
        identities = await createIdentities();
    });

    beforeEach(async () => {
        association = await Association.bootstrapped(identities);
    });

    const terms = {
        name: 'Charter, second edition',
        quorumPercent: 75,
        approvalPercent: 67,
        votingWindowSeconds: 7 * 86400,
        maxRunningPilots: 2,
    };

    async function propose(request: object) {
        return association.submit('membership:ProposeMotion', [JSON.stringify(request)], {
            as: await association.councillor('healthco'),
        });
    }

    async function charter(): Promise<Charter> {
        const result = await association.evaluate('membership:GetCharter', [], {
            as: await association.stranger('CarrierMSP'),
        });
        return result.json<Charter>();
    }

    it('replaces the charter when the amendment carries, keeping the secretariat and council', async () => {
        const before = await charter();
        const motionId = uniqueId('amend');
        const opened = await propose({
            motionId,
            kind: 'amend-charter',
            subjectId: 'charter',
            reason: 'growth',
            charterTerms: terms,
        });
        expect(opened.json<Motion>().charterTerms).to.deep.equal(terms);
        association.ledger.advanceTime(60_000);

        const closed = await association.carry(motionId);

        expect(await charter()).to.deep.equal({
            ...terms,
            council: before.council,
            secretariatMspId: 'SecretariatMSP',
            version: 2,
            adoptedAt: association.ledger.time.toISOString(),
        });
        expect(closed.writes.keys().map(describeKey)).to.have.members([`motion:${motionId}`, 'charter']);
        expect(closed.event?.name).to.equal('MotionClosed');
    });

    it('sets a new council of active members', async () => {
        const newcomer = await association.admittedMember();
        const council = [association.ids.healthco, newcomer.memberId];
        const motionId = uniqueId('amend');
        await propose({
            motionId,
            kind: 'amend-charter',
            subjectId: 'charter',
            reason: 'smaller council',
            charterTerms: { ...terms, council },
        });

        await association.carry(motionId);

        expect((await charter()).council).to.deep.equal(council);
    });

    it('leaves the charter as it is when the amendment fails', async () => {
        const before = await charter();
        const motionId = uniqueId('amend');
        await propose({ motionId, kind: 'amend-charter', subjectId: 'charter', reason: 'x', charterTerms: terms });
        association.ledger.advanceTime(3600_000);

        const result = await association.submit('membership:CloseMotion', [motionId], {
            as: await association.stranger('HealthcoMSP'),
        });

        expect(result.json<Motion>().status).to.equal('failed');
        expect(await charter()).to.deep.equal(before);
        expect(association.ledger.stateJson(compositeKey('charter', []))).to.deep.include({ version: 1 });
    });

    it('refuses a council member who is not active', async () => {
        const applicant = uniqueId('applicant');
        await association.submit('membership:Apply', [JSON.stringify(application(applicant, 'HealthcoMSP'))], {
            as: await association.stranger('HealthcoMSP'),
        });

        await expectRefusal(
            propose({
                motionId: uniqueId('amend'),
                kind: 'amend-charter',
                subjectId: 'charter',
                reason: 'x',
                charterTerms: { ...terms, council: [association.ids.healthco, applicant] },
            }),
            'VALIDATION',
            { field: 'request.charterTerms.council[1]' },
        );
    });

    it('refuses an amendment whose subject is not the charter', async () => {
        await expectRefusal(
            propose({
                motionId: uniqueId('amend'),
                kind: 'amend-charter',
                subjectId: association.ids.carrier,
                reason: 'x',
                charterTerms: terms,
            }),
            'VALIDATION',
            { field: 'request.subjectId' },
        );
    });

    it('refuses an amendment without terms, or with invalid ones', async () => {
        await expectRefusal(
            propose({ motionId: uniqueId('amend'), kind: 'amend-charter', subjectId: 'charter', reason: 'x' }),
            'VALIDATION',
            { field: 'request.charterTerms' },
        );
        await expectRefusal(
            propose({
                motionId: uniqueId('amend'),
                kind: 'amend-charter',
                subjectId: 'charter',
                reason: 'x',
                charterTerms: { ...terms, quorumPercent: 0 },
            }),
            'VALIDATION',
            { field: 'request.charterTerms.quorumPercent' },
        );
    });

    it('reads a motion and refuses an unknown one', async () => {
        const motionId = uniqueId('amend');
        await propose({ motionId, kind: 'amend-charter', subjectId: 'charter', reason: 'x', charterTerms: terms });
        const reader = await association.stranger('CarrierMSP');

        const result = await association.evaluate('membership:GetMotion', [motionId], { as: reader });

        expect(result.json<Motion>()).to.deep.include({ motionId, kind: 'amend-charter', status: 'open' });
        await expect(
            association.evaluate('membership:GetMotion', [uniqueId('none')], { as: reader }),
        ).to.be.rejectedWith(/NOT_FOUND/);
        await expect(
            association.evaluate('membership:ListVotes', [uniqueId('none')], { as: reader }),
        ).to.be.rejectedWith(/NOT_FOUND/);
    });
});

describe('governance: members who left the council', () => {
    let identities: TestIdentities;

    before(async () => {
        identities = await createIdentities();
    });

    it('refuses a vote from a suspended council member', async () => {
        const association = await Association.bootstrapped(identities);
        const motionId = uniqueId('suspend');
        await association.submit(
            'membership:ProposeMotion',
            [JSON.stringify({ motionId, kind: 'suspend-member', subjectId: association.ids.carrier, reason: 'x' })],
            { as: await association.councillor('healthco') },
        );
        await association.carry(motionId);
        const member: Member = await association.member(association.ids.carrier);
        expect(member.status).to.equal('suspended');
        const applicant = uniqueId('applicant');
        await association.submit('membership:Apply', [JSON.stringify(application(applicant, 'HealthcoMSP'))], {
            as: await association.stranger('HealthcoMSP'),
        });

        await expectRefusal(association.vote('carrier', `admit-${applicant}`, 'yes'), 'UNAUTHORIZED', {
            text: 'must be active',
        });
    });

    it('refuses a vote from a council member who joined the council after the motion opened', async () => {
        // Given a motion opened under the first charter, and a newcomer put on the council afterwards
        const association = await Association.bootstrapped(identities);
        const newcomer = await association.admittedMember();
        const applicant = uniqueId('applicant');
        await association.submit('membership:Apply', [JSON.stringify(application(applicant, 'HealthcoMSP'))], {
            as: await association.stranger('HealthcoMSP'),
        });
        const amendment = uniqueId('amend');
        await association.submit(
            'membership:ProposeMotion',
            [
                JSON.stringify({
                    motionId: amendment,
                    kind: 'amend-charter',
                    subjectId: 'charter',
                    reason: 'new blood',
                    charterTerms: {
                        name: 'Charter',
                        quorumPercent: 50,
                        approvalPercent: 60,
                        votingWindowSeconds: 3600,
                        council: [association.ids.healthco, newcomer.memberId],
                    },
                }),
            ],
            { as: await association.councillor('healthco') },
        );
        await association.carry(amendment);

        // When the newcomer votes on the older motion, then it is refused: the motion's council was frozen
        await expectRefusal(
            association.submit('membership:Vote', [`admit-${applicant}`, 'yes'], { as: newcomer.identity }),
            'INVALID_STATE',
            { text: 'was not on the council when motion' },
        );
    });
});

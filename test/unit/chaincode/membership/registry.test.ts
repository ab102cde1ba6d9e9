import { expect } from 'chai';
import type { IdentityInfo, Member, MemberStatusChangedEvent, Motion, MotionOpenedEvent } from '@bia/model';
import { compositeKey, describeKey } from '../../../fixtures/chaincode-harness';
import type { TestIdentities } from '../../../fixtures/identities';
import { Association, application, createIdentities, expectRefusal, uniqueId } from './association';

describe('membership:Apply', () => {
    let identities: TestIdentities;
    let association: Association;

    before(async () => {
        identities = await createIdentities();
    });

    beforeEach(async () => {
        association = await Association.bootstrapped(identities);
    });

    it('records the application, binds the applicant and opens the admission motion', async () => {
        // Given an identity of the secretariat's MSP applying for a member without its own peer
        const applicant = await association.stranger('SecretariatMSP');
        const memberId = uniqueId('uni');
        const request = application(memberId, 'SecretariatMSP', {
            kind: 'university',
            sectors: ['Research ', 'Healthcare'],
        });

        // When it applies
        const result = await association.submit('membership:Apply', [JSON.stringify(request)], { as: applicant });

        // Then the member is applied, with sectors normalised, and its first transition
        const now = association.ledger.time.toISOString();
        const stamp = { at: now, byMemberId: memberId, byMspId: 'SecretariatMSP', txId: result.txId };
        expect(result.json<Member>()).to.deep.equal({
            ...request,
            sectors: ['research', 'healthcare'],
            status: 'applied',
            founding: false,
            appliedAt: now,
            transitions: [{ from: null, to: 'applied', reason: 'application', stamp }],
        });
        // And it wrote the member, its index entries, the applicant's binding and the motion
        const written = result.writes.keys().map(describeKey);
        expect(written.filter((key) => !key.startsWith('binding:'))).to.have.members([
            `member:${memberId}`,
            `member-kind:university:${memberId}`,
            `member-status-kind:applied:university:${memberId}`,
            `member-sector-kind:research:university:${memberId}`,
            `member-sector-kind:healthcare:university:${memberId}`,
            `member-sector-status-kind:research:applied:university:${memberId}`,
            `member-sector-status-kind:healthcare:applied:university:${memberId}`,
            `motion:admit-${memberId}`,
        ]);
        expect(written.filter((key) => key.startsWith('binding:'))).to.have.length(1);
        const motion = association.ledger.stateJson<Motion>(compositeKey('motion', [`admit-${memberId}`]));
        expect(motion).to.include({ kind: 'admit-member', subjectId: memberId, status: 'open', quorumPercent: 50 });
        expect(motion?.council).to.deep.equal(Object.values(association.ids));
        // And the event tells the council to vote
        expect(result.event?.name).to.equal('MotionOpened');
        expect(JSON.parse(result.event?.payload.toString() ?? '') as MotionOpenedEvent).to.deep.equal({
            motionId: `admit-${memberId}`,
            kind: 'admit-member',
            subjectId: memberId,
            closesAt: new Date(association.ledger.time.getTime() + 3600_000).toISOString(),
            txId: result.txId,
            at: now,
        });
        const whoAmI = await association.evaluate('membership:WhoAmI', [], { as: applicant });
        expect(whoAmI.json<IdentityInfo>().memberId).to.equal(memberId);
    });

    it('refuses an applicant whose MSP is not the member hosting MSP', async () => {
        const applicant = await association.stranger('CarrierMSP');

        await expectRefusal(
            association.submit('membership:Apply', [JSON.stringify(application(uniqueId('m'), 'HealthcoMSP'))], {
                as: applicant,
            }),
            'UNAUTHORIZED',
            { text: 'HealthcoMSP' },
        );
    });

    it('refuses an identity that already acts for a member', async () => {
        const operator = await association.operator(association.ids.healthco);

        await expectRefusal(
            association.submit('membership:Apply', [JSON.stringify(application(uniqueId('m'), 'HealthcoMSP'))], {
                as: operator,
            }),
            'CONFLICT',
        );
    });

    it('refuses a member ID that exists', async () => {
        const applicant = await association.stranger('HealthcoMSP');

        await expectRefusal(
            association.submit(
                'membership:Apply',
                [JSON.stringify(application(association.ids.healthco, 'HealthcoMSP'))],
                { as: applicant },
            ),
            'CONFLICT',
        );
    });

    it('refuses an application before the association is bootstrapped', async () => {
        const empty = Association.empty(identities);

        await expectRefusal(
            empty.submit('membership:Apply', [JSON.stringify(application(uniqueId('m'), 'HealthcoMSP'))], {
                as: await empty.stranger('HealthcoMSP'),
            }),
            'UNAUTHORIZED',
            { text: 'not been bootstrapped' },
        );
    });

    const invalid: [string, object, string][] = [
        ['an invalid e-mail', { contact: { name: 'A', email: 'nobody' } }, 'application.contact.email'],
        ['an unknown kind', { kind: 'club' }, 'application.kind'],
        ['no sectors', { sectors: [] }, 'application.sectors'],
        ['a sector twice', { sectors: ['Health', 'health'] }, 'application.sectors'],
        ['a member ID with a space', { memberId: 'a b' }, 'application.memberId'],
        ['a NUL character', { legalName: 'A\u0000B' }, 'application.legalName'],
        ['an unknown field', { motto: 'x' }, 'application.motto'],
        [
            'an unknown contact field',
            { contact: { name: 'A', email: 'a@b.example', fax: '1' } },
            'application.contact.fax',
        ],
    ];
    for (const [what, change, field] of invalid) {
        it(`refuses ${what}`, async () => {
            await expectRefusal(
                association.submit(
                    'membership:Apply',
                    [JSON.stringify({ ...application(uniqueId('m'), 'HealthcoMSP'), ...change })],
                    { as: await association.stranger('HealthcoMSP') },
                ),
                'VALIDATION',
                { field },
            );
        });
    }
});

describe('membership:UpdateProfile', () => {
    let identities: TestIdentities;
    let association: Association;

    before(async () => {
        identities = await createIdentities();
    });

    beforeEach(async () => {
        association = await Association.bootstrapped(identities);
    });

    const profile = {
        legalName: 'Healthco Group plc',
        kind: 'enterprise',
        sectors: ['Healthcare', 'Pharma'],
        website: 'https://group.healthco.example',
        contact: { name: 'New Contact', email: 'new@healthco.example', phone: '+46 8 123 456' },
    };

    it('lets a member change its own profile and moves its sector index entries', async () => {
        const operator = await association.operator(association.ids.healthco);
        const memberId = association.ids.healthco;

        const result = await association.submit('membership:UpdateProfile', [memberId, JSON.stringify(profile)], {
            as: operator,
        });

        const updated = result.json<Member>();
        expect(updated).to.include({ legalName: 'Healthco Group plc', status: 'active', memberId });
        expect(updated.sectors).to.deep.equal(['healthcare', 'pharma']);
        expect(updated.contact).to.deep.equal(profile.contact);
        expect(result.writes.putKeys().map(describeKey)).to.have.members([
            `member:${memberId}`,
            `member-sector-kind:pharma:enterprise:${memberId}`,
            `member-sector-status-kind:pharma:active:enterprise:${memberId}`,
        ]);
        expect(result.writes.deletedKeys()).to.deep.equal([]);
        expect(result.event).to.equal(undefined);
    });

    it('removes the index entries of sectors a member drops', async () => {
        const operator = await association.operator(association.ids.centres);
        const memberId = association.ids.centres;

        const result = await association.submit(
            'membership:UpdateProfile',
            [memberId, JSON.stringify({ ...profile, kind: 'university', sectors: ['education'] })],
            { as: operator },
        );

        expect(result.writes.deletedKeys().map(describeKey)).to.have.members([
            `member-kind:government-body:${memberId}`,
            `member-status-kind:active:government-body:${memberId}`,
            ...['healthcare', 'public-sector'].flatMap((sector) => [
                `member-sector-kind:${sector}:government-body:${memberId}`,
                `member-sector-status-kind:${sector}:active:government-body:${memberId}`,
            ]),
        ]);
        expect(result.writes.putKeys().map(describeKey)).to.have.members([
            `member:${memberId}`,
            `member-kind:university:${memberId}`,
            `member-status-kind:active:university:${memberId}`,
            `member-sector-kind:education:university:${memberId}`,
            `member-sector-status-kind:education:active:university:${memberId}`,
        ]);
    });

    it("refuses to change another member's profile", async () => {
        const operator = await association.operator(association.ids.healthco);

        await expectRefusal(
            association.submit('membership:UpdateProfile', [association.ids.carrier, JSON.stringify(profile)], {
                as: operator,
            }),
            'UNAUTHORIZED',
        );
    });

    it('refuses an identity bound to no member', async () => {
        await expectRefusal(
            association.submit('membership:UpdateProfile', [association.ids.healthco, JSON.stringify(profile)], {
                as: await association.stranger('HealthcoMSP'),
            }),
            'UNAUTHORIZED',
            { text: 'not bound to a member' },
        );
    });

    it('refuses a member that has withdrawn', async () => {
        const leaver = await association.admittedMember();
        await association.submit('membership:Withdraw', [leaver.memberId, 'leaving'], { as: leaver.identity });

        await expectRefusal(
            association.submit('membership:UpdateProfile', [leaver.memberId, JSON.stringify(profile)], {
                as: leaver.identity,
            }),
            'INVALID_STATE',
        );
    });

    it('refuses a profile with fields a member may not change', async () => {
        const operator = await association.operator(association.ids.healthco);

        await expectRefusal(
            association.submit(
                'membership:UpdateProfile',
                [association.ids.healthco, JSON.stringify({ ...profile, status: 'active' })],
                { as: operator },
            ),
            'VALIDATION',
            { field: 'profile.status' },
        );
    });
});

describe('membership:Withdraw', () => {
    let identities: TestIdentities;
    let association: Association;

    before(async () => {
        identities = await createIdentities();
    });

    beforeEach(async () => {
        association = await Association.bootstrapped(identities);
    });

    it('withdraws a member, keeping who, when and why, and tells the others', async () => {
        const operator = await association.operator(association.ids.carrier);
        const memberId = association.ids.carrier;

        const result = await association.submit('membership:Withdraw', [memberId, 'merged into another member'], {
            as: operator,
        });

        const member = result.json<Member>();
        expect(member.status).to.equal('withdrawn');
        expect(member.transitions[1]).to.deep.equal({
            from: 'active',
            to: 'withdrawn',
            reason: 'merged into another member',
            stamp: {
                at: association.ledger.time.toISOString(),
                byMemberId: memberId,
                byMspId: 'CarrierMSP',
                txId: result.txId,
            },
        });
        expect(result.writes.putKeys().map(describeKey)).to.have.members([
            `member:${memberId}`,
            `member-status-kind:withdrawn:enterprise:${memberId}`,
            `member-sector-status-kind:logistics:withdrawn:enterprise:${memberId}`,
        ]);
        expect(result.writes.deletedKeys().map(describeKey)).to.have.members([
            `member-status-kind:active:enterprise:${memberId}`,
            `member-sector-status-kind:logistics:active:enterprise:${memberId}`,
        ]);
        expect(result.event?.name).to.equal('MemberStatusChanged');
        expect(JSON.parse(result.event?.payload.toString() ?? '') as MemberStatusChangedEvent).to.deep.equal({
            memberId,
            from: 'active',
            to: 'withdrawn',
            reason: 'merged into another member',
            txId: result.txId,
            at: association.ledger.time.toISOString(),
        });
    });

    it('lets an applicant withdraw its application', async () => {
        const applicant = await association.stranger('HealthcoMSP');
        const memberId = uniqueId('applicant');
        await association.submit('membership:Apply', [JSON.stringify(application(memberId, 'HealthcoMSP'))], {
            as: applicant,
        });

        const result = await association.submit('membership:Withdraw', [memberId, 'changed our mind'], {
            as: applicant,
        });

        expect(result.json<Member>().transitions.map((t) => t.to)).to.deep.equal(['applied', 'withdrawn']);
    });

    it('refuses to withdraw another member', async () => {
        const operator = await association.operator(association.ids.carrier);

        await expectRefusal(
            association.submit('membership:Withdraw', [association.ids.healthco, 'hostile'], { as: operator }),
            'UNAUTHORIZED',
        );
    });

    it('refuses a member that has already withdrawn', async () => {
        const operator = await association.operator(association.ids.carrier);
        await association.submit('membership:Withdraw', [association.ids.carrier, 'leaving'], { as: operator });

        await expectRefusal(
            association.submit('membership:Withdraw', [association.ids.carrier, 'again'], { as: operator }),
            'INVALID_STATE',
            { text: 'cannot become withdrawn from withdrawn' },
        );
    });

    it('refuses an empty reason', async () => {
        const operator = await association.operator(association.ids.carrier);

        await expectRefusal(
            association.submit('membership:Withdraw', [association.ids.carrier, '  '], { as: operator }),
            'VALIDATION',
            { field: 'reason' },
        );
    });
});

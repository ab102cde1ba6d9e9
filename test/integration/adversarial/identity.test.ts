// Who the caller is comes from its certificate alone. Certificates issued by an organisation's REAL CA with subjects
// built to print like an admin's, or like another identity's ID, gain nothing: they are clients bound to no member.
// And an identity that does act for a member cannot act for another member or through another organisation.
import { expect } from 'chai';
import type * as x509 from '@peculiar/x509';
import type { IdentityInfo } from '@bia/model';
import { type Adversary, adversary, closeAdversary } from '../support/adversary';
import { clientSubject } from '../support/crafted-identities';
import type { RawConnection } from '../support/raw-gateway';

after(closeAdversary);

describe('adversarial: crafted certificates signed by the organisation’s real CA', function () {
    this.timeout(180_000);
    let adv: Adversary;

    before(async function () {
        this.timeout(300_000);
        adv = await adversary();
    });

    const tag = (): string => `mallory-${adv.run.runId}`;

    /** RDNs after `OU=client` (the certificate's one NodeOU role), each built to read as `OU=admin` somewhere. */
    const adminLookalikes: readonly (readonly [string, () => x509.JsonName])[] = [
        ['a common name ending in /OU=admin', (): x509.JsonName => [{ CN: [`${tag()}/OU=admin`] }]],
        ['a common name with /OU=admin after a second slash', (): x509.JsonName => [{ CN: [`${tag()}/x/OU=admin`] }]],
        ['a common name that is OU=admin', (): x509.JsonName => [{ CN: ['OU=admin'] }]],
        ['a common name with ,OU=admin', (): x509.JsonName => [{ CN: [`${tag()},OU=admin`] }]],
        ['a common name with +OU=admin', (): x509.JsonName => [{ CN: [`${tag()}+OU=admin`] }]],
        ['a common name with an escaped \\/OU=admin', (): x509.JsonName => [{ CN: [`${tag()}\\/OU=admin`] }]],
        ['a quoted common name with "/OU=admin"', (): x509.JsonName => [{ CN: [`"${tag()}/OU=admin"`] }]],
        ['an organisation value /OU=admin', (): x509.JsonName => [{ O: ['/OU=admin'] }, { CN: [tag()] }]],
        ['a second OU x/OU=admin', (): x509.JsonName => [{ OU: ['x/OU=admin'] }, { CN: [tag()] }]],
        ['a second OU Admin (not the NodeOU value)', (): x509.JsonName => [{ OU: ['Admin'] }, { CN: [tag()] }]],
        [
            'a second OU with a Cyrillic look-alike of admin',
            (): x509.JsonName => [{ OU: ['\u0430dmin'] }, { CN: [tag()] }],
        ],
        ['a multi-valued RDN CN+L with L=/OU=admin', (): x509.JsonName => [{ CN: [tag()], L: ['/OU=admin'] }]],
        ['an empty common name after OU=admin text', (): x509.JsonName => [{ L: ['OU=admin'] }, { CN: [''] }]],
    ];

    for (const [what, rdns] of adminLookalikes) {
        it(`treats a client certificate with ${what} as a client, not an admin (BindIdentity: UNAUTHORIZED)`, async () => {
            const mallory = await adv.craftClient('healthco', ...rdns());
            // The MSP accepts it (WhoAmI answers), so the refusal below is the chaincode's decision.
            const who = await mallory.evaluateJson<IdentityInfo>('membership:WhoAmI');
            expect(who).to.include({ mspId: 'HealthcoMSP' }).and.not.have.property('memberId');
            await adv.refusedWithoutEffect({
                attempt: () =>
                    mallory.submit('membership:BindIdentity', {
                        arguments: [adv.run.members.healthco, who.identityId],
                    }),
                code: 'UNAUTHORIZED',
                records: [
                    { name: 'membership:GetMember', args: [adv.run.members.healthco] },
                    { name: 'membership:WhoAmI', by: mallory },
                ],
            });
        });
    }

    it('cannot unbind another identity of its MSP as if it were an admin (UNAUTHORIZED)', async () => {
        const mallory = await adv.craftClient('healthco', { CN: [`${tag()}/OU=admin`] });
        const operator = adv.as('healthco', 'User1');
        const bound = await operator.evaluateJson<IdentityInfo>('membership:WhoAmI');
        expect(bound.memberId).to.equal(adv.run.members.healthco);
        await adv.refusedWithoutEffect({
            attempt: () => mallory.submit('membership:UnbindIdentity', { arguments: [bound.identityId] }),
            code: 'UNAUTHORIZED',
            records: [{ name: 'membership:WhoAmI', by: operator }],
        });
    });

    // fabric-shim's getID() escapes only the first '/' of a value, so CN "t/m" followed by OU "u" and a lone CN
    // "t/m/OU=u" print the same ID there. Bindings must tell them apart.
    it('does not let a certificate whose subject prints like a bound identity’s act for its member', async () => {
        const stem = `${tag()}/sensor`;
        const bound = await adv.craftClient('healthco', { CN: [stem] }, { OU: ['unit'] });
        const boundId = (await bound.evaluateJson<IdentityInfo>('membership:WhoAmI')).identityId;
        await adv.as('healthco', 'Admin').submit('membership:BindIdentity', {
            arguments: [adv.run.members.healthco, boundId],
        });
        expect(await bound.evaluateJson<IdentityInfo>('membership:WhoAmI')).to.include({
            memberId: adv.run.members.healthco,
        });

        const imitator = await adv.craftClient('healthco', { CN: [`${stem}/OU=unit`] });
        const imitatorInfo = await imitator.evaluateJson<IdentityInfo>('membership:WhoAmI');
        expect(imitatorInfo.identityId, 'the imitator’s identity ID').to.not.equal(boundId);
        expect(imitatorInfo).to.not.have.property('memberId');
        await adv.refusedWithoutEffect({
            attempt: () =>
                imitator.submit('membership:UpdateProfile', {
                    arguments: [
                        adv.run.members.healthco,
                        JSON.stringify({ ...adv.run.profile(adv.run.members.healthco), legalName: 'Taken over' }),
                    ],
                }),
            code: 'UNAUTHORIZED',
            records: [
                { name: 'membership:GetMember', args: [adv.run.members.healthco] },
                { name: 'membership:GetMemberHistory', args: [adv.run.members.healthco] },
            ],
        });
    });
});

describe('adversarial: acting for another member or another organisation', function () {
    this.timeout(180_000);
    let adv: Adversary;
    let healthcoOperator: RawConnection;

    before(async function () {
        this.timeout(300_000);
        adv = await adversary();
        healthcoOperator = adv.as('healthco', 'User1');
    });

    it("refuses healthco's operator updating carrier's member profile (UNAUTHORIZED)", async () => {
        const victim = adv.run.members.carrier;
        await adv.refusedWithoutEffect({
            attempt: () =>
                healthcoOperator.submit('membership:UpdateProfile', {
                    arguments: [
                        victim,
                        JSON.stringify({ ...adv.run.profile(victim), website: 'https://evil.example' }),
                    ],
                }),
            code: 'UNAUTHORIZED',
            records: [
                { name: 'membership:GetMember', args: [victim] },
                { name: 'membership:GetMemberHistory', args: [victim] },
            ],
        });
    });

    it("refuses healthco's operator withdrawing carrier's membership (UNAUTHORIZED)", async () => {
        const victim = adv.run.members.carrier;
        await adv.refusedWithoutEffect({
            attempt: () =>
                healthcoOperator.submit('membership:Withdraw', { arguments: [victim, 'withdrawn by a rival'] }),
            code: 'UNAUTHORIZED',
            records: [{ name: 'membership:GetMember', args: [victim] }],
        });
    });

    it("refuses healthco's admin binding one of its identities to a member carrier hosts (UNAUTHORIZED)", async () => {
        const mole = await adv.craftClient('healthco', { CN: [`mole-${adv.run.runId}`] });
        const moleId = (await mole.evaluateJson<IdentityInfo>('membership:WhoAmI')).identityId;
        await adv.refusedWithoutEffect({
            attempt: () =>
                adv.as('healthco', 'Admin').submit('membership:BindIdentity', {
                    arguments: [adv.run.members.carrier, moleId],
                }),
            code: 'UNAUTHORIZED',
            records: [
                { name: 'membership:WhoAmI', by: mole },
                { name: 'membership:GetMember', args: [adv.run.members.carrier] },
            ],
        });
    });

    it("refuses an identity of healthco applying for a member hosted by carrier's MSP (UNAUTHORIZED)", async () => {
        const applicant = await adv.craftClient('healthco', { CN: [`applicant-${adv.run.runId}`] });
        const memberId = adv.run.id('smuggled');
        await adv.refusedWithoutEffect({
            attempt: () =>
                applicant.submit('membership:Apply', {
                    arguments: [JSON.stringify({ ...adv.run.application('carrier', memberId) })],
                }),
            code: 'UNAUTHORIZED',
            records: [
                { name: 'membership:GetMember', args: [memberId] },
                { name: 'membership:WhoAmI', by: applicant },
            ],
        });
    });

    // The MSP ID in the signed creator is the caller's claim; the peer checks the certificate against that MSP's CAs
    // before any chaincode runs, so the refusal is the network's, not the chaincode's.
    it("refuses a healthco certificate presented under carrier's MSP ID before the chaincode runs", async () => {
        const ca = await adv.ca('healthco');
        const credentials = await ca.issue(clientSubject({ CN: [`impostor-${adv.run.runId}`] }));
        const impostor = adv.withCredentials('carrier', credentials);
        expect(impostor.mspId).to.equal('CarrierMSP');
        const { refusal } = await adv.refusedWithoutEffect({
            attempt: () =>
                impostor.submit('membership:UpdateProfile', {
                    arguments: [
                        adv.run.members.carrier,
                        JSON.stringify({ ...adv.run.profile(adv.run.members.carrier), legalName: 'Impostor' }),
                    ],
                }),
            code: undefined,
            records: [{ name: 'membership:GetMember', args: [adv.run.members.carrier] }],
        });
        expect(refusal.chaincodeError, 'a chaincode answer: the chaincode ran').to.equal(undefined);
    });
});

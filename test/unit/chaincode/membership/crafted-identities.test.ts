// Roles and identity IDs through the chaincode, from certificates with crafted subjects issued by the MSP's real CA.
import 'reflect-metadata';
import { expect } from 'chai';
import fc from 'fast-check';
import * as x509 from '@peculiar/x509';
import { type IdentityBinding, type IdentityInfo, identityIdOf } from '@bia/model';
import type { TestIdentities, TestIdentity } from '../../../fixtures/identities';
import { Association, createIdentities, expectRefusal } from './association';
import { oids, subject, toName } from '../../model/identity-oracle';

/**
 * fabric-shim's ClientIdentity (@fidm/x509) fails on BMPString values before any chaincode runs ("attribute.value.replace
 * is not a function"): such identities cannot call the chaincode at all, so the chaincode-path property leaves them out.
 */
const shimReadableSubject = subject.filter((rdns) => rdns.flat().every(({ encoding }) => encoding !== 'bmpString'));

describe('membership: crafted certificates (roles and IDs from the certificate)', () => {
    let identities: TestIdentities;
    let association: Association;

    before(async () => {
        identities = await createIdentities();
    });

    beforeEach(async () => {
        association = await Association.bootstrapped(identities);
    });

    const crafted = (mspId: string, ...rdns: Record<string, string[]>[]): Promise<TestIdentity> =>
        identities.withSubject(mspId, new x509.Name(rdns));

    const bind = async (as: TestIdentity) =>
        association.submit(
            'membership:BindIdentity',
            [association.ids.healthco, identityIdOf((await association.stranger('HealthcoMSP')).certificatePem)],
            { as },
        );

    it('treats a client whose common name contains "/OU=admin" as the client it is: BindIdentity UNAUTHORIZED', async () => {
        const mallory = await crafted('HealthcoMSP', { C: ['US'] }, { OU: ['client'] }, { CN: ['mallory/OU=admin'] });
        const { details } = await expectRefusal(bind(mallory), 'UNAUTHORIZED', {
            text: 'only an admin identity of HealthcoMSP',
        });
        expect(details).to.deep.equal({ mspId: 'HealthcoMSP', role: 'client' });
    });

    const notAdmins: [string, Record<string, string[]>[]][] = [
        ['OU=admin and OU=client (Fabric refuses such a certificate)', [{ OU: ['admin'] }, { OU: ['client'] }]],
        ['OU "Admin"', [{ OU: ['Admin'] }]],
        ['OU "admin " with a trailing space', [{ OU: ['admin '] }]],
        ['an OU with a Cyrillic a', [{ OU: ['\u0430dmin'] }]],
        ['O=admin', [{ O: ['admin'] }, { OU: ['client'] }]],
        ['CN "x,OU=admin"', [{ OU: ['client'] }, { CN: ['x,OU=admin'] }]],
    ];
    for (const [name, rdns] of notAdmins) {
        it(`treats ${name} as no admin`, async () => {
            await expectRefusal(bind(await crafted('HealthcoMSP', ...rdns)), 'UNAUTHORIZED');
        });
    }

    it('treats OU=admin in a multi-valued RDN as an admin, as Go collects every OU', async () => {
        const admin = await crafted('HealthcoMSP', { C: ['US'] }, { OU: ['admin'], CN: ['ops-admin'] });
        const result = await bind(admin);
        expect(result.json<IdentityBinding>().boundBy).to.equal(identityIdOf(admin.certificatePem));
    });

    it("refuses an admin's binding of another MSP's member, however its name reads", async () => {
        const admin = await crafted('CarrierMSP', { OU: ['admin'] }, { CN: ['Admin@healthco.bia.example'] });
        await expectRefusal(bind(admin), 'UNAUTHORIZED');
    });

    it('property: WhoAmI reports the ID @bia/model derives from the certificate, and bindings key on it', async () => {
        await fc.assert(
            fc.asyncProperty(shimReadableSubject, async (rdns) => {
                const identity = await identities.withSubject('SecretariatMSP', toName(rdns));
                const result = await association.evaluate('membership:WhoAmI', [], { as: identity });
                expect(result.json<IdentityInfo>()).to.deep.equal({
                    identityId: identityIdOf(identity.certificatePem),
                    mspId: 'SecretariatMSP',
                });
            }),
            { numRuns: 25 },
        );
    });

    it('keeps the bindings of two look-alike names apart', async () => {
        // Given one identity whose CN is "a/OU=b" and another with CN=a and OU=b
        const first = await crafted('HealthcoMSP', { OU: ['client'] }, { CN: ['a/OU=b'] });
        const second = await crafted('HealthcoMSP', { OU: ['client'] }, { OU: ['b'] }, { CN: ['a'] });
        const admin = await association.admin('HealthcoMSP');
        // When only the first is bound
        await association.submit(
            'membership:BindIdentity',
            [association.ids.healthco, identityIdOf(first.certificatePem)],
            { as: admin },
        );
        // Then only the first acts for the member
        const whoFirst = await association.evaluate('membership:WhoAmI', [], { as: first });
        const whoSecond = await association.evaluate('membership:WhoAmI', [], { as: second });
        expect(whoFirst.json<IdentityInfo>().memberId).to.equal(association.ids.healthco);
        expect(whoSecond.json<IdentityInfo>().memberId).to.equal(undefined);
    });

    it('refuses a certificate whose names Go would refuse (a PrintableString with "@"): UNAUTHORIZED', async () => {
        const odd = await identities.withSubject(
            'HealthcoMSP',
            new x509.Name([{ [oids.CN]: [{ printableString: 'a@b' }] }]),
        );
        await expectRefusal(association.submit('membership:WhoAmI', [], { as: odd }), 'UNAUTHORIZED', {
            text: 'the creator certificate cannot be read unambiguously: subject attribute 2.5.4.3: invalid PrintableString',
        });
    });
});

// Identity IDs and NodeOU roles from real certificates, issued by the test CA with crafted subjects.
import 'reflect-metadata';
import { expect } from 'chai';
import fc from 'fast-check';
import * as x509 from '@peculiar/x509';
import { certificateIdentity, identityIdOf, isIdentityId } from '@bia/model';
import { TestIdentities } from '../../fixtures/identities';
import {
    type EncodedAttribute,
    expectedRole,
    expectedUnits,
    oids,
    plain,
    readIdentityId,
    subject,
    toName,
} from './identity-oracle';

const mspId = 'HealthcoMSP';

describe('identity from the certificate (@bia/model certificateIdentity, identityIdOf)', () => {
    let identities: TestIdentities;

    before(async () => {
        identities = await TestIdentities.create([mspId, 'CarrierMSP']);
    });

    const issue = async (rdns: readonly (readonly EncodedAttribute[])[], msp = mspId) =>
        (await identities.withSubject(msp, toName(rdns))).certificatePem;

    const attributes = (entries: [keyof typeof oids, string][]): EncodedAttribute[] =>
        entries.map(([name, value]) => ({ type: oids[name], value, encoding: 'utf8String' }));

    it('reads a cryptogen-shaped client: its ID in RFC 4514 order and its role', async () => {
        const client = await identities.client(mspId, 'User1@healthco.bia.example');
        expect(certificateIdentity(client.certificatePem)).to.deep.equal({
            identityId:
                'x509::CN=User1@healthco.bia.example,OU=client,L=San Francisco,ST=California,C=US' +
                '::CN=ca.healthco.bia.example,O=healthco.bia.example,L=San Francisco,ST=California,C=US',
            organizationalUnits: ['client'],
            role: 'client',
        });
        expect(certificateIdentity(Buffer.from(client.certificatePem)).identityId).to.equal(
            identityIdOf(client.certificatePem),
        );
    });

    it('property: the OU values and the role are exactly those Go collects, from every RDN', async () => {
        await fc.assert(
            fc.asyncProperty(subject, async (rdns) => {
                const identity = certificateIdentity(await issue(rdns));
                expect(identity.organizationalUnits).to.deep.equal(expectedUnits(rdns));
                expect(identity.role).to.equal(expectedRole(rdns));
            }),
            { numRuns: 150 },
        );
    });

    it('property: the ID reads back into exactly the subject and issuer, so different names never share an ID', async () => {
        const issuer = readIdentityId(identityIdOf((await identities.client(mspId, 'probe')).certificatePem)).issuer;
        await fc.assert(
            fc.asyncProperty(subject, async (rdns) => {
                const id = identityIdOf(await issue(rdns));
                expect(isIdentityId(id), id).to.equal(true);
                expect(id).to.match(/^[\x20-\x7e]*$/);
                expect(readIdentityId(id)).to.deep.equal({ subject: plain(rdns), issuer });
            }),
            { numRuns: 150 },
        );
    });

    it('property: two subjects give one ID only when they are the same name', async () => {
        await fc.assert(
            fc.asyncProperty(subject, subject, async (first, second) => {
                const same = JSON.stringify(plain(first)) === JSON.stringify(plain(second));
                expect(identityIdOf(await issue(first)) === identityIdOf(await issue(second))).to.equal(same);
            }),
            { numRuns: 60 },
        );
    });

    const crafted: { name: string; rdns: EncodedAttribute[][]; role: string | undefined }[] = [
        {
            name: 'a CN containing "/OU=admin"',
            rdns: [attributes([['OU', 'client']]), attributes([['CN', 'x/OU=admin']])],
            role: 'client',
        },
        {
            name: 'a CN "x,OU=admin"',
            rdns: [attributes([['OU', 'client']]), attributes([['CN', 'x,OU=admin']])],
            role: 'client',
        },
        {
            name: 'an O of "admin"',
            rdns: [attributes([['O', 'admin']]), attributes([['OU', 'client']])],
            role: 'client',
        },
        { name: 'OU "Admin"', rdns: [attributes([['OU', 'Admin']])], role: undefined },
        { name: 'OU "admin " with a trailing space', rdns: [attributes([['OU', 'admin ']])], role: undefined },
        { name: 'OU with a Cyrillic a', rdns: [attributes([['OU', '\u0430dmin']])], role: undefined },
        { name: 'OU with a NUL', rdns: [attributes([['OU', 'admin\u0000']])], role: undefined },
        {
            name: 'OU=admin and OU=client',
            rdns: [attributes([['OU', 'admin']]), attributes([['OU', 'client']])],
            role: undefined,
        },
        {
            name: 'OU=admin twice',
            rdns: [attributes([['OU', 'admin']]), attributes([['OU', 'admin']])],
            role: undefined,
        },
        {
            name: 'OU=admin in a multi-valued RDN',
            rdns: [
                attributes([
                    ['CN', 'x'],
                    ['OU', 'admin'],
                ]),
            ],
            role: 'admin',
        },
        {
            name: 'OU=admin as a BMPString',
            rdns: [[{ type: oids.OU, value: 'admin', encoding: 'bmpString' }]],
            role: 'admin',
        },
        {
            name: 'OU=admin as an IA5String',
            rdns: [[{ type: oids.OU, value: 'admin', encoding: 'ia5String' }]],
            role: 'admin',
        },
        {
            name: 'an empty OU beside OU=peer',
            rdns: [attributes([['OU', '']]), attributes([['OU', 'peer']])],
            role: 'peer',
        },
    ];
    for (const { name, rdns, role } of crafted) {
        it(`${name}: role ${role ?? 'none'}`, async () => {
            expect(certificateIdentity(await issue(rdns)).role).to.equal(role);
        });
    }

    it("keeps apart names the shim's getID() string confuses", async () => {
        const pairs: [EncodedAttribute[][], EncodedAttribute[][]][] = [
            [[attributes([['CN', 'a/OU=admin']])], [attributes([['CN', 'a']]), attributes([['OU', 'admin']])]],
            [[attributes([['CN', 'a,OU=b']])], [attributes([['OU', 'b']]), attributes([['CN', 'a']])]],
            [
                [attributes([['CN', 'a+OU=b']])],
                [
                    attributes([
                        ['CN', 'a'],
                        ['OU', 'b'],
                    ]),
                ],
            ],
            [
                [
                    attributes([
                        ['CN', 'a'],
                        ['OU', 'b'],
                    ]),
                ],
                [attributes([['CN', 'a']]), attributes([['OU', 'b']])],
            ],
            [[attributes([['CN', 'a::x509']])], [attributes([['CN', 'a']])]],
            [[attributes([['CN', '\u0430']])], [attributes([['CN', 'a']])]],
            [[attributes([['CN', 'a\\2Cb']])], [attributes([['CN', 'a,b']])]],
        ];
        for (const [first, second] of pairs) {
            expect(identityIdOf(await issue(first))).to.not.equal(identityIdOf(await issue(second)));
        }
    });

    it('gives a re-issued certificate (new key, same subject and CA) the same ID, as Fabric does', async () => {
        const rdns = [
            attributes([
                ['CN', 'again'],
                ['OU', 'client'],
            ]),
        ];
        expect(identityIdOf(await issue(rdns))).to.equal(identityIdOf(await issue(rdns)));
    });

    it("gives another CA's certificate with the same subject another ID (the issuer is part of it)", async () => {
        const rdns = [attributes([['CN', 'same']])];
        expect(identityIdOf(await issue(rdns, mspId))).to.not.equal(identityIdOf(await issue(rdns, 'CarrierMSP')));
    });

    it('refuses what is not a certificate, and names in string types Go refuses', async () => {
        expect(() => certificateIdentity('not a certificate')).to.throw();
        const universal = new x509.Name([{ [oids.CN]: [{ universalString: 'x' }] }]);
        const pem = (await identities.withSubject(mspId, universal)).certificatePem;
        expect(() => certificateIdentity(pem)).to.throw(/unsupported string type 0x1c/);
    });

    it('isIdentityId accepts only the escaped form', () => {
        for (const text of ['x509::CN=a::CN=b', 'x509::::', 'x509::CN=a\\2Fb+OU=c,O=d::1.2.3=x']) {
            expect(isIdentityId(text), text).to.equal(true);
        }
        for (const text of [
            'x509::/CN=a::/CN=b',
            'x509::CN=a/OU=admin::CN=b',
            'x509::CN=a::CN=b::CN=c',
            'CN=a',
            'x509::CN=a\\2f::CN=b',
            'x509::CN=a,b::CN=c',
            'x509::cn=a::CN=b',
        ]) {
            expect(isIdentityId(text), text).to.equal(false);
        }
    });
});

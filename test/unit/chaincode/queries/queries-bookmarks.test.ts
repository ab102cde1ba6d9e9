// Pagination cannot be steered outside the query: a bookmark is the base64url form of the key the next page starts
// at, and only a well-formed key of the very index and prefix the query reads is accepted. Anything else (another
// query's bookmark, a key of another index or record type, a malformed or non-canonical encoding) is refused with
// VALIDATION on query.bookmark before the ledger is read; an accepted bookmark never yields a non-matching record.
import { expect } from 'chai';
import fc from 'fast-check';
import type { Member, Page } from '@bia/model';
import { contracts } from '@bia/chaincode';
import { TransactionFailedError, compositeKey } from '../../../fixtures/chaincode-harness';
import type { TestIdentities, TestIdentity } from '../../../fixtures/identities';
import { Association, application, createIdentities, expectRefusal, uniqueId } from '../membership/association';

const encode = (key: string | Buffer): string => Buffer.from(key).toString('base64url');

describe('listing bookmarks', function () {
    this.timeout(60_000);
    let identities: TestIdentities;
    let association: Association;
    let reader: TestIdentity;

    before(async () => {
        identities = await createIdentities();
        association = await Association.bootstrapped(identities);
        reader = await association.stranger('CarrierMSP');
        for (const kind of ['university', 'enterprise'] as const) {
            const memberId = uniqueId('applicant');
            await association.submit(
                'membership:Apply',
                [JSON.stringify(application(memberId, 'HealthcoMSP', { kind }))],
                { as: await association.identities.client('HealthcoMSP', uniqueId('applicant')) },
            );
        }
    });

    const members = (query: object) =>
        association.evaluate('membership:QueryMembers', [JSON.stringify(query)], { as: reader });

    it("is refused when it is another query's bookmark", async () => {
        const active = (await members({ status: 'active', pageSize: 1 })).json<Page<Member>>();
        expect(active.bookmark).to.match(/^[A-Za-z0-9_-]+$/);

        await expectRefusal(members({ status: 'applied', bookmark: active.bookmark }), 'VALIDATION', {
            field: 'query.bookmark',
            text: 'outside',
        });
        await expectRefusal(members({ kind: 'enterprise', bookmark: active.bookmark }), 'VALIDATION', {
            field: 'query.bookmark',
        });
        await expectRefusal(members({ bookmark: active.bookmark }), 'VALIDATION', { field: 'query.bookmark' });
        await expectRefusal(
            association.evaluate('scenarios:QueryScenarios', [JSON.stringify({ bookmark: active.bookmark })], {
                as: reader,
            }),
            'VALIDATION',
            { field: 'query.bookmark' },
        );
    });

    const forged: readonly (readonly [string, string])[] = [
        ['not base64url', 'abc+/=='],
        ['non-canonical base64url (trailing bits set)', 'QR'],
        ['a simple key', encode('charter')],
        ['the charter record key', encode(compositeKey('charter', []))],
        ['the partial key itself (before the first entry)', encode(compositeKey('member-status-kind', ['active']))],
        ['a key of another index', encode(compositeKey('member-kind', ['enterprise', 'zzz']))],
        ['a key of a record type', encode(compositeKey('member', ['zzz']))],
        ['a key of a retired index', encode(compositeKey('member-status', ['active', 'zzz']))],
        ['a key with another status', encode(compositeKey('member-status-kind', ['applied', 'enterprise', 'a']))],
        ['a key with an attribute too many', encode(compositeKey('member-status-kind', ['active', 'a', 'b', 'c']))],
        ['a key with an empty attribute', encode(compositeKey('member-status-kind', ['active', '', 'a']))],
        [
            'a key without its last separator',
            encode(compositeKey('member-status-kind', ['active', 'a', 'b']).slice(0, -1)),
        ],
        ['bytes that are not UTF-8', encode(Buffer.from([0, 0x6d, 0xff, 0xfe, 0]))],
        ['a key past the range end', encode(`${compositeKey('member-status-kind', ['active'])}\u{10ffff}`)],
        ['an oversized bookmark', 'A'.repeat(5000)],
        ['an empty-looking padded string', '===='],
    ];
    for (const [what, bookmark] of forged) {
        it(`refuses ${what}`, async () => {
            await expectRefusal(members({ status: 'active', bookmark }), 'VALIDATION', { field: 'query.bookmark' });
        });
    }

    it('refuses forged bookmarks on the deals and shipments listings too', async () => {
        const evaluate = (fcn: string, query: object) =>
            association.ledger.evaluate(contracts, fcn, [JSON.stringify(query)], { as: reader });
        const memberKey = encode(compositeKey('member', [association.ids.carrier]));
        await expectRefusal(evaluate('deals:QueryDeals', { bookmark: memberKey }), 'VALIDATION', {
            field: 'query.bookmark',
        });
        await expectRefusal(
            evaluate('shipments:QueryShipments', {
                status: 'created',
                bookmark: encode(compositeKey('deal-kind', ['service', 'd'])),
            }),
            'VALIDATION',
            { field: 'query.bookmark' },
        );
    });

    it('accepts a key inside the range as a start position, and lists only matching records from it', async () => {
        const { carrier, healthco } = association.ids;
        const start = encode(compositeKey('member-status-kind', ['active', 'enterprise', '']));
        await expectRefusal(members({ status: 'active', bookmark: start }), 'VALIDATION', { field: 'query.bookmark' });

        // Entries are ordered by kind after the status: starting at government bodies skips the enterprises.
        const fromGovernment = encode(compositeKey('member-status-kind', ['active', 'government-body', '0']));
        const page = (await members({ status: 'active', bookmark: fromGovernment })).json<Page<Member>>();

        const { centres, secretariat } = association.ids;
        expect(page.records.map((m) => m.memberId)).to.have.members([centres, secretariat]);
        expect(page.records.map((m) => m.memberId)).to.not.include.members([carrier, healthco]);
        expect(page.records.every((m) => m.status === 'active')).to.equal(true);
    });

    it('either refuses an arbitrary key or lists only records that match the filters (property)', async () => {
        const objectTypes = ['member-status-kind', 'member-kind', 'member', 'member-sector-status-kind', 'x'];
        const attribute = fc.oneof(
            fc.constantFrom('active', 'applied', 'enterprise', 'university', 'healthcare', ''),
            fc.string({ maxLength: 6 }),
        );
        await fc.assert(
            fc.asyncProperty(
                fc.constantFrom(...objectTypes),
                fc.array(attribute, { maxLength: 4 }),
                fc.constantFrom('active', 'applied'),
                async (objectType, attributes, status) => {
                    const key = `\u0000${[objectType, ...attributes].join('\u0000')}\u0000`;
                    try {
                        const result = await members({ status, kind: 'enterprise', bookmark: encode(key) });
                        const page = result.json<Page<Member>>();
                        expect(page.records.every((m) => m.status === status && m.kind === 'enterprise')).to.equal(
                            true,
                        );
                        expect([objectType, ...attributes.slice(0, 2)]).to.deep.equal([
                            'member-status-kind',
                            status,
                            'enterprise',
                        ]);
                    } catch (error) {
                        if (!(error instanceof TransactionFailedError)) {
                            throw error;
                        }
                        expect(error.message).to.match(/"code":"VALIDATION"/);
                        expect(error.message).to.include('"field":"query.bookmark"');
                    }
                },
            ),
            { numRuns: 60 },
        );
    });
});

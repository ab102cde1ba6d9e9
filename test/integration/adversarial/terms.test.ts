// Confidential deal terms reach only the parties. Every other identity of a party's MSP — its admin, an identity
// bound to no member, an operator of another member the same MSP hosts (the secretariat's MSP hosts every member that
// runs no peer) — asks its own peer, which holds the terms in its collection, and is refused with UNAUTHORIZED.
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import type { DealTerms, IdentityInfo } from '@bia/model';
import { type Adversary, adversary, closeAdversary } from '../support/adversary';
import type { Organization } from '../support/association';
import type { RawConnection } from '../support/raw-gateway';

after(closeAdversary);

const partyOrganizations: readonly Organization[] = ['healthco', 'secretariat'];

describe('adversarial: terms access by non-party identities of a party’s MSP', function () {
    this.timeout(180_000);
    let adv: Adversary;

    before(async function () {
        this.timeout(300_000);
        adv = await adversary();
    });

    for (const org of partyOrganizations) {
        describe(`a deal between ${org}'s member and carrier's`, function () {
            let dealId: string;
            let terms: DealTerms;
            const outsiders = new Map<string, RawConnection>();

            before(async function () {
                this.timeout(120_000);
                terms = { text: `Secret rate for ${org}: 7 EUR per box`, salt: randomBytes(16).toString('hex') };
                const party = await adv.run.operator(org);
                ({ dealId } = await party.deals.draft(
                    {
                        dealId: adv.run.id('deal'),
                        kind: 'service',
                        title: 'Adversarial suite deal',
                        summary: 'Terms only the parties may read',
                        partyMemberIds: [adv.run.members[org], adv.run.members.carrier],
                    },
                    terms,
                ));
                // The party's own operator reads the terms from the same peer: they are there to be leaked.
                expect(await adv.as(org, 'User1').evaluateJson('deals:GetDealTerms', [dealId])).to.include({
                    text: terms.text,
                });

                outsiders.set(`${org}'s admin`, adv.as(org, 'Admin'));
                outsiders.set(
                    `an identity of ${org} bound to no member`,
                    await adv.craftClient(org, { CN: [`unbound-${adv.run.runId}`] }),
                );
                // Applying binds the applicant: this identity acts for another member the same MSP hosts.
                const sibling = await adv.craftClient(org, { CN: [`sibling-${adv.run.runId}`] });
                const siblingId = adv.run.id(`sibling-${org}`);
                await sibling.submit('membership:Apply', {
                    // Its own sector keeps it out of the association suite's listings of the run's sector.
                    arguments: [
                        JSON.stringify({
                            ...adv.run.application(org, siblingId),
                            sectors: [`adversarial-${adv.run.runId}`],
                        }),
                    ],
                });
                expect(await sibling.evaluateJson<IdentityInfo>('membership:WhoAmI')).to.include({
                    memberId: siblingId,
                });
                outsiders.set(`the operator of another member ${org} hosts`, sibling);
            });

            for (const outsider of [
                `${org}'s admin`,
                `an identity of ${org} bound to no member`,
                `the operator of another member ${org} hosts`,
            ]) {
                it(`GetDealTerms by ${outsider}: UNAUTHORIZED, nothing leaked`, async () => {
                    const identity = outsiders.get(outsider);
                    if (identity === undefined) {
                        throw new Error(`no connection for ${outsider}`);
                    }
                    const { refusal } = await adv.refusedWithoutEffect({
                        attempt: () => identity.evaluate('deals:GetDealTerms', [dealId]),
                        code: 'UNAUTHORIZED',
                        records: [{ name: 'deals:GetDeal', args: [dealId] }],
                    });
                    expect(refusal.texts.join('\n')).to.not.include(terms.text);
                });

                it(`VerifyTerms by ${outsider}: UNAUTHORIZED, no answer about the terms`, async () => {
                    const identity = outsiders.get(outsider);
                    if (identity === undefined) {
                        throw new Error(`no connection for ${outsider}`);
                    }
                    const { refusal } = await adv.refusedWithoutEffect({
                        attempt: () =>
                            identity.evaluate('deals:VerifyTerms', [dealId], { terms: JSON.stringify(terms) }),
                        code: 'UNAUTHORIZED',
                        records: [{ name: 'deals:GetDeal', args: [dealId] }],
                    });
                    expect(refusal.texts.join('\n')).to.not.include(terms.text);
                });
            }
        });
    }
});

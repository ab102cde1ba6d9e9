// The race for the charter: only the secretariat's admins may bootstrap the association (the deployment fixes
// which organisation that is), so another organisation's admin, a client of the secretariat, or a client whose
// certificate merely prints like an admin's is refused with UNAUTHORIZED — before the rightful bootstrap, on an
// instance of the chaincode nobody has bootstrapped, and after it, on the association the suite shares.
import { expect } from 'chai';
import type { BootstrapRequest } from '@bia/model';
import { type Adversary, EffectCheck, adversary, closeAdversary } from '../support/adversary';
import type { Organization } from '../support/association';
import { type RawConnection, rawConnect } from '../support/raw-gateway';
import { clientSubject, organizationCa } from '../support/crafted-identities';
import { validWrites } from '../support/ledger-watch';
import {
    type UnbootstrappedChaincode,
    openUnbootstrappedChaincode,
    unbootstrappedChaincodeVariable,
} from '../support/unbootstrapped-chaincode';

after(closeAdversary);

const rivals: readonly Organization[] = ['healthco', 'healthcentres', 'carrier'];
const mspIds: Readonly<Record<Organization, string>> = {
    secretariat: 'SecretariatMSP',
    healthco: 'HealthcoMSP',
    healthcentres: 'HealthCentresMSP',
    carrier: 'CarrierMSP',
};

describe('adversarial: bootstrap by the wrong organisation', function () {
    this.timeout(180_000);
    let adv: Adversary;

    before(async function () {
        this.timeout(300_000);
        adv = await adversary();
    });

    /** A bootstrap that would make `org` the secretariat, with one founding member it hosts. */
    function takeover(org: Organization, memberId: string): BootstrapRequest {
        return {
            charter: {
                name: `Charter taken by ${org} (${adv.run.runId})`,
                quorumPercent: 1,
                approvalPercent: 1,
                votingWindowSeconds: 60,
                maxRunningPilots: 100,
            },
            foundingMembers: [{ ...adv.run.application('secretariat', memberId), hostMspId: mspIds[org] }],
        };
    }

    describe('before the rightful bootstrap', function () {
        let fresh: UnbootstrappedChaincode | undefined;
        let check: EffectCheck;
        const connections: RawConnection[] = [];

        before(async function () {
            this.timeout(300_000);
            fresh = await openUnbootstrappedChaincode(adv.run.network);
            if (fresh === undefined) {
                console.warn(
                    `    skipped: ${unbootstrappedChaincodeVariable} names no unbootstrapped chaincode on this network ` +
                        '(test/fabric/run.sh deploys one)',
                );
                this.skip();
            }
            check = new EffectCheck(connect('secretariat', 'User1'));
            // This instance must really be unbootstrapped, or "before" would test nothing.
            const charter = await check.snapshot([{ name: 'membership:GetCharter' }]);
            expect(charter, `the charter of ${fresh.description}`).to.deep.equal([{ refused: 'NOT_FOUND' }]);
        });

        after(async () => {
            for (const connection of connections.splice(0)) {
                connection.close();
            }
            await fresh?.stop();
        });

        function connect(org: Organization, identity: string): RawConnection {
            if (fresh === undefined) {
                throw new Error('no unbootstrapped chaincode');
            }
            const connection = rawConnect(fresh.connectionFile(org), { identity, chaincode: fresh.chaincode });
            connections.push(connection);
            return connection;
        }

        for (const org of rivals) {
            it(`refuses ${org}'s admin with UNAUTHORIZED and writes no charter`, async () => {
                const memberId = adv.run.id(`usurper-${org}`);
                await check.refusedWithoutEffect({
                    attempt: () =>
                        connect(org, 'Admin').submit('membership:Bootstrap', {
                            arguments: [JSON.stringify(takeover(org, memberId))],
                        }),
                    code: 'UNAUTHORIZED',
                    records: [{ name: 'membership:GetCharter' }, { name: 'membership:GetMember', args: [memberId] }],
                });
            });
        }

        it("refuses a client of the secretariat's own MSP with UNAUTHORIZED", async () => {
            const memberId = adv.run.id('usurper-client');
            await check.refusedWithoutEffect({
                attempt: () =>
                    connect('secretariat', 'User1').submit('membership:Bootstrap', {
                        arguments: [JSON.stringify(takeover('secretariat', memberId))],
                    }),
                code: 'UNAUTHORIZED',
                records: [{ name: 'membership:GetCharter' }, { name: 'membership:GetMember', args: [memberId] }],
            });
        });

        it("refuses a secretariat client whose common name contains '/OU=admin' with UNAUTHORIZED", async () => {
            if (fresh === undefined) {
                throw new Error('no unbootstrapped chaincode');
            }
            const ca = await organizationCa(fresh.connectionFile('secretariat'));
            const credentials = await ca.issue(clientSubject({ CN: [`mallory-${adv.run.runId}/OU=admin`] }));
            const mallory = rawConnect(fresh.connectionFile('secretariat'), {
                identity: credentials,
                chaincode: fresh.chaincode,
            });
            connections.push(mallory);
            const memberId = adv.run.id('usurper-crafted');
            await check.refusedWithoutEffect({
                attempt: () =>
                    mallory.submit('membership:Bootstrap', {
                        arguments: [JSON.stringify(takeover('secretariat', memberId))],
                    }),
                code: 'UNAUTHORIZED',
                records: [{ name: 'membership:GetCharter' }, { name: 'membership:GetMember', args: [memberId] }],
            });
        });

        // The positive control: the refusals above are about who asks, not about bootstrap being impossible. Only
        // on the devnet, whose instance is thrown away: on Fabric the instance must stay unbootstrapped for the
        // suite's second run against the same network.
        it("lets the secretariat's admin bootstrap it (devnet only)", async function () {
            if (adv.run.network.kind !== 'devnet') {
                this.skip();
            }
            const memberId = adv.run.id('rightful');
            const mark = await check.watch.mark();
            await connect('secretariat', 'Admin').submit('membership:Bootstrap', {
                arguments: [JSON.stringify(takeover('secretariat', memberId))],
            });
            // The same watch that saw nothing after each refusal sees this bootstrap's writes.
            expect(validWrites(await check.watch.since(mark))).to.have.length(1);
            const charter = await check.reader.evaluateJson<{ secretariatMspId: string }>('membership:GetCharter');
            expect(charter.secretariatMspId).to.equal('SecretariatMSP');
        });
    });

    describe('after the rightful bootstrap', function () {
        for (const org of rivals) {
            it(`refuses ${org}'s admin with UNAUTHORIZED and leaves the charter as it was`, async () => {
                const memberId = adv.run.id(`usurper-${org}`);
                await adv.refusedWithoutEffect({
                    attempt: () =>
                        adv.as(org, 'Admin').submit('membership:Bootstrap', {
                            arguments: [JSON.stringify(takeover(org, memberId))],
                        }),
                    code: 'UNAUTHORIZED',
                    records: [
                        { name: 'membership:GetCharter' },
                        { name: 'membership:GetMember', args: [memberId] },
                        { name: 'membership:GetMember', args: [adv.run.members.secretariat] },
                    ],
                });
            });
        }
    });
});

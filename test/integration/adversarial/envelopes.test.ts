// Attacks on the transaction flow rather than on the chaincode's input: replaying a signed transaction, collecting
// fewer endorsements than a policy needs, and submitting a read-only query as a transaction. Fabric's validation
// refuses the first two at commit (DUPLICATE_TXID, ENDORSEMENT_POLICY_FAILURE) and the third writes nothing; the
// suite reads the verdicts from the peer's own blocks and checks the records did not move.
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import type { Deal } from '@bia/model';
import { type Adversary, type RecordRead, adversary, closeAdversary } from '../support/adversary';
import { type LedgerTransaction, validWrites, validationCodes } from '../support/ledger-watch';

after(closeAdversary);

describe('adversarial: replayed envelopes, short endorsements, read-only submissions', function () {
    this.timeout(180_000);
    let adv: Adversary;

    before(async function () {
        this.timeout(300_000);
        adv = await adversary();
    });

    const memberRecords = (): RecordRead[] => [
        { name: 'membership:GetMember', args: [adv.run.members.healthco] },
        { name: 'membership:GetMemberHistory', args: [adv.run.members.healthco] },
    ];

    /** A profile update of the run's healthco member that differs from every earlier one. */
    const profileUpdate = (): string[] => [
        adv.run.members.healthco,
        JSON.stringify({
            ...adv.run.profile(adv.run.members.healthco),
            website: `https://${randomBytes(4).toString('hex')}.healthco.example.org`,
        }),
    ];

    const only = (transactions: readonly LedgerTransaction[], txId: string): LedgerTransaction[] =>
        transactions.filter((tx) => tx.txId === txId);

    // The positive control of every "nothing was written" in the suite: the watch must see each block between its
    // marks, not only the first.
    it('the ledger watch sees every valid write committed between its marks', async () => {
        const operator = adv.as('healthco', 'User1');
        const mark = await adv.check.watch.mark();
        const txIds: string[] = [];
        for (let i = 0; i < 3; i++) {
            const transaction = await operator.contract
                .newProposal('membership:UpdateProfile', { arguments: profileUpdate() })
                .endorse();
            expect((await (await transaction.submit()).getStatus()).successful).to.equal(true);
            txIds.push(transaction.getTransactionId());
        }
        const added = await adv.check.watch.since(mark);
        expect(validWrites(added).map((tx) => tx.txId)).to.deep.equal(txIds);
        expect(new Set(added.map((tx) => tx.blockNumber)).size, 'blocks read').to.equal(3);
    });

    it('marks a replayed signed transaction DUPLICATE_TXID (9), through any gateway, with no second effect', async () => {
        const operator = adv.as('healthco', 'User1');
        const transaction = await operator.contract
            .newProposal('membership:UpdateProfile', { arguments: profileUpdate() })
            .endorse();
        const txId = transaction.getTransactionId();
        const firstMark = await adv.check.watch.mark();
        const first = await (await transaction.submit()).getStatus();
        expect(first.successful, `first submission, code ${String(first.code)}`).to.equal(true);
        // The watch sees the original's writes: its silence about the replays below means something.
        expect(validWrites(only(await adv.check.watch.since(firstMark), txId))).to.have.length(1);

        const before = await adv.check.snapshot(memberRecords());
        const mark = await adv.check.watch.mark();
        const bytes = transaction.getBytes();
        // The same signed bytes, resubmitted through the signer's own gateway and through another organisation's.
        for (const gateway of [operator.gateway, adv.as('carrier', 'User1').gateway]) {
            const replay = gateway.newTransaction(bytes);
            expect(replay.getTransactionId()).to.equal(txId);
            await replay.submit();
        }
        const added = await adv.check.watch.since(mark, (found) => only(found, txId).length >= 2);
        expect(only(added, txId).map((tx) => tx.validationCode)).to.deep.equal([
            validationCodes.DUPLICATE_TXID,
            validationCodes.DUPLICATE_TXID,
        ]);
        expect(validWrites(added), 'valid transactions with writes after the replays').to.deep.equal([]);
        expect(await adv.check.snapshot(memberRecords())).to.deep.equal(before);
    });

    it('fails a change endorsed by one organisation only at commit (ENDORSEMENT_POLICY_FAILURE, 10), writing nothing', async () => {
        const operator = adv.as('healthco', 'User1');
        const before = await adv.check.snapshot(memberRecords());
        const mark = await adv.check.watch.mark();
        const transaction = await operator.contract
            .newProposal('membership:UpdateProfile', {
                arguments: profileUpdate(),
                endorsingOrganizations: ['HealthcoMSP'],
            })
            .endorse();
        const status = await (await transaction.submit()).getStatus();
        expect(status.code).to.equal(validationCodes.ENDORSEMENT_POLICY_FAILURE);
        expect(status.successful).to.equal(false);
        const added = await adv.check.watch.since(mark);
        expect(only(added, transaction.getTransactionId()).map((tx) => tx.validationCode)).to.deep.equal([
            validationCodes.ENDORSEMENT_POLICY_FAILURE,
        ]);
        expect(validWrites(added)).to.deep.equal([]);
        expect(await adv.check.snapshot(memberRecords())).to.deep.equal(before);
    });

    it("fails a deal signature without the other party's organisation at commit (key-level policy: 10), writing nothing", async () => {
        const healthco = await adv.run.operator('healthco');
        const deal: Deal = await healthco.deals.draft(
            {
                dealId: adv.run.id('deal'),
                kind: 'service',
                title: 'Signed behind the carrier’s back',
                summary: 'Two organisations endorse, but not the other party’s',
                partyMemberIds: [adv.run.members.healthco, adv.run.members.carrier],
            },
            { text: 'Terms', salt: randomBytes(16).toString('hex') },
        );
        const records: RecordRead[] = [{ name: 'deals:GetDeal', args: [deal.dealId] }];
        const before = await adv.check.snapshot(records);
        const mark = await adv.check.watch.mark();
        // Healthco and the secretariat satisfy the chaincode's two-organisation policy, not the deal key's.
        const transaction = await adv
            .as('healthco', 'User1')
            .contract.newProposal('deals:SignDeal', {
                arguments: [deal.dealId, deal.termsHash],
                endorsingOrganizations: ['HealthcoMSP', 'SecretariatMSP'],
            })
            .endorse();
        const status = await (await transaction.submit()).getStatus();
        expect(status.code).to.equal(validationCodes.ENDORSEMENT_POLICY_FAILURE);
        const added = await adv.check.watch.since(mark);
        expect(only(added, transaction.getTransactionId()).map((tx) => tx.validationCode)).to.deep.equal([
            validationCodes.ENDORSEMENT_POLICY_FAILURE,
        ]);
        expect(validWrites(added)).to.deep.equal([]);
        expect(await adv.check.snapshot(records)).to.deep.equal(before);
    });

    for (const [name, args] of [
        ['membership:GetMember', (run: Adversary['run']) => [run.members.healthco]],
        ['membership:GetCharter', () => []],
        ['membership:QueryMembers', (run: Adversary['run']) => [JSON.stringify({ sector: run.sector, pageSize: 5 })]],
    ] as const) {
        it(`commits a submitted read-only query (${name}) as a valid transaction with no writes`, async () => {
            const records: RecordRead[] = [{ name, args: args(adv.run) }, ...memberRecords()];
            const before = await adv.check.snapshot(records);
            const mark = await adv.check.watch.mark();
            const transaction = await adv
                .as('carrier', 'User1')
                .contract.newProposal(name, { arguments: args(adv.run) })
                .endorse();
            const status = await (await transaction.submit()).getStatus();
            const added = await adv.check.watch.since(mark);
            const committed = only(added, transaction.getTransactionId());
            expect(status.code, 'its validation code').to.equal(validationCodes.VALID);
            expect(committed.map((tx) => [tx.validationCode, tx.writes])).to.deep.equal([[validationCodes.VALID, []]]);
            expect(validWrites(added)).to.deep.equal([]);
            expect(await adv.check.snapshot(records)).to.deep.equal(before);
        });
    }
});

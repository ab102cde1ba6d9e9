// What the client library does beyond single calls, on a real ledger: re-proposing a transaction that lost a
// read conflict to a concurrent one, and an event listener resuming from its checkpoint file after a restart.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { type AssociationClient, type AssociationEvent, type Motion } from '@bia/client';
import { type Association, association, closeAssociation, waitFor } from '../support/association';

use(chaiAsPromised);

after(closeAssociation);

describe('client library retries and event resumption', function () {
    this.timeout(120_000);
    let run: Association;
    let lead: AssociationClient;

    before(async function () {
        this.timeout(180_000);
        run = await association();
        lead = await run.operator('secretariat');
    });

    // Consents to two members' requests each rewrite the one scenario record. Sent at once, they are endorsed on
    // the same version of it; the first to commit wins and the other fails MVCC_READ_CONFLICT, which the client
    // re-proposes. A round where timing serialised them is repeated (bounded), so the test cannot pass vacuously.
    // Two writers, not more: with three, a re-proposal can be endorsed by one organisation before and by the other
    // after a commit, which the gateway refuses ("ProposalResponsePayloads do not match") and the client does not
    // retry.
    it('re-proposes a transaction that lost an MVCC read conflict, and all of them take effect', async () => {
        const joiners = [run.members.healthco, run.members.carrier];
        const clients = await Promise.all((['healthco', 'carrier'] as const).map((o) => run.operator(o)));
        const proposed = await lead.scenarios.propose({
            scenarioId: run.id('busy'),
            title: 'Shared telemetry platform',
            sector: run.sector,
            problem: 'Each member runs its own telemetry',
            expectedOutcome: 'One shared platform',
            leadMemberId: run.members.secretariat,
            plannedParticipants: [],
            plannedStart: '2027-03-01',
            plannedEnd: '2027-09-30',
        });
        const scenarioId = proposed.scenarioId;
        const before = run.retries.length;
        const conflictRetries = (): number =>
            run.retries
                .slice(before)
                .filter((r) => r.transaction === 'ConsentToParticipation' && r.reason === 'MVCC_READ_CONFLICT').length;

        for (let round = 1; round <= 4 && conflictRetries() === 0; round++) {
            for (const action of ['join', 'leave'] as const) {
                await Promise.all(clients.map((client) => client.scenarios.requestParticipation(scenarioId, action)));
                await Promise.all(
                    joiners.map((memberId) => lead.scenarios.consentToParticipation(scenarioId, memberId)),
                );

                const { scenario, pendingRequests } = await lead.scenarios.get(scenarioId);
                const expected = action === 'join' ? [run.members.secretariat, ...joiners] : [run.members.secretariat];
                expect(scenario.participants).to.have.members(expected);
                expect(pendingRequests).to.deep.equal([]);
            }
        }

        expect(conflictRetries(), 'MVCC_READ_CONFLICT retries of ConsentToParticipation').to.be.greaterThan(0);
        const retried = run.retries.slice(before).find((r) => r.transaction === 'ConsentToParticipation');
        expect(retried).to.include({ contract: 'scenarios', attempt: 1, validationCode: 11 });
    });

    // Delivery is at least once: the listener checkpoints an event after its handler returns, so a crash inside a
    // handler replays that event. A clean close, as here, replays nothing: the reopened listener gets exactly the
    // events it missed.
    it('resumes an event listener from its checkpoint file after a restart, with exactly the missed events', async () => {
        const folder = await mkdtemp(join(tmpdir(), 'bia-checkpoint-'));
        const checkpointFile = join(folder, 'events.checkpoint');
        const listener = await run.operator('healthco');
        const prefix = run.id('evt');
        const mine = (event: AssociationEvent): boolean =>
            event.name === 'MotionOpened' && event.payload.motionId.startsWith(prefix);
        const propose = (n: number): Promise<Motion> =>
            lead.membership.proposeMotion({
                motionId: `${prefix}-${String(n)}`,
                kind: 'amend-charter',
                subjectId: 'charter',
                reason: 'event resumption test (left open)',
                charterTerms: run.charterTerms(),
            });
        try {
            const first: AssociationEvent[] = [];
            const subscription = await listener.listen(
                (event) => {
                    if (mine(event)) {
                        first.push(event);
                    }
                },
                {
                    checkpointFile,
                },
            );
            const opened = await propose(1);
            await waitFor(() => first.length === 1, 'the first event');
            await subscription.close();

            const missed = [await propose(2), await propose(3)];

            const resumed: AssociationEvent[] = [];
            const reopened = await listener.listen(
                (event) => {
                    if (mine(event)) {
                        resumed.push(event);
                    }
                },
                {
                    checkpointFile,
                },
            );
            await waitFor(() => resumed.length >= 2, 'the missed events');
            const later = await propose(4);
            await waitFor(() => resumed.length >= 3, 'an event after the restart');
            await reopened.close();

            expect(first.map((e) => e.transactionId)).to.deep.equal([opened.proposed.txId]);
            expect(resumed.map((e) => e.transactionId)).to.deep.equal(
                [...missed, later].map((motion) => motion.proposed.txId),
            );
            expect(resumed.map((e) => e.name === 'MotionOpened' && e.payload.motionId)).to.deep.equal([
                `${prefix}-2`,
                `${prefix}-3`,
                `${prefix}-4`,
            ]);
        } finally {
            await rm(folder, { recursive: true, force: true });
        }
    });
});

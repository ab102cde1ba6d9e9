import { expect, use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import * as sinon from 'sinon';
import { CommitError, CommitStatusError, EndorseError, SubmitError, validationCodes } from '../../../client/src/errors';
import { type RetryNotice, type SubmitRequest, TransactionInvoker } from '../../../client/src/transactions/invoker';
import type { CommitStatus, Endorsed, GatewayPort, Submitted } from '../../../client/src/transactions/port';

use(chaiAsPromised);

const request: SubmitRequest = {
    contract: 'shipments',
    transaction: 'RecordCheckpoint',
    args: ['{}'],
    retryOnConflict: true,
};

function status(code: number, blockNumber = 7n): CommitStatus {
    return { code, successful: code === validationCodes.VALID, blockNumber };
}

function endorsed(transactionId: string, statuses: (() => Promise<CommitStatus>)[], submitFailures = 0): Endorsed {
    let submits = 0;
    let queries = 0;
    const submitted: Submitted = {
        transactionId,
        status: () => {
            const next = statuses[Math.min(queries++, statuses.length - 1)];
            return next ? next() : Promise.reject(new Error('no status'));
        },
    };
    return {
        transactionId,
        result: Buffer.from(`"${transactionId}"`),
        submit: () =>
            submits++ < submitFailures
                ? Promise.reject(new SubmitError({ message: 'orderer unavailable', transactionId, code: 14 }))
                : Promise.resolve(submitted),
    };
}

describe('TransactionInvoker', () => {
    const sandbox = sinon.createSandbox();
    let port: sinon.SinonStubbedInstance<GatewayPort>;
    let sleep: sinon.SinonStub<[number], Promise<void>>;

    beforeEach(() => {
        port = { evaluate: sandbox.stub(), endorse: sandbox.stub() };
        sleep = sandbox.stub<[number], Promise<void>>().resolves();
    });
    afterEach(() => {
        sandbox.restore();
    });

    function invoker(): TransactionInvoker {
        return new TransactionInvoker(port, { sleep, random: () => 0.5 });
    }

    it('returns the result, transaction ID and block of a valid commit', async () => {
        port.endorse.resolves(endorsed('tx1', [() => Promise.resolve(status(0, 12n))]));

        const result = await invoker().submit(request);

        expect(result).to.include({ transactionId: 'tx1', blockNumber: 12n, attempts: 1 });
        expect(Buffer.from(result.result).toString()).to.equal('"tx1"');
    });

    for (const code of [validationCodes.MVCC_READ_CONFLICT, validationCodes.PHANTOM_READ_CONFLICT]) {
        it(`re-proposes with a new transaction after validation code ${code}, with backoff`, async () => {
            port.endorse
                .onFirstCall()
                .resolves(endorsed('tx1', [() => Promise.resolve(status(code))]))
                .onSecondCall()
                .resolves(endorsed('tx2', [() => Promise.resolve(status(0))]));

            const result = await invoker().submit(request);

            expect(result).to.include({ transactionId: 'tx2', attempts: 2 });
            expect(port.endorse.callCount).to.equal(2);
            expect(sleep.callCount).to.equal(1);
        });
    }

    it('gives up after the bounded number of attempts with a CommitError naming the code', async () => {
        port.endorse.callsFake(() => Promise.resolve(endorsed('tx', [() => Promise.resolve(status(11))])));

        const failure = invoker().submit(request);

        await expect(failure)
            .to.be.rejectedWith(CommitError, /failed to commit: MVCC_READ_CONFLICT \(gave up after 5 proposals\)/)
            .and.eventually.include({ code: validationCodes.MVCC_READ_CONFLICT, codeName: 'MVCC_READ_CONFLICT' });
        expect(port.endorse.callCount).to.equal(5);
        // Backoff between proposals, jittered below a doubling ceiling: 50, 100, 200, 400 ms at random 0.5.
        expect(sleep.args.map(([ms]) => ms)).to.deep.equal([25, 50, 100, 200]);
    });

    it('does not re-propose a transaction that is not safe to retry', async () => {
        port.endorse.resolves(endorsed('tx1', [() => Promise.resolve(status(11))]));

        await expect(invoker().submit({ ...request, retryOnConflict: false })).to.be.rejectedWith(CommitError);
        expect(port.endorse.callCount).to.equal(1);
    });

    it('never re-proposes after other validation codes', async () => {
        port.endorse.resolves(endorsed('tx1', [() => Promise.resolve(status(10))]));

        const failure = invoker().submit(request);

        await expect(failure).to.be.rejected.and.eventually.include({
            code: validationCodes.ENDORSEMENT_POLICY_FAILURE,
            codeName: 'ENDORSEMENT_POLICY_FAILURE',
            transactionId: 'tx1',
        });
        expect(port.endorse.callCount).to.equal(1);
    });

    it('gives up resending a transaction the orderer keeps refusing, saying how often it tried', async () => {
        port.endorse.resolves(endorsed('tx1', [() => Promise.resolve(status(0))], 10));

        await expect(invoker().submit(request))
            .to.be.rejectedWith(SubmitError, /orderer unavailable \(gave up after 3 attempts\)/)
            .and.eventually.include({ transactionId: 'tx1', code: 14 });
        expect(port.endorse.callCount).to.equal(1);
    });

    it('resends the same signed transaction after a submit failure', async () => {
        port.endorse.resolves(endorsed('tx1', [() => Promise.resolve(status(0))], 2));

        const result = await invoker().submit(request);

        expect(result.transactionId).to.equal('tx1');
        expect(port.endorse.callCount).to.equal(1);
    });

    it('asks for an unknown commit status again instead of re-proposing', async () => {
        const unknown = (): Promise<CommitStatus> =>
            Promise.reject(new CommitStatusError({ message: 'deadline exceeded', transactionId: 'tx1', code: 4 }));
        port.endorse.resolves(endorsed('tx1', [unknown, () => Promise.resolve(status(0, 3n))]));

        const result = await invoker().submit(request);

        expect(result).to.include({ transactionId: 'tx1', blockNumber: 3n });
        expect(port.endorse.callCount).to.equal(1);
    });

    it('surfaces a commit status that stays unknown, still with its transaction ID', async () => {
        const unknown = (): Promise<CommitStatus> =>
            Promise.reject(new CommitStatusError({ message: 'deadline exceeded', transactionId: 'tx1', code: 4 }));
        port.endorse.resolves(endorsed('tx1', [unknown]));

        const failure = invoker().submit(request);

        await expect(failure)
            .to.be.rejectedWith(CommitStatusError, /deadline exceeded \(gave up after 3 attempts\)/)
            .and.eventually.include({ transactionId: 'tx1', code: 4 });
        expect(await failure.catch((error: unknown) => error))
            .to.have.property('cause')
            .that.is.instanceOf(CommitStatusError);
        expect(port.endorse.callCount).to.equal(1);
    });

    describe('when endorsements disagree', () => {
        const mismatch = (): EndorseError =>
            new EndorseError({
                message: 'endorse failed for transaction tx0: failed to collect enough transaction endorsements',
                transactionId: 'tx0',
                code: 10,
                details: [
                    {
                        address: 'peer0:9051',
                        mspId: 'HealthCentresMSP',
                        message: 'ProposalResponsePayloads do not match',
                    },
                ],
            });

        it('re-proposes and tells the onRetry hook why', async () => {
            const notices: RetryNotice[] = [];
            port.endorse.onFirstCall().rejects(mismatch());
            port.endorse.onSecondCall().resolves(endorsed('tx1', [() => Promise.resolve(status(0))]));

            const result = await new TransactionInvoker(port, {
                sleep,
                random: () => 0.5,
                onRetry: (n) => notices.push(n),
            }).submit(request);

            expect(result).to.include({ transactionId: 'tx1', attempts: 2 });
            expect(notices).to.deep.equal([
                {
                    contract: 'shipments',
                    transaction: 'RecordCheckpoint',
                    transactionId: 'tx0',
                    attempt: 1,
                    reason: 'ENDORSEMENT_MISMATCH',
                },
            ]);
        });

        it('gives up after the bounded number of proposals, naming the mismatch and the attempts', async () => {
            port.endorse.rejects(mismatch());

            const failure = invoker().submit(request);

            await expect(failure)
                .to.be.rejectedWith(EndorseError, /gave up after 5 proposals/)
                .and.eventually.have.nested.property('details[0].message', 'ProposalResponsePayloads do not match');
            expect(port.endorse.callCount).to.equal(5);
        });

        it('does not re-propose other endorsement failures', async () => {
            port.endorse.rejects(new EndorseError({ message: 'no peers available', transactionId: 'tx0', code: 10 }));

            await expect(invoker().submit(request)).to.be.rejectedWith(EndorseError, /no peers/);
            expect(port.endorse.callCount).to.equal(1);
        });

        it('does not re-propose a mismatch for a transaction that is not safe to retry', async () => {
            port.endorse.rejects(mismatch());

            await expect(invoker().submit({ ...request, retryOnConflict: false })).to.be.rejectedWith(EndorseError);
            expect(port.endorse.callCount).to.equal(1);
        });
    });

    it('reports each read-conflict retry with its validation code', async () => {
        const notices: RetryNotice[] = [];
        port.endorse
            .onFirstCall()
            .resolves(endorsed('tx1', [() => Promise.resolve(status(12))]))
            .onSecondCall()
            .resolves(endorsed('tx2', [() => Promise.resolve(status(0))]));

        await new TransactionInvoker(port, { sleep, random: () => 0.5, onRetry: (n) => notices.push(n) }).submit(
            request,
        );

        expect(notices).to.have.length(1);
        expect(notices[0]).to.include({ transactionId: 'tx1', reason: 'PHANTOM_READ_CONFLICT', validationCode: 12 });
    });
});

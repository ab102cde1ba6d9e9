import { expect } from 'chai';
import * as sinon from 'sinon';
import type { ConnectOptions } from '../../../../client/src/connection/connect';
import { ConnectionProfileError } from '../../../../client/src/connection/profile';
import {
    BiaError,
    CommitError,
    EndorseError,
    GatewayError,
    NotFoundError,
    SubmitError,
} from '../../../../client/src/errors';
import { type CliEnvironment, runCli } from '../../../../client/src/cli/run';
import type { CliConfig } from '../../../../client/src/cli/config';
import { exitCodeFor, exitCodes } from '../../../../client/src/cli/exit-codes';
import { UsageError } from '../../../../client/src/cli/arguments';
import { type FakeClient, fakeClient } from './fake-client';

const notFound = new NotFoundError({
    message: 'NOT_FOUND: no member univ-9',
    stage: 'evaluate',
    transactionId: 'tx1',
    code: 'NOT_FOUND',
    reason: 'no member univ-9',
    details: { memberId: 'univ-9' },
});

describe('biactl runner', () => {
    const sandbox = sinon.createSandbox();
    let client: FakeClient;
    let connect: sinon.SinonStub<[Readonly<ConnectOptions>], Promise<FakeClient>>;
    let readFile: sinon.SinonStub<[string], Promise<string>>;
    let listFiles: sinon.SinonStub<[string], Promise<readonly string[]>>;
    let out: string[];
    let err: string[];
    let config: CliConfig;

    function environment(): CliEnvironment {
        return {
            connect,
            readFile,
            listFiles,
            config,
            stdout: (text) => out.push(text),
            stderr: (text) => err.push(text),
        };
    }

    beforeEach(() => {
        client = fakeClient(sandbox);
        connect = sandbox.stub<[Readonly<ConnectOptions>], Promise<FakeClient>>().resolves(client);
        readFile = sandbox.stub<[string], Promise<string>>().rejects(new Error('ENOENT'));
        listFiles = sandbox
            .stub<[string], Promise<readonly string[]>>()
            .resolves(['healthco.json', 'carrier.json', 'x.json', 'README.md']);
        out = [];
        err = [];
        config = {
            org: undefined,
            connections: { dir: '/repo/network/generated/connections', from: 'the repository /repo' },
            columns: 80,
            version: '9.8.7',
        };
    });

    afterEach(() => {
        sandbox.restore();
    });

    it('connects as the organisation and identity named, prints the result, exits 0 and closes', async () => {
        client.membership.getMember.resolves({ memberId: 'healthco', status: 'active' } as never);

        const code = await runCli(
            ['membership', 'get-member', 'healthco', '--org', 'healthco', '--connections', '/c', '--identity', 'User2'],
            environment(),
        );

        expect(code).to.equal(exitCodes.ok);
        sinon.assert.calledOnceWithExactly(connect, { connectionFile: '/c/healthco.json', identity: 'User2' });
        expect(client.membership.getMember.args).to.deep.equal([['healthco']]);
        expect(out.join('')).to.match(/memberId\s+healthco/);
        sinon.assert.calledOnce(client.close);
    });

    it('takes the organisation and the connections folder from the configuration when not given', async () => {
        config = { ...config, org: 'carrier', connections: { dir: '/devnet/connections', from: 'BIA_CONNECTIONS' } };
        client.membership.whoAmI.resolves({ identityId: 'id1', mspId: 'CarrierMSP' });

        expect(await runCli(['membership', 'whoami', '--json'], environment())).to.equal(exitCodes.ok);
        sinon.assert.calledOnceWithExactly(connect, { connectionFile: '/devnet/connections/carrier.json' });
        expect(JSON.parse(out.join(''))).to.deep.equal({ identityId: 'id1', mspId: 'CarrierMSP' });
    });

    it("defaults the connections folder to the configuration's", async () => {
        client.membership.getCharter.resolves({} as never);

        await runCli(['membership', 'charter', '--org', 'healthco'], environment());

        sinon.assert.calledOnceWithExactly(connect, {
            connectionFile: '/repo/network/generated/connections/healthco.json',
        });
    });

    it('prints the version and exits 0, without connecting', async () => {
        expect(await runCli(['--version'], environment())).to.equal(exitCodes.ok);
        expect(await runCli(['deals', 'get', 'D-1', '--version'], environment())).to.equal(exitCodes.ok);

        expect(out).to.deep.equal(['9.8.7\n', '9.8.7\n']);
        sinon.assert.notCalled(connect);
    });

    it('fits tables to the configured width', async () => {
        const records = [{ memberId: 'm1', legalName: 'L'.repeat(30), status: 'active', website: 'w'.repeat(30) }];
        client.membership.queryMembers.resolves({ records, bookmark: '', fetchedCount: 1 } as never);

        await runCli(['membership', 'query-members', '--org', 'x'], {
            ...environment(),
            config: { ...config, columns: 60 },
        });
        await runCli(['membership', 'query-members', '--org', 'x'], {
            ...environment(),
            config: { ...config, columns: 120 },
        });

        const [narrow = '', wide = ''] = out;
        expect(narrow).to.include('not shown: website');
        expect(wide).not.to.include('not shown');
        expect(
            Math.max(
                ...narrow
                    .trimEnd()
                    .split('\n')
                    .map((l) => l.length),
            ),
        ).to.be.at.most(60);
    });

    it('reads a --file document and passes it parsed', async () => {
        const reading = { shipmentId: 'S-1', readingId: 'r1', temperatureC: 4 };
        readFile.withArgs('reading.json').resolves(JSON.stringify(reading));
        client.shipments.recordCheckpoint.resolves({} as never);

        const code = await runCli(['shipments', 'checkpoint', '--file', 'reading.json', '--org', 'x'], environment());

        expect(code).to.equal(exitCodes.ok);
        expect(client.shipments.recordCheckpoint.args).to.deep.equal([[reading]]);
    });

    it('exits 2 without connecting on a usage error, a missing --org, or an unreadable or non-JSON file', async () => {
        readFile.withArgs('bad.json').resolves('{not json');

        expect(await runCli(['deals', 'sign', 'D-1', '--org', 'x'], environment())).to.equal(exitCodes.usage);
        expect(await runCli(['deals', 'get', 'D-1'], environment())).to.equal(exitCodes.usage);
        expect(await runCli(['shipments', 'create', '--file', 'gone.json', '--org', 'x'], environment())).to.equal(
            exitCodes.usage,
        );
        expect(await runCli(['shipments', 'create', '--file', 'bad.json', '--org', 'x'], environment())).to.equal(
            exitCodes.usage,
        );
        expect(await runCli([], environment())).to.equal(exitCodes.usage);

        sinon.assert.notCalled(connect);
        expect(err.join('')).to.include('missing option --terms-hash').and.include('--org').and.include('not JSON');
    });

    it('exits 2 naming the connection files there are when the organisation has none, without connecting', async () => {
        expect(await runCli(['deals', 'get', 'D-1', '--org', 'nope'], environment())).to.equal(exitCodes.usage);

        sinon.assert.notCalled(connect);
        expect(err.join('')).to.include(
            "no connection file for organisation 'nope' in /repo/network/generated/connections (from the repository " +
                '/repo); connection files there: carrier.json, healthco.json, x.json',
        );
    });

    it('exits 2 saying where the folder setting came from when the connections folder does not exist', async () => {
        listFiles.rejects(new Error('ENOENT'));

        expect(await runCli(['deals', 'get', 'D-1', '--org', 'x', '--connections', '/gone'], environment())).to.equal(
            exitCodes.usage,
        );
        expect(err.join('')).to.include('there is no connections folder /gone (from --connections)');
        sinon.assert.notCalled(connect);
    });

    it('exits 2 when the connection file is unreadable or incomplete', async () => {
        connect.rejects(new ConnectionProfileError('connection file /c/x.json has no mspId'));

        expect(await runCli(['deals', 'get', 'D-1', '--org', 'x'], environment())).to.equal(exitCodes.usage);
    });

    it('exits 3 on a chaincode refusal and says why, closing the connection', async () => {
        client.membership.getMember.rejects(notFound);

        const code = await runCli(['membership', 'get-member', 'univ-9', '--org', 'healthco'], environment());

        expect(code).to.equal(exitCodes.rejected);
        expect(err.join('')).to.include('refused (NOT_FOUND): no member univ-9').and.include('memberId: "univ-9"');
        expect(out).to.deep.equal([]);
        sinon.assert.calledOnce(client.close);
    });

    it('reports a failure as JSON on stderr with --json', async () => {
        client.membership.getMember.rejects(notFound);

        await runCli(['membership', 'get-member', 'univ-9', '--org', 'healthco', '--json'], environment());

        expect(JSON.parse(err.join(''))).to.deep.include({
            error: {
                name: 'NotFoundError',
                message: 'NOT_FOUND: no member univ-9',
                stage: 'evaluate',
                transactionId: 'tx1',
                code: 'NOT_FOUND',
                reason: 'no member univ-9',
                details: { memberId: 'univ-9' },
            },
        });
    });

    it('exits 4 when the network is unreachable and 1 on anything else', async () => {
        client.deals.get.onFirstCall().rejects(new GatewayError({ message: 'down', stage: 'evaluate', code: 14 }));
        client.deals.get.onSecondCall().rejects(new Error('surprise'));

        expect(await runCli(['deals', 'get', 'D-1', '--org', 'x'], environment())).to.equal(exitCodes.unreachable);
        expect(await runCli(['deals', 'get', 'D-1', '--org', 'x'], environment())).to.equal(exitCodes.failure);
        expect(err.join('')).to.include('error: surprise');
    });

    it('prints help on stdout and exits 0', async () => {
        expect(await runCli(['shipments', 'checkpoint', '--help'], environment())).to.equal(exitCodes.ok);
        expect(out.join('')).to.include('usage: biactl shipments checkpoint --file <reading.json>');
        sinon.assert.notCalled(connect);
    });
});

describe('biactl exit codes', () => {
    const commitError = (name: string, code: number): CommitError =>
        new CommitError({
            message: name,
            transactionId: 't',
            code,
            codeName: name,
            blockNumber: 3n,
        });

    it('tells usage errors, rejected transactions, unreachable networks and other failures apart', () => {
        expect(exitCodeFor(new UsageError('x'))).to.equal(2);
        expect(exitCodeFor(notFound)).to.equal(3);
        expect(exitCodeFor(commitError('ENDORSEMENT_POLICY_FAILURE', 10))).to.equal(3);
        expect(exitCodeFor(commitError('MVCC_READ_CONFLICT', 11))).to.equal(3);
        expect(exitCodeFor(new EndorseError({ message: 'x', transactionId: 't', code: 14 }))).to.equal(4);
        expect(exitCodeFor(new SubmitError({ message: 'orderer down', transactionId: 't', code: 14 }))).to.equal(4);
        expect(exitCodeFor(new GatewayError({ message: 'deadline', stage: 'evaluate', code: 4 }))).to.equal(4);
        expect(exitCodeFor(new SubmitError({ message: 'bad envelope', transactionId: 't', code: 3 }))).to.equal(1);
        expect(exitCodeFor(new BiaError({ message: 'other', stage: 'evaluate' }))).to.equal(1);
        expect(exitCodeFor(new TypeError('bug'))).to.equal(1);
    });

    it("counts a chaincode failure that is not the association's error format as rejected", () => {
        const details = [{ address: 'p:1', mspId: 'AMSP', message: 'chaincode response 500, Function X not found' }];

        expect(
            exitCodeFor(new EndorseError({ message: 'endorse failed', transactionId: 't', code: 10, details })),
        ).to.equal(3);
        expect(exitCodeFor(new EndorseError({ message: 'no peers available', transactionId: 't', code: 10 }))).to.equal(
            1,
        );
    });
});

// npm run test:faults (test/faults/run.sh): a real Fabric network of three Raft orderers and two healthco peers,
// under killed processes. Each case runs a stream of submits from every organisation while the fault happens, then
// checks the ledger against what the clients were told (support/ledger-audit.ts). The cases run in the issue's
// order on one network; each leaves it whole again (`scripts/bia network up` restarts what was stopped).
import { expect } from 'chai';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gateway as gatewayProtos } from '@hyperledger/fabric-protos';
import { type FailoverNotice, openPeerClient, readConnectionProfile } from '@bia/client';
import { rawConnect, type RawConnection } from '../integration/support/raw-gateway';
import { FaultNetwork, sleep, waitFor } from './support/fault-network';
import { audit, channelHeight, readBlocks, readLedger, validationCodeById } from './support/ledger-audit';
import { defaultStreamOptions, SubmitStream, type SubmitOutcome } from './support/submit-stream';

const generated = process.env.BIA_GENERATED ?? '';
const chaincode = process.env.BIA_FAULTS_CHAINCODE ?? 'faults';
const organizations = ['secretariat', 'healthco', 'healthcentres', 'carrier'] as const;
const runId = `faults-${randomUUID().slice(0, 8)}`;

const log = (message: string): void => {
    process.stderr.write(`      [faults] ${message}\n`);
};

function summary(outcomes: readonly SubmitOutcome[]): string {
    const count = (kind: string): number => outcomes.filter((outcome) => outcome.kind === kind).length;
    return `${String(outcomes.length)} submits: ${String(count('committed'))} committed, ${String(count('failed'))} failed, ${String(count('unknown'))} unknown`;
}

/** The first distinct messages of failed or unknown outcomes, for the log and for assertion messages. */
function messages(outcomes: readonly SubmitOutcome[]): string[] {
    return [
        ...new Set(
            outcomes
                .filter((o) => o.kind !== 'committed')
                .map((o) => `${o.kind} at ${o.stage ?? ''}: ${(o.message ?? '').slice(0, 200)}`),
        ),
    ].slice(0, 5);
}

describe('real Fabric under faults (issue 13)', function () {
    this.timeout(900_000);
    let network: FaultNetwork;
    let connections: RawConnection[] = [];
    let caseNumber = 0;

    before(function () {
        if (generated === '') {
            throw new Error(
                'BIA_GENERATED is not set: run this suite through npm run test:faults (test/faults/run.sh)',
            );
        }
        network = new FaultNetwork(generated);
        connections = organizations.map((org) => rawConnect(network.connectionFile(org), { chaincode }));
    });

    // A case that failed half-way may leave a node stopped: the next case starts on a whole network.
    afterEach(async function () {
        if (this.currentTest?.state === 'failed') {
            await network.up();
        }
    });

    after(() => {
        for (const connection of connections) {
            connection.close();
        }
    });

    const secretariat = (): RawConnection => connections[0]!;

    /**
     * Runs a stream from every organisation, lets it commit, runs `fault` while it flows, stops it, asks by
     * transaction ID what became of every transaction whose outcome the client could not know, and audits the
     * whole ledger against every outcome. Returns the outcomes.
     */
    async function underLoad(
        label: string,
        fault: (stream: SubmitStream) => Promise<void>,
        streamConnections: readonly RawConnection[] = connections,
    ): Promise<readonly SubmitOutcome[]> {
        caseNumber++;
        const stream = new SubmitStream(streamConnections, {
            ...defaultStreamOptions,
            runId: `${runId}-${String(caseNumber)}`,
        });
        const started = Date.now();
        stream.start();
        try {
            await waitFor(
                'the stream to commit before the fault',
                () => (stream.validSince(started) >= 10 ? true : undefined),
                180_000,
            );
            await fault(stream);
        } finally {
            await stream.stop();
        }
        const outcomes = stream.outcomes;
        log(`${label}: ${summary(outcomes)} in ${String(Math.round((Date.now() - started) / 1000))} s`);
        for (const message of messages(outcomes)) {
            log(`  ${message}`);
        }
        // What the clients could not know, asked again by transaction ID once the network answers.
        await waitFor('the secretariat peer to answer', () => channelHeight(secretariat()), 120_000);
        const ledger = await readLedger(secretariat());
        for (const outcome of outcomes.filter((o) => o.kind === 'unknown')) {
            const code = await validationCodeById(secretariat(), outcome.txId);
            const onLedger = ledger.find((transaction) => transaction.txId === outcome.txId);
            expect(code, `${outcome.txId} asked by ID`).to.equal(onLedger?.validationCode);
        }
        const result = audit(outcomes, ledger, chaincode);
        log(
            `  ledger: ${String(ledger.length)} transactions; unknown then found valid ${String(result.unknownOnLedgerValid)}, unknown then absent ${String(result.unknownAbsent)}`,
        );
        expect(result.problems).to.deep.equal([]);
        return outcomes;
    }

    it('1. the Raft leader killed mid-load: a new leader is elected and the stream continues', async () => {
        let killedAt = 0;
        await underLoad('leader killed', async (stream) => {
            const leader = await waitFor('a Raft leader', () => network.raftLeader(), 60_000);
            await network.kill(leader);
            killedAt = Date.now();
            const next = await waitFor(
                'a new Raft leader',
                async () => {
                    const now = await network.raftLeader();
                    return now !== undefined && now !== leader ? now : undefined;
                },
                90_000,
            );
            log(`killed leader ${leader}; ${next} leads after ${String(Date.now() - killedAt)} ms`);
            await waitFor(
                '20 valid commits after the kill',
                () => (stream.validSince(killedAt) >= 20 ? true : undefined),
                180_000,
            );
        });
        await network.up();
    });

    it('2. two of three orderers killed: no blocks are cut, clients get errors within their deadlines, then the network catches up', async () => {
        const deadlineMs = Math.max(
            defaultStreamOptions.endorseMs + defaultStreamOptions.submitMs,
            defaultStreamOptions.endorseMs + defaultStreamOptions.submitMs + defaultStreamOptions.commitStatusMs,
        );
        let windowStart = 0;
        let windowEnd = 0;
        let restartedAt = 0;
        const outcomes = await underLoad('two orderers killed', async (stream) => {
            const [first, second] = network.ordererNames;
            await network.kill(first!);
            await network.kill(second!);
            // What the cluster had agreed before it lost its quorum may still reach the peers: let it settle.
            await sleep(5_000);
            windowStart = Date.now();
            const before = await channelHeight(secretariat());
            await sleep(15_000);
            const after = await channelHeight(secretariat());
            windowEnd = Date.now();
            log(`orderers ${first!} and ${second!} killed: height ${String(before)} then ${String(after)} 15 s later`);
            expect(after, 'blocks cut without a Raft quorum').to.equal(before);
            expect(stream.validSince(windowStart), 'valid commits without a Raft quorum').to.equal(0);
            await network.up();
            restartedAt = Date.now();
            await waitFor(
                '20 valid commits after the restart',
                () => (stream.validSince(restartedAt) >= 20 ? true : undefined),
                180_000,
            );
        });
        const refused = outcomes.filter((o) => o.at <= windowEnd && o.at - o.elapsedMs >= windowStart);
        expect(refused.length, 'submits started without a quorum').to.be.greaterThan(0);
        for (const outcome of refused) {
            expect(outcome.kind, `${outcome.txId} without a quorum`).to.not.equal('committed');
            expect(outcome.message ?? '', `${outcome.txId} error message`).to.not.equal('');
            expect(outcome.elapsedMs, `${outcome.txId} told within its deadlines`).to.be.at.most(deadlineMs + 5_000);
        }
        // No fork: every peer ends on the same block.
        const infos = await Promise.all(network.peerNodes.map((node) => network.chainInfo(node)));
        const height = Math.max(...infos.map((info) => info.height));
        await waitFor(
            'every peer at the same height',
            async () => {
                const now = await Promise.all(network.peerNodes.map((node) => network.chainInfo(node)));
                return now.every((info) => info.height >= height) ? true : undefined;
            },
            120_000,
        );
        const final = await Promise.all(network.peerNodes.map((node) => network.chainInfo(node)));
        expect(
            new Set(final.map((info) => `${String(info.height)} ${info.currentBlockHash}`)).size,
            'peers disagree',
        ).to.equal(1);
    });

    it('3. the gateway peer killed between submit and commit status: unknown, never failed; resolved by transaction ID through another peer of the organisation', async () => {
        await underLoad('gateway peer killed', async () => {
            const viaPeer1 = rawConnect(network.peerConnectionFile('peer1.healthco'), { chaincode });
            try {
                const key = `${runId}-gateway-peer-killed`;
                const transaction = await viaPeer1.contract.newProposal('Put', { arguments: [key, key] }).endorse();
                const commit = await transaction.submit();
                await network.kill('peer1.healthco');
                const error: unknown = await commit.getStatus({ deadline: Date.now() + 10_000 }).then(
                    (status) =>
                        new Error(`the status came back before the kill took effect: ${JSON.stringify(status.code)}`),
                    (failure: unknown) => failure,
                );
                // fabric-gateway says only that it could not ask: the transaction is not reported failed.
                expect(String(error)).to.match(/UNAVAILABLE|DEADLINE|CANCELLED|No connection|connect/i);
                const signature = gatewayProtos.SignedCommitStatusRequest.deserializeBinary(
                    commit.getBytes(),
                ).getSignature_asU8();
                const viaPeer0 = rawConnect(network.connectionFile('healthco'), { chaincode });
                try {
                    const status = await viaPeer0.gateway.newSignedCommit(commit.getBytes(), signature).getStatus();
                    log(
                        `${transaction.getTransactionId()} resolved through peer0.healthco: code ${String(status.code)}, block ${String(status.blockNumber)}`,
                    );
                    expect(status.code).to.equal(0);
                    expect(await validationCodeById(secretariat(), transaction.getTransactionId())).to.equal(0);
                } finally {
                    viaPeer0.close();
                }
            } finally {
                viaPeer1.close();
            }
            await network.up();
        });
    });

    it('4. failover: with both healthco peers in its connection file, the client carries on through one while the other is down', async () => {
        const profile = await readConnectionProfile(network.connectionFile('healthco'));
        const peer0 = profile.peerEndpoint;
        const peer1 = profile.failoverPeers?.[0]?.endpoint ?? '';
        expect(
            profile.failoverPeers?.map((peer) => peer.hostAlias),
            'healthco.json failoverPeers',
        ).to.deep.equal(['peer1.healthco.bia.example']);
        const notices: FailoverNotice[] = [];
        const client = await openPeerClient(profile, { onFailover: (notice) => notices.push(notice) });
        const healthco = rawConnect(network.connectionFile('healthco'), { chaincode, client });
        const streamConnections = [...connections.filter((c) => c.profile.name !== 'healthco'), healthco];
        try {
            await underLoad(
                'healthco peers down one at a time',
                async (stream) => {
                    await network.kill('peer0.healthco');
                    const firstDown = Date.now();
                    await waitFor(
                        '20 valid healthco commits with peer0 down',
                        () => (stream.validSince(firstDown, 'healthco') >= 20 ? true : undefined),
                        180_000,
                    );
                    log(`peer0.healthco down: 20 healthco commits in ${String(Date.now() - firstDown)} ms`);
                    await network.up();
                    await network.kill('peer1.healthco');
                    const secondDown = Date.now();
                    await waitFor(
                        '20 valid healthco commits with peer1 down',
                        () => (stream.validSince(secondDown, 'healthco') >= 20 ? true : undefined),
                        180_000,
                    );
                    log(`peer1.healthco down: 20 healthco commits in ${String(Date.now() - secondDown)} ms`);
                },
                streamConnections,
            );
            log(`failovers: ${notices.map((n) => `${n.from} -> ${n.to} (${n.method})`).join('; ')}`);
            const moves = notices.map((notice) => `${notice.from} -> ${notice.to}`);
            expect(moves[0], 'the first move').to.equal(`${peer0} -> ${peer1}`);
            expect(moves, 'a move back once peer1 was down').to.include(`${peer1} -> ${peer0}`);
        } finally {
            healthco.close();
            client.close();
            await network.up();
        }
    });

    it('5. the chaincode server killed mid-invoke: in-flight transactions fail clearly, nothing partial, later ones succeed', async () => {
        const server = network.chaincodeServer(chaincode);
        let killedAt = 0;
        let restartedAt = 0;
        const outcomes = await underLoad('chaincode server killed', async (stream) => {
            await network.kill(server);
            killedAt = Date.now();
            await waitFor(
                'a failure while the server is down',
                () => (stream.count('failed', killedAt) > 0 ? true : undefined),
                60_000,
            );
            await network.up();
            restartedAt = Date.now();
            await waitFor(
                '20 valid commits after the restart',
                () => (stream.validSince(restartedAt) >= 20 ? true : undefined),
                180_000,
            );
        });
        const failed = outcomes.filter((o) => o.kind === 'failed' && o.at >= killedAt && o.at <= restartedAt);
        expect(failed.length).to.be.greaterThan(0);
        expect(
            failed.every((o) => o.stage === 'endorse'),
            messages(failed).join('\n'),
        ).to.equal(true);
    });

    it('6. a peer stopped for many blocks catches up to the same height, hashes and validation codes', async () => {
        const node = 'peer1.healthco';
        await underLoad('peer stopped', async () => {
            await network.kill(node, 'SIGTERM');
            const from = await channelHeight(secretariat());
            await waitFor(
                '30 blocks while the peer is down',
                async () => ((await channelHeight(secretariat())) >= from + 30 ? true : undefined),
                300_000,
            );
            await network.up();
        });
        const target = await network.chainInfo('peer0.secretariat');
        await waitFor(
            `${node} at height ${String(target.height)}`,
            async () => ((await network.chainInfo(node)).height >= target.height ? true : undefined),
            180_000,
        );
        const infos = await Promise.all(network.peerNodes.map((peer) => network.chainInfo(peer)));
        expect(
            new Set(infos.map((info) => `${String(info.height)} ${info.currentBlockHash}`)).size,
            'peers disagree',
        ).to.equal(1);
        // Block by block, the restarted peer's own ledger (its Deliver) against the secretariat's.
        const viaPeer1 = rawConnect(network.peerConnectionFile(node), { chaincode });
        try {
            const [mine, theirs] = await Promise.all([
                readBlocks(viaPeer1, target.height),
                readBlocks(secretariat(), target.height),
            ]);
            const summaryOf = (block: (typeof mine)[number]): string =>
                JSON.stringify([
                    block.getHeader()?.getNumber(),
                    Buffer.from(block.getHeader()?.getPreviousHash_asU8() ?? []).toString('hex'),
                    Buffer.from(block.getHeader()?.getDataHash_asU8() ?? []).toString('hex'),
                    Buffer.from(block.getMetadata()?.getMetadataList_asU8()[2] ?? []).toString('hex'),
                ]);
            expect(mine.map(summaryOf)).to.deep.equal(theirs.map(summaryOf));
            log(`${node} caught up: ${String(target.height)} blocks agree (hashes and validation codes)`);
        } finally {
            viaPeer1.close();
        }
    });

    it('7. an event listener killed mid-stream and restarted from its checkpoint: no block missed, at most the last repeated', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'bia-faults-listener-'));
        const checkpointFile = join(dir, 'checkpoint.json');
        const outputFile = join(dir, 'handled.txt');
        const from = await channelHeight(secretariat());
        const listen = (): ChildProcess =>
            spawn(
                process.execPath,
                [
                    '--require',
                    'tsx/cjs',
                    join(__dirname, 'support', 'block-listener.ts'),
                    network.connectionFile('carrier'),
                    checkpointFile,
                    outputFile,
                    String(from),
                ],
                { stdio: ['ignore', 'ignore', 'inherit'] },
            );
        const handled = (): number[] =>
            existsSync(outputFile)
                ? readFileSync(outputFile, 'utf8')
                      .split('\n')
                      .filter((line) => line !== '')
                      .map(Number)
                : [];
        let to = 0;
        try {
            await underLoad('event listener killed', async () => {
                let listener = listen();
                await waitFor(
                    'the listener to handle 10 blocks',
                    () => (handled().length >= 10 ? true : undefined),
                    180_000,
                );
                listener.kill('SIGKILL');
                await once(listener, 'exit');
                const seenBeforeKill = handled().length;
                await waitFor(
                    '10 blocks while the listener is down',
                    async () => ((await channelHeight(secretariat())) >= from + seenBeforeKill + 10 ? true : undefined),
                    180_000,
                );
                listener = listen();
                try {
                    to = await channelHeight(secretariat());
                    await waitFor(
                        `the listener to reach block ${String(to - 1)}`,
                        () => (handled().includes(to - 1) ? true : undefined),
                        180_000,
                    );
                } finally {
                    listener.kill('SIGTERM');
                }
                log(
                    `listener killed after ${String(seenBeforeKill)} blocks, restarted from its checkpoint, handled up to block ${String(to - 1)}`,
                );
            });
            const blocks = handled().filter((number) => number < to);
            const expected = Array.from({ length: to - from }, (_, index) => from + index);
            expect(
                [...new Set(blocks)].sort((a, b) => a - b),
                'blocks handled',
            ).to.deep.equal(expected);
            const repeated = blocks.filter((number, index) => blocks.indexOf(number) !== index);
            expect(repeated.length, `blocks handled twice: ${repeated.join(', ')}`).to.be.at.most(1);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it('8. the whole network stopped (network down, no --clean) and started again: ledger and state intact, clients reconnect', async () => {
        let heightBefore = 0;
        let restartedAt = 0;
        const outcomes = await underLoad('whole network restarted', async (stream) => {
            heightBefore = (await network.chainInfo('peer0.secretariat')).height;
            await network.down();
            await network.up();
            restartedAt = Date.now();
            const heightAfter = (await network.chainInfo('peer0.secretariat')).height;
            log(`height ${String(heightBefore)} before the stop, ${String(heightAfter)} once restarted`);
            expect(heightAfter, 'blocks lost in the restart').to.be.at.least(heightBefore);
            // The same client connections as before the stop: gRPC reconnects each of them (after its reconnection
            // backoff, during which calls fail fast), so every organisation's submitters commit again.
            for (const org of organizations) {
                await waitFor(
                    `${org}'s clients to commit after the restart`,
                    () => (stream.validSince(restartedAt, org) >= 5 ? true : undefined),
                    180_000,
                );
            }
            await waitFor(
                '20 valid commits after the restart',
                () => (stream.validSince(restartedAt) >= 20 ? true : undefined),
                180_000,
            );
        });
        const earlier = outcomes.filter((o) => o.kind === 'committed' && o.code === 0 && o.at < restartedAt).slice(-20);
        for (const outcome of earlier) {
            const value = new TextDecoder().decode(await secretariat().evaluate('Get', [outcome.key]));
            expect(value, `${outcome.key} after the restart`).to.equal(outcome.key);
        }
        log(
            `state read back for ${String(earlier.length)} keys written before the stop; height before the restart ${String(heightBefore)}`,
        );
    });
});

// The devnet killed with SIGKILL during a burst of commits and restarted on the same data folder (issue 13): every
// transaction whose commit was reported VALID is on the ledger exactly once, in the block reported; the blocks are
// hash-chained without gaps; the world state equals a replay of the valid transactions of the blocks.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Contract } from '@hyperledger/fabric-gateway';
import { common, ledger as rwsets, peer } from '@hyperledger/fabric-protos';
import { expect } from 'chai';
import { setTimeout as delay } from 'node:timers/promises';
import { checkLedger } from '../../../../network/devnet/src/committer';
import { LedgerStore } from '../../../../network/devnet/src/ledger';
import { blockDataHash, blockHeaderHash, headerFields } from '../../../../network/devnet/src/orderer';
import { connectClient, type ConnectedClient } from '../protocol/client';
import { killHard, spawnDevnet, stopGracefully, type DevnetProcess } from './devnet-process';

const Code = peer.TxValidationCode;
const CHANNEL = 'association';
const CHAINCODE = 'kv';
const ORGANIZATIONS = 4;
const fixture = resolve(__dirname, '../../../fixtures/chaincode/kv');
/** Submitters in flight at once, from two organisations. */
const WORKERS = 12;
/** Commits reported VALID before the kill. */
const KILL_AFTER_VALID = 60;
const KILL_JITTER_MS = 30;
/** Few keys, so that transactions overwrite each other's keys; every fourth one increments one hot counter. */
const KEYS = 16;

interface Reported {
    readonly code: number;
    readonly blockNumber: bigint;
}

/** What the clients were told, transaction by transaction. */
class Outcomes {
    readonly reported = new Map<string, Reported>();
    /** Submitted, but the client never learnt the outcome (the devnet died first). */
    readonly unknown = new Set<string>();
    readonly errorsBeforeKill: unknown[] = [];
    /** Submits (endorse, submit or commit status) cut off by the kill. */
    interrupted = 0;

    get validCount(): number {
        return [...this.reported.values()].filter((status) => status.code === Code.VALID).length;
    }
}

/** The endorser transaction's ID and the public writes of its rwset, decoded with the protos alone. */
function decodeTransaction(envelopeBytes: Uint8Array): { txId: string; writes: Map<string, Uint8Array | null> } {
    const payload = common.Payload.deserializeBinary(
        common.Envelope.deserializeBinary(envelopeBytes).getPayload_asU8(),
    );
    const channelHeader = common.ChannelHeader.deserializeBinary(
        payload.getHeader()?.getChannelHeader_asU8() ?? new Uint8Array(),
    );
    const writes = new Map<string, Uint8Array | null>();
    if (channelHeader.getType() !== common.HeaderType.ENDORSER_TRANSACTION) {
        return { txId: channelHeader.getTxId(), writes };
    }
    const [action] = peer.Transaction.deserializeBinary(payload.getData_asU8()).getActionsList();
    const endorsed = peer.ChaincodeActionPayload.deserializeBinary(
        action?.getPayload_asU8() ?? new Uint8Array(),
    ).getAction();
    const responsePayload = peer.ProposalResponsePayload.deserializeBinary(
        endorsed?.getProposalResponsePayload_asU8() ?? new Uint8Array(),
    );
    const results = peer.ChaincodeAction.deserializeBinary(responsePayload.getExtension_asU8()).getResults_asU8();
    for (const ns of rwsets.rwset.TxReadWriteSet.deserializeBinary(results).getNsRwsetList()) {
        for (const write of rwsets.rwset.kvrwset.KVRWSet.deserializeBinary(ns.getRwset_asU8()).getWritesList()) {
            const value = write.getValue_asU8();
            writes.set(
                `${ns.getNamespace()}\u0000${write.getKey()}`,
                write.getIsDelete() || value.length === 0 ? null : value,
            );
        }
    }
    return { txId: channelHeader.getTxId(), writes };
}

/**
 * Two endorsers of the hot counter can read it on either side of a commit, as on Fabric: the gateway then refuses
 * the mismatched endorsements before anything is submitted.
 */
function isEndorsementRace(name: string, error: unknown): boolean {
    const details = (error as { details?: readonly { message?: string }[] }).details ?? [];
    return (
        name === 'increment' &&
        details.length > 0 &&
        details.every((detail) => detail.message === 'ProposalResponsePayloads do not match')
    );
}

interface LedgerAudit {
    readonly height: bigint;
    /** Transaction ID → blocks where it is VALID. */
    readonly validIn: ReadonlyMap<string, bigint[]>;
    /** namespace\0key → value, from replaying the valid transactions in block order. */
    readonly replayed: ReadonlyMap<string, string>;
    /** namespace\0key → value, as the world state holds it. */
    readonly state: ReadonlyMap<string, string>;
    readonly store: LedgerStore;
}

/** Reads the whole ledger, checking the chain block by block, and replays it. */
async function auditLedger(store: LedgerStore): Promise<LedgerAudit> {
    const height = await store.height();
    const validIn = new Map<string, bigint[]>();
    const replayed = new Map<string, string>();
    let previousHash: Uint8Array = new Uint8Array();
    for (let number = 0n; number < height; number++) {
        const bytes = await store.getBlock(number);
        expect(bytes, `block ${number} of ${height}`).to.not.equal(undefined);
        const block = common.Block.deserializeBinary(bytes ?? new Uint8Array());
        const header = headerFields(block);
        const data = block.getData()?.getDataList_asU8() ?? [];
        expect(header.number, 'block number').to.equal(number);
        expect(Buffer.from(header.previousHash), `previous hash of block ${number}`).to.deep.equal(
            Buffer.from(previousHash),
        );
        expect(Buffer.from(header.dataHash), `data hash of block ${number}`).to.deep.equal(
            Buffer.from(blockDataHash(data)),
        );
        previousHash = blockHeaderHash(header);
        const codes = block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER];
        expect(codes?.length, `validation codes of block ${number}`).to.equal(data.length);
        data.forEach((envelope, index) => {
            if (codes?.[index] !== Code.VALID || number === 0n) {
                return;
            }
            const { txId, writes } = decodeTransaction(envelope);
            validIn.set(txId, [...(validIn.get(txId) ?? []), number]);
            for (const [key, value] of writes) {
                if (value === null) {
                    replayed.delete(key);
                } else {
                    replayed.set(key, Buffer.from(value).toString('utf8'));
                }
            }
        });
    }
    const state = new Map<string, string>();
    const cursor = store.stateCursor(CHAINCODE, '', '');
    try {
        for (let entry = await cursor.next(); entry; entry = await cursor.next()) {
            state.set(`${CHAINCODE}\u0000${entry.key}`, Buffer.from(entry.record.value).toString('utf8'));
        }
    } finally {
        cursor.close();
    }
    return { height, validIn, replayed, state, store };
}

describe('devnet killed with SIGKILL mid-burst and restarted on its data folder', function () {
    this.timeout(420_000);

    let dataDir: string;
    let running: DevnetProcess | undefined;
    const clients: ConnectedClient[] = [];
    const args = (): string[] => [
        '--data-dir',
        dataDir,
        '--chaincode',
        `${CHAINCODE}=${fixture}`,
        '--ephemeral-ports',
        '--max-message-count',
        '10',
        '--batch-timeout-ms',
        '20',
    ];

    before(async () => {
        dataDir = await mkdtemp(join(tmpdir(), 'devnet-crash-'));
    });

    after(async () => {
        clients.forEach((client) => {
            client.close();
        });
        if (running) {
            await stopGracefully(running);
        }
        await rm(dataDir, { recursive: true, force: true });
    });

    function contractOf(devnet: DevnetProcess, org: string): Contract {
        const file = devnet.connectionFiles.get(org);
        if (file === undefined) {
            throw new Error(`no connection file for ${org}`);
        }
        const client = connectClient(file);
        clients.push(client);
        return client.gateway.getNetwork(CHANNEL).getContract(CHAINCODE);
    }

    /** Two increments endorsed on the same state, then submitted: one commits VALID, the other MVCC_READ_CONFLICT. */
    async function conflictingPair(contract: Contract | undefined, outcomes: Outcomes): Promise<void> {
        if (!contract) {
            throw new Error('no contract');
        }
        const endorsed = await Promise.all(
            [0, 1].map(() => contract.newProposal('increment', { arguments: ['pair-counter'] }).endorse()),
        );
        const commits = await Promise.all(endorsed.map((transaction) => transaction.submit()));
        for (const commit of commits) {
            const status = await commit.getStatus();
            outcomes.reported.set(commit.getTransactionId(), { code: status.code, blockNumber: status.blockNumber });
        }
    }

    /** Submits until the kill, recording what each submit was told. */
    async function burst(devnet: DevnetProcess, outcomes: Outcomes): Promise<{ heightAtKill: number }> {
        const contracts = [contractOf(devnet, 'secretariat'), contractOf(devnet, 'healthco')];
        await conflictingPair(contracts[0], outcomes);
        // Shared by the workers: set by the one that sees the kill threshold reached.
        const run: { kill?: Promise<void> } = {};
        const killed = (): boolean => run.kill !== undefined;
        let lastReportedBlock = 0n;
        const worker = async (index: number): Promise<void> => {
            const contract = contracts[index % contracts.length];
            for (let round = 0; !killed() && contract; round++) {
                const key = `key-${String((index * 7 + round) % KEYS)}`;
                const [name, txArgs]: [string, string[]] =
                    round % 4 === 3
                        ? ['increment', ['counter']]
                        : ['put', [key, `w${String(index)}-r${String(round)}-${randomUUID()}`]];
                let txId: string | undefined;
                try {
                    const commit = await contract.submitAsync(name, { arguments: txArgs });
                    txId = commit.getTransactionId();
                    const status = await commit.getStatus();
                    outcomes.reported.set(txId, { code: status.code, blockNumber: status.blockNumber });
                    lastReportedBlock = status.blockNumber > lastReportedBlock ? status.blockNumber : lastReportedBlock;
                    if (outcomes.validCount >= KILL_AFTER_VALID && !killed()) {
                        // A little jitter, so that runs also land inside a commit, not only right after one.
                        run.kill = delay(Math.random() * KILL_JITTER_MS).then(() => killHard(devnet));
                    }
                } catch (error) {
                    if (txId !== undefined) {
                        outcomes.unknown.add(txId);
                    }
                    if (killed()) {
                        outcomes.interrupted++;
                    } else if (!isEndorsementRace(name, error)) {
                        outcomes.errorsBeforeKill.push({
                            name,
                            error,
                            details: (error as { details?: unknown }).details,
                        });
                    }
                }
            }
        };
        await Promise.all(Array.from({ length: WORKERS }, (_, index) => worker(index)));
        await run.kill;
        return { heightAtKill: Number(lastReportedBlock) + 1 };
    }

    it('keeps every reported commit exactly once, the chain whole and the state equal to a replay', async () => {
        const first = await spawnDevnet(args(), ORGANIZATIONS);
        running = first;
        const outcomes = new Outcomes();
        const { heightAtKill } = await burst(first, outcomes);
        running = undefined;
        clients.splice(0).forEach((client) => {
            client.close();
        });

        expect(outcomes.errorsBeforeKill, 'no submit failed before the kill').to.deep.equal([]);
        expect(outcomes.validCount).to.be.at.least(KILL_AFTER_VALID);
        expect(outcomes.interrupted, 'submits in flight when the devnet died').to.be.greaterThan(0);
        expect([...outcomes.reported.values()].map((status) => status.code)).to.include(Code.MVCC_READ_CONFLICT);

        const restarted = await spawnDevnet(args(), ORGANIZATIONS);
        running = restarted;
        // The chain continues: a new transaction commits in the block after the last one on disk.
        const commit = await contractOf(restarted, 'carrier').submitAsync('put', {
            arguments: ['after-restart', 'yes'],
        });
        const afterRestart = await commit.getStatus();
        expect(afterRestart.code).to.equal(Code.VALID);
        await stopGracefully(restarted);
        running = undefined;

        const store = await LedgerStore.open(join(dataDir, 'ledger'));
        try {
            // The devnet's own start-up check, timed on the recovered ledger.
            const check = await checkLedger({
                height: () => store.height(),
                blockBytes: (number) => store.getBlock(number),
                txStatus: async (txId) => {
                    const record = await store.getTx(txId);
                    return record && { code: record.validationCode, blockNumber: record.blockNumber };
                },
            });
            const audit = await auditLedger(store);
            expect(check.height).to.equal(audit.height);
            expect(afterRestart.blockNumber, 'the block after the restart is the last one').to.equal(audit.height - 1n);

            for (const [txId, status] of outcomes.reported) {
                const validIn = audit.validIn.get(txId) ?? [];
                if (status.code === Code.VALID) {
                    expect(validIn, `reported VALID: ${txId}`).to.deep.equal([status.blockNumber]);
                } else {
                    expect(validIn, `reported ${String(status.code)}: ${txId}`).to.deep.equal([]);
                }
                expect(await store.getTx(txId), `index of ${txId}`).to.deep.include({
                    blockNumber: status.blockNumber,
                    validationCode: status.code,
                });
            }
            for (const txId of outcomes.unknown) {
                expect(audit.validIn.get(txId) ?? [], `unknown outcome: ${txId}`).to.have.length.at.most(1);
            }
            for (const [txId, blocks] of audit.validIn) {
                expect(blocks, `valid occurrences of ${txId}`).to.have.length(1);
            }
            expect(Object.fromEntries(audit.state)).to.deep.equal(Object.fromEntries(audit.replayed));
            expect(audit.state.get(`${CHAINCODE}\u0000after-restart`)).to.equal('yes');

            const committedInFlight = [...outcomes.unknown].filter((txId) => audit.validIn.has(txId)).length;
            console.log(
                `      ${String(outcomes.validCount)} commits reported VALID before the kill (${String(outcomes.reported.size)} reported, ` +
                    `${String(outcomes.interrupted)} interrupted, ${String(outcomes.unknown.size)} of them after their submit, ` +
                    `${String(committedInFlight)} of those on the ledger); ` +
                    `height ${String(heightAtKill)}+ at the kill, ${String(audit.height)} after the restart; ` +
                    `restart ready in ${String(Math.round(restarted.startMs))} ms (first start ${String(Math.round(first.startMs))} ms), ` +
                    `ledger check ${check.elapsedMs.toFixed(1)} ms`,
            );
        } finally {
            await store.close();
        }
    });
});

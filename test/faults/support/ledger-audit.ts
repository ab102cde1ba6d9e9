// The ledger against what the clients were told. Blocks are read from a peer's own Deliver service (block events
// through its gateway), decoded by the adversarial suite's block reader; nothing here trusts a client's account.
import { common, peer } from '@hyperledger/fabric-protos';
import { blockTransactions, type LedgerTransaction } from '../../integration/support/ledger-watch';
import type { RawConnection } from '../../integration/support/raw-gateway';
import type { SubmitOutcome } from './submit-stream';

const VALID = 0;

/** The channel height as the connection's peer reports it (qscc GetChainInfo). */
export async function channelHeight(connection: RawConnection): Promise<number> {
    const qscc = connection.network.getContract('qscc');
    const bytes = await qscc.evaluateTransaction('GetChainInfo', connection.profile.channel);
    return common.BlockchainInfo.deserializeBinary(bytes).getHeight();
}

/** Every block of the channel from 0 to `height - 1`, from the connection's peer. */
export async function readBlocks(connection: RawConnection, height: number): Promise<common.Block[]> {
    const events = await connection.network.getBlockEvents({ startBlock: 0n });
    const blocks: common.Block[] = [];
    try {
        for await (const block of events) {
            blocks.push(block);
            if (blocks.length >= height) {
                break;
            }
        }
    } finally {
        events.close();
    }
    return blocks;
}

/** Every endorser transaction on the ledger, with its block and validation code. */
export async function readLedger(connection: RawConnection): Promise<LedgerTransaction[]> {
    const blocks = await readBlocks(connection, await channelHeight(connection));
    return blocks.flatMap((block) => blockTransactions(block));
}

/**
 * Asks by transaction ID what became of a transaction (qscc GetTransactionByID): its validation code, or
 * undefined when the peer has no such transaction.
 */
export async function validationCodeById(connection: RawConnection, txId: string): Promise<number | undefined> {
    const qscc = connection.network.getContract('qscc');
    try {
        const bytes = await qscc.evaluateTransaction('GetTransactionByID', connection.profile.channel, txId);
        return peer.ProcessedTransaction.deserializeBinary(bytes).getValidationcode();
    } catch {
        return undefined;
    }
}

export interface Audit {
    readonly problems: readonly string[];
    readonly committed: number;
    readonly failed: number;
    /** Unknown to the client; what the ledger says became of them. */
    readonly unknownOnLedgerValid: number;
    readonly unknownAbsent: number;
}

/** What is wrong with a transaction the client was told is committed (with `outcome.code`). */
function committedProblems(outcome: SubmitOutcome, found: readonly LedgerTransaction[], chaincode: string): string[] {
    const problems: string[] = [];
    const valid = found.filter((transaction) => transaction.validationCode === VALID);
    const code = String(outcome.code);
    if (found.length === 0) {
        problems.push(`${outcome.txId} was reported committed (code ${code}) but is not on the ledger`);
    } else if (found[0]?.validationCode !== outcome.code) {
        problems.push(
            `${outcome.txId} was reported with code ${code}, the ledger says ${String(found[0]?.validationCode)}`,
        );
    }
    if (valid.length !== (outcome.code === VALID ? 1 : 0)) {
        problems.push(`${outcome.txId} (reported code ${code}) is valid ${String(valid.length)} times on the ledger`);
    }
    const write = `${chaincode} ${outcome.key}`;
    if (outcome.code === VALID && !valid.some((transaction) => transaction.writes.includes(write))) {
        problems.push(`${outcome.txId} was reported valid but its write of ${outcome.key} is not on the ledger`);
    }
    return problems;
}

function validTwice(byTxId: ReadonlyMap<string, readonly LedgerTransaction[]>): string[] {
    return [...byTxId].flatMap(([txId, found]) => {
        const blocks = found.filter((transaction) => transaction.validationCode === VALID).map((t) => t.blockNumber);
        return blocks.length > 1
            ? [`${txId} is valid ${String(blocks.length)} times (blocks ${blocks.join(', ')})`]
            : [];
    });
}

/**
 * Every transaction reported committed is on the ledger exactly once as valid (or, if reported invalid, with the
 * reported code and never valid), and wrote its key; none reported failed is on the ledger as valid; no
 * transaction ID is valid twice anywhere on the ledger.
 */
export function audit(
    outcomes: readonly SubmitOutcome[],
    ledger: readonly LedgerTransaction[],
    chaincode: string,
): Audit {
    const byTxId = new Map<string, LedgerTransaction[]>();
    for (const transaction of ledger) {
        byTxId.set(transaction.txId, [...(byTxId.get(transaction.txId) ?? []), transaction]);
    }
    const problems: string[] = validTwice(byTxId);
    let unknownOnLedgerValid = 0;
    let unknownAbsent = 0;
    for (const outcome of outcomes) {
        const found = byTxId.get(outcome.txId) ?? [];
        const valid = found.filter((transaction) => transaction.validationCode === VALID);
        if (outcome.kind === 'committed') {
            problems.push(...committedProblems(outcome, found, chaincode));
        } else if (outcome.kind === 'failed') {
            if (valid.length > 0) {
                const why = `${outcome.stage ?? ''}: ${outcome.message ?? ''}`;
                problems.push(
                    `${outcome.txId} was reported failed (${why}) but took effect in block ${String(valid[0]?.blockNumber)}`,
                );
            }
        } else if (valid.length > 0) {
            unknownOnLedgerValid++;
        } else {
            unknownAbsent++;
        }
    }
    return {
        problems,
        committed: outcomes.filter((outcome) => outcome.kind === 'committed').length,
        failed: outcomes.filter((outcome) => outcome.kind === 'failed').length,
        unknownOnLedgerValid,
        unknownAbsent,
    };
}

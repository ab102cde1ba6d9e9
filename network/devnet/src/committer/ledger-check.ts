// The devnet's start-up check of its ledger, run before the orderer continues the chain: every block from 0 to the
// recorded height is present, numbered in order, hash-chained (previous_hash = SHA-256 of the previous DER header)
// with a data hash matching its envelopes and one validation code per transaction, and the transaction index holds
// the last block's transactions. A commit is one atomic LevelDB batch, so a crash leaves either all or none of a
// block's effects; this check proves it on every start instead of assuming it, and refuses to run on a ledger
// that fails it (naming the block), since ordering more blocks on a broken chain would only bury the damage.
import { common } from '@hyperledger/fabric-protos';
import { blockDataHash, blockHeaderHash, headerFields } from '../orderer';
import type { BlockLedger } from '../ports';
import { parseTransaction } from './transaction';

export interface LedgerCheck {
    /** Number of blocks on the ledger. */
    readonly height: bigint;
    /** The last block, from which ordering continues (undefined for an empty ledger). */
    readonly lastBlock?: common.Block;
    /** Time the check took. */
    readonly elapsedMs: number;
}

export class LedgerIntegrityError extends Error {
    constructor(message: string) {
        super(`the ledger is inconsistent: ${message}`);
        this.name = 'LedgerIntegrityError';
    }
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0;

export async function checkLedger(ledger: BlockLedger): Promise<LedgerCheck> {
    const started = performance.now();
    const height = await ledger.height();
    if ((await ledger.blockBytes(height)) !== undefined) {
        throw new LedgerIntegrityError(`block [${height}] is stored beyond the recorded height ${height}`);
    }
    let previous: common.Block | undefined;
    for (let number = 0n; number < height; number++) {
        const bytes = await ledger.blockBytes(number);
        if (!bytes) {
            throw new LedgerIntegrityError(`block [${number}] is missing below the recorded height ${height}`);
        }
        const block = common.Block.deserializeBinary(bytes);
        checkBlock(block, number, previous);
        previous = block;
    }
    if (previous) {
        await checkIndexed(ledger, previous, height - 1n);
    }
    return { height, ...(previous ? { lastBlock: previous } : {}), elapsedMs: performance.now() - started };
}

function checkBlock(block: common.Block, number: bigint, previous: common.Block | undefined): void {
    const header = headerFields(block);
    if (header.number !== number) {
        throw new LedgerIntegrityError(`block [${number}] carries the number ${header.number}`);
    }
    const data = block.getData()?.getDataList_asU8() ?? [];
    if (!sameBytes(header.dataHash, blockDataHash(data))) {
        throw new LedgerIntegrityError(`block [${number}]'s data hash does not match its transactions`);
    }
    const expectedPrevious = previous ? blockHeaderHash(headerFields(previous)) : new Uint8Array();
    if (!sameBytes(header.previousHash, expectedPrevious)) {
        throw new LedgerIntegrityError(`block [${number}]'s previous hash does not match block [${number - 1n}]`);
    }
    const filter = block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER];
    if (filter?.length !== data.length) {
        throw new LedgerIntegrityError(
            `block [${number}] has ${filter?.length ?? 0} validation codes for ${data.length} transactions`,
        );
    }
}

/** The index entries a commit writes with the block: each transaction ID resolves to this block or an earlier one. */
async function checkIndexed(ledger: BlockLedger, block: common.Block, number: bigint): Promise<void> {
    for (const envelope of block.getData()?.getDataList_asU8() ?? []) {
        const { txId } = parseTransaction(envelope);
        if (txId === '') {
            continue;
        }
        const status = await ledger.txStatus(txId);
        if (!status || status.blockNumber > number) {
            throw new LedgerIntegrityError(`transaction ${txId} of block [${number}] is not in the transaction index`);
        }
    }
}

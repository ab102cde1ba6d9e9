// Validates each transaction of an ordered block in order, then commits the block with its validation codes.
import { common, peer } from '@hyperledger/fabric-protos';
import { EndorsementValidator, type ValidationParameterOverlay } from './endorsement-validator';
import { parseTransaction, type ParsedTransaction } from './transaction';
import type { CommitNotifier } from './commit-notifier';
import type { ChannelPolicies, CommitLedger, CommittedTransaction, Identity, Msp } from '../ports';

const Code = peer.TxValidationCode;
const TRANSACTIONS_FILTER = common.BlockMetadataIndex.TRANSACTIONS_FILTER;

export interface BlockCommitterOptions<I extends Identity> {
    readonly channel: string;
    readonly msp: Msp<I>;
    readonly policies: ChannelPolicies<I>;
    readonly ledger: CommitLedger;
    readonly notifier: CommitNotifier;
}

export class BlockCommitter<I extends Identity> {
    readonly #options: BlockCommitterOptions<I>;
    readonly #validator: EndorsementValidator<I>;

    constructor(options: Readonly<BlockCommitterOptions<I>>) {
        this.#options = options;
        this.#validator = new EndorsementValidator(options);
    }

    /** Validates and commits one block (blocks must come in order, one at a time). */
    async commit(block: common.Block): Promise<number[]> {
        const number = BigInt(block.getHeader()?.getNumber() ?? 0);
        const txs = (block.getData()?.getDataList_asU8() ?? []).map(parseTransaction);
        const codes = await this.#endorsementCodes(txs, number);

        const alreadyInvalid = new Set(codes.flatMap((code, index) => (code === Code.VALID ? [] : [index])));
        const readSetCodes = await this.#options.ledger.validateReadSets(
            txs.map((tx) => ({ txId: tx.txId, results: tx.kind === 'endorser' ? tx.results : new Uint8Array() })),
            alreadyInvalid,
        );
        const finalCodes = codes.map((code, index) =>
            code === Code.VALID ? (readSetCodes[index] ?? Code.VALID) : code,
        );

        const metadata = block.getMetadata()?.getMetadataList_asU8() ?? [];
        metadata[TRANSACTIONS_FILTER] = Uint8Array.from(finalCodes);
        block.getMetadata()?.setMetadataList(metadata);
        const bytes = block.serializeBinary();

        const committed: CommittedTransaction[] = txs.map((tx, index) => ({
            txId: tx.txId,
            code: finalCodes[index] ?? Code.INVALID_OTHER_REASON,
            results: tx.kind === 'endorser' ? tx.results : new Uint8Array(),
            timestamp: tx.timestamp,
        }));
        await this.#options.ledger.commitBlock({ number, bytes, txs: committed });

        const statuses = new Map<string, number>();
        for (const tx of committed) {
            // A duplicate must not overwrite the status of the transaction it duplicates.
            if (!statuses.has(tx.txId)) {
                statuses.set(tx.txId, tx.code);
            }
        }
        this.#options.notifier.blockCommitted({ number, bytes, statuses });
        return finalCodes;
    }

    async #endorsementCodes(txs: readonly ParsedTransaction[], blockNumber: bigint): Promise<number[]> {
        const seenTxIds = new Set<string>();
        const overlay: ValidationParameterOverlay = new Map();
        const codes: number[] = [];
        for (const tx of txs) {
            codes.push(await this.#endorsementCode(tx, blockNumber, seenTxIds, overlay));
        }
        return codes;
    }

    async #endorsementCode(
        tx: ParsedTransaction,
        blockNumber: bigint,
        seenTxIds: Set<string>,
        overlay: ValidationParameterOverlay,
    ): Promise<number> {
        switch (tx.kind) {
            case 'malformed':
                return tx.code;
            case 'config':
                // Only the genesis block may carry configuration: the devnet supports no channel config updates.
                return blockNumber === 0n ? Code.VALID : Code.INVALID_CONFIG_TRANSACTION;
            case 'endorser':
                break;
        }
        if (seenTxIds.has(tx.txId) || (await this.#options.ledger.hasTx(tx.txId))) {
            return Code.DUPLICATE_TXID;
        }
        const code = await this.#validator.validate(tx, overlay);
        seenTxIds.add(tx.txId);
        return code;
    }
}

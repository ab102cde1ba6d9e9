// What the ledger gained while an adversarial case ran, read from the peer's own blocks (Deliver, through the
// gateway's block events), so the suite does not trust any client's account of it. A case marks the ledger before
// it acts (a read-only probe transaction: its block number is a point every later block follows) and, when done,
// lists the transactions of every block after the mark up to a closing probe, with their validation codes and
// every write they carry: public writes, key metadata (key-level endorsement policies) and private-data hashes.
import { common, ledger, peer } from '@hyperledger/fabric-protos';
import type { RawConnection } from './raw-gateway';

/** Fabric's validation codes the suite names (peer/transaction.proto). */
export const validationCodes = {
    VALID: 0,
    DUPLICATE_TXID: 9,
    ENDORSEMENT_POLICY_FAILURE: 10,
} as const;

export interface LedgerTransaction {
    readonly blockNumber: number;
    readonly txId: string;
    readonly validationCode: number;
    /** `namespace key`, `namespace key (metadata)`, `namespace collection <key hash>` for each write. */
    readonly writes: readonly string[];
}

export interface LedgerMark {
    /** The block holding the probe transaction. */
    readonly blockNumber: number;
    readonly probeTxId: string;
}

/** The read-only transaction each probe submits: it writes nothing, on any ledger, bootstrapped or not. */
export const probeTransaction = 'membership:WhoAmI';

export class LedgerWatch {
    readonly #connection: RawConnection;

    /** Probes and block events go through this connection (any identity of the channel may read blocks). */
    constructor(connection: RawConnection) {
        this.#connection = connection;
    }

    /** Submits a probe and returns where it landed. */
    async mark(): Promise<LedgerMark> {
        const transaction = await this.#connection.contract.newProposal(probeTransaction).endorse();
        const status = await (await transaction.submit()).getStatus();
        if (!status.successful) {
            throw new Error(`the ledger probe ${status.transactionId} committed invalid (code ${String(status.code)})`);
        }
        return { blockNumber: Number(status.blockNumber), probeTxId: status.transactionId };
    }

    /**
     * Every transaction committed after `since` and before a closing probe, the probes excluded. With `until`,
     * keeps reading past the closing probe until the transactions read so far satisfy it (a replayed envelope may
     * be ordered after a later broadcast when an ordering service has several nodes).
     */
    async since(
        since: LedgerMark,
        until: (transactions: readonly LedgerTransaction[]) => boolean = () => true,
        timeoutMs = 30_000,
    ): Promise<LedgerTransaction[]> {
        const fence = await this.mark();
        const events = await this.#connection.network.getBlockEvents({ startBlock: BigInt(since.blockNumber + 1) });
        const found: LedgerTransaction[] = [];
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<never>((_, reject) => {
            timer = setTimeout(() => {
                events.close();
                reject(new Error(`blocks after ${String(since.blockNumber)} did not show what the case waited for`));
            }, timeoutMs);
        });
        const read = async (): Promise<void> => {
            for await (const block of events) {
                found.push(...blockTransactions(block).filter((tx) => tx.txId !== fence.probeTxId));
                const blockNumber = block.getHeader()?.getNumber() ?? 0;
                if (blockNumber >= fence.blockNumber && until(found)) {
                    return;
                }
            }
            throw new Error(`the block stream ended before block ${String(fence.blockNumber)}`);
        };
        try {
            await Promise.race([read(), timedOut]);
        } finally {
            clearTimeout(timer);
            events.close();
        }
        return found;
    }
}

/** Valid transactions that wrote anything: a refusal must leave this empty. */
export function validWrites(transactions: readonly LedgerTransaction[]): LedgerTransaction[] {
    return transactions.filter((tx) => tx.validationCode === validationCodes.VALID && tx.writes.length > 0);
}

/** The endorser transactions of a block with their validation codes and writes. */
export function blockTransactions(block: common.Block): LedgerTransaction[] {
    const blockNumber = block.getHeader()?.getNumber() ?? 0;
    const filter = block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER];
    return (
        block
            .getData()
            ?.getDataList_asU8()
            .flatMap((envelopeBytes, index) => {
                const payload = common.Payload.deserializeBinary(
                    common.Envelope.deserializeBinary(envelopeBytes).getPayload_asU8(),
                );
                const header = common.ChannelHeader.deserializeBinary(
                    payload.getHeader()?.getChannelHeader_asU8() ?? new Uint8Array(),
                );
                if (header.getType() !== common.HeaderType.ENDORSER_TRANSACTION) {
                    return [];
                }
                return [
                    {
                        blockNumber,
                        txId: header.getTxId(),
                        validationCode: filter?.[index] ?? -1,
                        writes: transactionWrites(payload.getData_asU8()),
                    },
                ];
            }) ?? []
    );
}

function transactionWrites(transactionBytes: Uint8Array): string[] {
    return peer.Transaction.deserializeBinary(transactionBytes)
        .getActionsList()
        .flatMap((action) => {
            const endorsed = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8()).getAction();
            const response = peer.ProposalResponsePayload.deserializeBinary(
                endorsed?.getProposalResponsePayload_asU8() ?? new Uint8Array(),
            );
            const results = peer.ChaincodeAction.deserializeBinary(response.getExtension_asU8()).getResults_asU8();
            return ledger.rwset.TxReadWriteSet.deserializeBinary(results)
                .getNsRwsetList()
                .flatMap((ns) => namespaceWrites(ns));
        });
}

function namespaceWrites(ns: ledger.rwset.NsReadWriteSet): string[] {
    const namespace = ns.getNamespace();
    const kv = ledger.rwset.kvrwset.KVRWSet.deserializeBinary(ns.getRwset_asU8());
    const privateWrites = ns.getCollectionHashedRwsetList().flatMap((collection) => {
        const hashed = ledger.rwset.kvrwset.HashedRWSet.deserializeBinary(collection.getHashedRwset_asU8());
        const name = collection.getCollectionName();
        return [
            ...hashed
                .getHashedWritesList()
                .map((write) => `${namespace} ${name} ${Buffer.from(write.getKeyHash_asU8()).toString('hex')}`),
            ...hashed
                .getMetadataWritesList()
                .map(
                    (write) =>
                        `${namespace} ${name} ${Buffer.from(write.getKeyHash_asU8()).toString('hex')} (metadata)`,
                ),
        ];
    });
    return [
        ...kv.getWritesList().map((write) => `${namespace} ${printable(write.getKey())}`),
        ...kv.getMetadataWritesList().map((write) => `${namespace} ${printable(write.getKey())} (metadata)`),
        ...privateWrites,
    ];
}

/** Composite keys hold NUL separators; show them so an assertion message stays readable. */
function printable(key: string): string {
    return key.replaceAll('\u0000', '\\0');
}

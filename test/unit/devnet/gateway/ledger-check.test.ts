// The start-up check of the devnet's ledger (committer/ledger-check.ts) over a double of the block ledger holding
// real, hash-chained common.Blocks: a consistent chain passes; each kind of damage is refused, naming the block.
import { common, peer } from '@hyperledger/fabric-protos';
import * as chai from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { checkLedger, LedgerIntegrityError } from '../../../../network/devnet/src/committer';
import { blockHeaderHash, headerFields, newBlock } from '../../../../network/devnet/src/orderer';
import type { BlockLedger, TxStatus } from '../../../../network/devnet/src/ports';

chai.use(chaiAsPromised);
const { expect } = chai;

/** An envelope whose channel header names the transaction ID (all the check reads of it). */
function envelope(txId: string): Uint8Array {
    const channelHeader = new common.ChannelHeader();
    channelHeader.setType(common.HeaderType.ENDORSER_TRANSACTION);
    channelHeader.setTxId(txId);
    const header = new common.Header();
    header.setChannelHeader(channelHeader.serializeBinary());
    const payload = new common.Payload();
    payload.setHeader(header);
    const result = new common.Envelope();
    result.setPayload(payload.serializeBinary());
    return result.serializeBinary();
}

/** The committed form: one validation code per transaction in TRANSACTIONS_FILTER. */
function committed(block: common.Block): common.Block {
    const count = block.getData()?.getDataList().length ?? 0;
    const metadata = block.getMetadata()?.getMetadataList_asU8() ?? [];
    metadata[common.BlockMetadataIndex.TRANSACTIONS_FILTER] = new Uint8Array(count).fill(peer.TxValidationCode.VALID);
    block.getMetadata()?.setMetadataList(metadata);
    return block;
}

class LedgerDouble implements BlockLedger {
    readonly blocks = new Map<bigint, Uint8Array>();
    readonly index = new Map<string, TxStatus>();
    recordedHeight = 0n;

    static chain(txsPerBlock: readonly (readonly string[])[]): LedgerDouble {
        const ledger = new LedgerDouble();
        let previousHash: Uint8Array = new Uint8Array();
        txsPerBlock.forEach((txIds, index) => {
            const number = BigInt(index);
            const block = committed(newBlock(number, previousHash, txIds.map(envelope)));
            previousHash = blockHeaderHash(headerFields(block));
            ledger.blocks.set(number, block.serializeBinary());
            txIds.forEach((txId) => ledger.index.set(txId, { code: peer.TxValidationCode.VALID, blockNumber: number }));
        });
        ledger.recordedHeight = BigInt(txsPerBlock.length);
        return ledger;
    }

    height(): Promise<bigint> {
        return Promise.resolve(this.recordedHeight);
    }

    blockBytes(number: bigint): Promise<Uint8Array | undefined> {
        return Promise.resolve(this.blocks.get(number));
    }

    txStatus(txId: string): Promise<TxStatus | undefined> {
        return Promise.resolve(this.index.get(txId));
    }

    /** Rewrites a stored block with the change applied (its hashes left as they were). */
    tamper(number: bigint, change: (block: common.Block) => void): void {
        const block = common.Block.deserializeBinary(this.blocks.get(number) ?? new Uint8Array());
        change(block);
        this.blocks.set(number, block.serializeBinary());
    }
}

describe('committer checkLedger (start-up check)', () => {
    const chain = (): LedgerDouble => LedgerDouble.chain([[''], ['tx1', 'tx2'], ['tx3'], ['tx4', 'tx5']]);

    it('accepts a consistent chain and returns the height and the last block to continue from', async () => {
        const result = await checkLedger(chain());

        expect(result.height).to.equal(4n);
        expect(result.lastBlock?.getHeader()?.getNumber()).to.equal(3);
        expect(result.elapsedMs).to.be.a('number');
    });

    it('accepts an empty ledger', async () => {
        const result = await checkLedger(new LedgerDouble());

        expect(result).to.include({ height: 0n });
        expect(result.lastBlock).to.equal(undefined);
    });

    it('refuses a block whose transactions no longer match its data hash', async () => {
        const ledger = chain();
        ledger.tamper(2n, (block) => block.getData()?.setDataList([envelope('forged')]));

        await expect(checkLedger(ledger)).to.be.rejectedWith(
            LedgerIntegrityError,
            "block [2]'s data hash does not match its transactions",
        );
    });

    it('refuses a block that does not chain to the previous one', async () => {
        const ledger = chain();
        ledger.tamper(3n, (block) => block.getHeader()?.setPreviousHash(new Uint8Array(32)));

        await expect(checkLedger(ledger)).to.be.rejectedWith(
            LedgerIntegrityError,
            "block [3]'s previous hash does not match block [2]",
        );
    });

    it('refuses a gap below the recorded height', async () => {
        const ledger = chain();
        ledger.blocks.delete(1n);

        await expect(checkLedger(ledger)).to.be.rejectedWith(LedgerIntegrityError, 'block [1] is missing');
    });

    it('refuses a block stored beyond the recorded height', async () => {
        const ledger = chain();
        ledger.recordedHeight = 3n;

        await expect(checkLedger(ledger)).to.be.rejectedWith(LedgerIntegrityError, 'block [3] is stored beyond');
    });

    it('refuses a block without one validation code per transaction', async () => {
        const ledger = chain();
        ledger.tamper(1n, (block) => {
            const metadata = block.getMetadata()?.getMetadataList_asU8() ?? [];
            metadata[common.BlockMetadataIndex.TRANSACTIONS_FILTER] = new Uint8Array();
            block.getMetadata()?.setMetadataList(metadata);
        });

        await expect(checkLedger(ledger)).to.be.rejectedWith(LedgerIntegrityError, 'block [1] has 0 validation codes');
    });

    it('refuses a last block whose transactions are missing from the index', async () => {
        const ledger = chain();
        ledger.index.delete('tx5');

        await expect(checkLedger(ledger)).to.be.rejectedWith(LedgerIntegrityError, 'transaction tx5 of block [3]');
    });
});

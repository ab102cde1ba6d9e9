// Blocks as an application shows them: each transaction's ID, validation code, submitting MSP and time, read
// from the block the peer delivers (the validation codes are in the block's TRANSACTIONS_FILTER metadata).
import { common, msp } from '@hyperledger/fabric-protos';
import { validationCodeName } from '../transactions/validation-codes';
import type { BlockSummary, TransactionSummary } from './block-summary';

export type { BlockSummary, TransactionSummary };

const headerTypeNames: ReadonlyMap<number, string> = new Map(
    Object.entries(common.HeaderType).map(([name, value]) => [value as number, name]),
);

/** Reads the transactions of a delivered block. */
export function summarizeBlock(block: common.Block): BlockSummary {
    const number = BigInt(block.getHeader()?.getNumber() ?? 0);
    const filter =
        block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER] ?? new Uint8Array();
    const transactions = block
        .getData()
        ?.getDataList_asU8()
        .map((envelopeBytes, index) => summarizeTransaction(envelopeBytes, filter[index] ?? 255));
    return { number, transactions: transactions ?? [] };
}

function summarizeTransaction(envelopeBytes: Uint8Array, code: number): TransactionSummary {
    const payload = common.Payload.deserializeBinary(
        common.Envelope.deserializeBinary(envelopeBytes).getPayload_asU8(),
    );
    const header = payload.getHeader();
    const channelHeader = common.ChannelHeader.deserializeBinary(header?.getChannelHeader_asU8() ?? new Uint8Array());
    const signatureHeader = common.SignatureHeader.deserializeBinary(
        header?.getSignatureHeader_asU8() ?? new Uint8Array(),
    );
    const creator = msp.SerializedIdentity.deserializeBinary(signatureHeader.getCreator_asU8());
    const timestamp = channelHeader.getTimestamp();
    return {
        transactionId: channelHeader.getTxId(),
        validationCode: code,
        validationCodeName: validationCodeName(code),
        mspId: creator.getMspid(),
        type: headerTypeNames.get(channelHeader.getType()) ?? String(channelHeader.getType()),
        ...(timestamp === undefined ? {} : { timestamp: timestamp.toDate().toISOString() }),
    };
}

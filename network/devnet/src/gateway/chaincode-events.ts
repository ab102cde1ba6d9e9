// Chaincode events of a committed block, read from its valid transactions as Fabric's gateway event iterator does.
import { common, peer } from '@hyperledger/fabric-protos';
import { parseTransaction } from '../committer/transaction';

export interface BlockChaincodeEvents {
    readonly blockNumber: bigint;
    readonly events: peer.ChaincodeEvent[];
}

export function blockChaincodeEvents(blockBytes: Uint8Array): BlockChaincodeEvents {
    const block = common.Block.deserializeBinary(blockBytes);
    const filter = block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER];
    const events: peer.ChaincodeEvent[] = [];
    (block.getData()?.getDataList_asU8() ?? []).forEach((envelope, index) => {
        if (filter?.[index] !== peer.TxValidationCode.VALID) {
            return;
        }
        const tx = parseTransaction(envelope);
        if (tx.kind === 'endorser' && tx.events.length > 0) {
            events.push(peer.ChaincodeEvent.deserializeBinary(tx.events));
        }
    });
    return { blockNumber: BigInt(block.getHeader()?.getNumber() ?? 0), events };
}

/** Fabric's matcher: events of the chaincode, skipping everything up to and including afterTransactionId. */
export function chaincodeEventMatcher(
    chaincodeId: string,
    afterTransactionId: string,
): (event: peer.ChaincodeEvent) => boolean {
    if (afterTransactionId === '') {
        return (event) => event.getChaincodeId() === chaincodeId;
    }
    let passedPrevious = false;
    return (event) => {
        if (!passedPrevious) {
            passedPrevious = event.getTxId() === afterTransactionId;
            return false;
        }
        return event.getChaincodeId() === chaincodeId;
    };
}

// Streams chaincode events block by block: committed blocks from the start block, then live as blocks commit.
import { gateway } from '@hyperledger/fabric-protos';
import type { BlockEvents, BlockLedger } from '../ports';
import { followBlocks, type CancelSignal } from './block-stream';
import { blockChaincodeEvents, chaincodeEventMatcher } from './chaincode-events';

export interface EventStreamOptions {
    readonly ledger: BlockLedger;
    readonly notifier: BlockEvents;
    readonly startBlock: bigint;
    readonly chaincodeId: string;
    readonly afterTransactionId: string;
    readonly send: (response: gateway.ChaincodeEventsResponse) => Promise<void>;
    readonly signal: CancelSignal;
}

export async function streamChaincodeEvents(options: EventStreamOptions): Promise<void> {
    const isMatch = chaincodeEventMatcher(options.chaincodeId, options.afterTransactionId);
    await followBlocks({
        ledger: options.ledger,
        notifier: options.notifier,
        start: options.startBlock,
        signal: options.signal,
        visit: async (number, bytes) => {
            const matching = blockChaincodeEvents(bytes).events.filter(isMatch);
            if (matching.length === 0) {
                return;
            }
            const response = new gateway.ChaincodeEventsResponse();
            response.setBlockNumber(Number(number));
            response.setEventsList(matching);
            await options.send(response);
        },
    });
}

// The peer's Deliver service (Deliver, DeliverFiltered, DeliverWithPrivateData): blocks of the channel from a
// seek position, as Fabric's common/deliver handler serves them to block event listeners; with private data, each
// block comes with the private write sets the requester may see (block-private-data.ts).
import { common, type ledger, orderer, peer } from '@hyperledger/fabric-protos';
import type { BlockEvents } from '../ports';
import type { BlockLedger, Identity, Msp } from '../ports';
import { parseTransaction } from '../committer/transaction';
import { blockPrivateDataMap, MissingCollectionConfigError, type PrivateDataSource } from './block-private-data';
import { followBlocks, type CancelSignal } from './block-stream';
import { checkReaders } from './signed-request';

export type DeliverKind = 'full' | 'filtered' | 'private';

export interface DeliverOptions<I extends Identity> {
    readonly channel: string;
    readonly msp: Msp<I>;
    readonly readerMspIds: readonly string[];
    readonly ledger: BlockLedger;
    readonly notifier: BlockEvents;
    /** The serving peer's private data, for DeliverWithPrivateData. */
    readonly privateData: PrivateDataSource<I>;
}

type Send = (response: peer.DeliverResponse) => Promise<void>;

const MAX_BLOCK = BigInt(Number.MAX_SAFE_INTEGER);

export class DeliverService<I extends Identity> {
    readonly #options: DeliverOptions<I>;

    constructor(options: Readonly<DeliverOptions<I>>) {
        this.#options = options;
    }

    /** Serves one seek request; always ends by sending a status (unless cancelled). */
    async handle(envelope: common.Envelope, kind: DeliverKind, send: Send, signal: CancelSignal): Promise<void> {
        const request = this.#parse(envelope);
        if ('status' in request) {
            await send(statusResponse(request.status));
            return;
        }
        const height = await this.#options.ledger.height();
        const start = seekNumber(request.seekInfo.getStart(), height);
        const stop = seekNumber(request.seekInfo.getStop(), height);
        if (start > stop) {
            await send(statusResponse(common.Status.BAD_REQUEST));
            return;
        }
        const failIfNotReady = request.seekInfo.getBehavior() === orderer.SeekInfo.SeekBehavior.FAIL_IF_NOT_READY;
        if (failIfNotReady && start >= height) {
            await send(statusResponse(common.Status.NOT_FOUND));
            return;
        }
        try {
            await followBlocks({
                ledger: this.#options.ledger,
                notifier: this.#options.notifier,
                start,
                stop: failIfNotReady && stop >= height ? height - 1n : stop,
                signal,
                visit: async (number, bytes) => {
                    const privateData =
                        kind === 'private'
                            ? await blockPrivateDataMap(this.#options.privateData, number, request.requester)
                            : undefined;
                    await send(blockResponse(bytes, kind, privateData));
                },
            });
        } catch (error) {
            // Fabric's handler ends the stream with this status when a block response cannot be assembled.
            if (error instanceof MissingCollectionConfigError) {
                await send(statusResponse(common.Status.INTERNAL_SERVER_ERROR));
                return;
            }
            throw error;
        }
        if (!signal.cancelled) {
            await send(statusResponse(common.Status.SUCCESS));
        }
    }

    #parse(envelope: common.Envelope): { seekInfo: orderer.SeekInfo; requester: I } | { status: number } {
        let channelHeader: common.ChannelHeader;
        let signatureHeader: common.SignatureHeader;
        let seekInfo: orderer.SeekInfo;
        try {
            const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
            const header = payload.getHeader();
            if (!header) {
                return { status: common.Status.BAD_REQUEST };
            }
            channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
            signatureHeader = common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8());
            seekInfo = orderer.SeekInfo.deserializeBinary(payload.getData_asU8());
        } catch {
            return { status: common.Status.BAD_REQUEST };
        }
        if (channelHeader.getChannelId() !== this.#options.channel) {
            return { status: common.Status.NOT_FOUND };
        }
        const denied = checkReaders(
            { channel: this.#options.channel, msp: this.#options.msp, readerMspIds: this.#options.readerMspIds },
            {
                channel: channelHeader.getChannelId(),
                identity: signatureHeader.getCreator_asU8(),
                data: envelope.getPayload_asU8(),
                signature: envelope.getSignature_asU8(),
            },
        );
        if (denied !== undefined) {
            return { status: common.Status.FORBIDDEN };
        }
        return { seekInfo, requester: this.#options.msp.deserialize(signatureHeader.getCreator_asU8()) };
    }
}

function seekNumber(position: orderer.SeekPosition | undefined, height: bigint): bigint {
    switch (position?.getTypeCase()) {
        case orderer.SeekPosition.TypeCase.OLDEST:
            return 0n;
        case orderer.SeekPosition.TypeCase.SPECIFIED: {
            const number = BigInt(position.getSpecified()?.getNumber() ?? 0);
            // Clients ask for "forever" with the largest uint64, which JavaScript numbers cannot hold exactly.
            return number >= MAX_BLOCK ? MAX_BLOCK : number;
        }
        case orderer.SeekPosition.TypeCase.NEXT_COMMIT:
            return height;
        default:
            return height > 0n ? height - 1n : 0n;
    }
}

function statusResponse(status: number): peer.DeliverResponse {
    const response = new peer.DeliverResponse();
    response.setStatus(status as common.StatusMap[keyof common.StatusMap]);
    return response;
}

function blockResponse(
    bytes: Uint8Array,
    kind: DeliverKind,
    privateData: ReadonlyMap<number, ledger.rwset.TxPvtReadWriteSet> | undefined,
): peer.DeliverResponse {
    const block = common.Block.deserializeBinary(bytes);
    const response = new peer.DeliverResponse();
    switch (kind) {
        case 'full':
            response.setBlock(block);
            break;
        case 'private': {
            const withPrivateData = new peer.BlockAndPrivateData();
            withPrivateData.setBlock(block);
            const map = withPrivateData.getPrivateDataMapMap();
            for (const [txNum, txPvtRwSet] of privateData ?? []) {
                map.set(txNum, txPvtRwSet);
            }
            response.setBlockAndPrivateData(withPrivateData);
            break;
        }
        case 'filtered':
            response.setFilteredBlock(filteredBlock(block));
            break;
    }
    return response;
}

function filteredBlock(block: common.Block): peer.FilteredBlock {
    const filter = block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER];
    const filtered = new peer.FilteredBlock();
    filtered.setNumber(block.getHeader()?.getNumber() ?? 0);
    const transactions = (block.getData()?.getDataList_asU8() ?? []).map((envelope, index) => {
        const tx = parseTransaction(envelope);
        const transaction = new peer.FilteredTransaction();
        transaction.setTxid(tx.txId);
        transaction.setTxValidationCode(
            (filter?.[index] ??
                peer.TxValidationCode.NOT_VALIDATED) as peer.TxValidationCodeMap[keyof peer.TxValidationCodeMap],
        );
        if (tx.kind === 'config') {
            transaction.setType(common.HeaderType.CONFIG);
            filtered.setChannelId(tx.channelId);
        } else if (tx.kind === 'endorser') {
            transaction.setType(common.HeaderType.ENDORSER_TRANSACTION);
            filtered.setChannelId(tx.channelId);
            transaction.setTransactionActions(filteredActions(tx.events));
        }
        return transaction;
    });
    filtered.setFilteredTransactionsList(transactions);
    return filtered;
}

/** Filtered blocks carry chaincode events without their payload. */
function filteredActions(eventBytes: Uint8Array): peer.FilteredTransactionActions {
    const actions = new peer.FilteredTransactionActions();
    const action = new peer.FilteredChaincodeAction();
    if (eventBytes.length > 0) {
        const event = peer.ChaincodeEvent.deserializeBinary(eventBytes);
        event.setPayload(new Uint8Array());
        action.setChaincodeEvent(event);
    }
    actions.setChaincodeActionsList([action]);
    return actions;
}

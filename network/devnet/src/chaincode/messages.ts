// Building and naming peer.ChaincodeMessage values, the unit of Fabric's chaincode protocol.
import { peer } from '@hyperledger/fabric-protos';

export type MessageType = peer.ChaincodeMessage.TypeMap[keyof peer.ChaincodeMessage.TypeMap];

export const MessageTypes = peer.ChaincodeMessage.Type;

const typeNames = new Map<number, string>(Object.entries(MessageTypes).map(([name, value]) => [value, name]));

/** The protocol name of a message type (GET_STATE, ...), as the peer writes it in its error messages. */
export function messageTypeName(type: number): string {
    return typeNames.get(type) ?? String(type);
}

export interface MessageFields {
    readonly txId?: string;
    readonly channelId?: string;
    readonly payload?: Uint8Array;
}

export function newMessage(type: MessageType, fields: MessageFields = {}): peer.ChaincodeMessage {
    const message = new peer.ChaincodeMessage();
    message.setType(type);
    message.setTxid(fields.txId ?? '');
    message.setChannelId(fields.channelId ?? '');
    if (fields.payload !== undefined) {
        message.setPayload(fields.payload);
    }
    return message;
}

/**
 * Recognises a received ChaincodeMessage by shape, not by class: google-protobuf's generated classes live in one
 * global namespace, so when another copy of the protos is loaded in this process (fabric-shim bundles its own),
 * decoded messages are instances of whichever copy defined the class last.
 */
export function isChaincodeMessage(data: unknown): data is peer.ChaincodeMessage {
    if (typeof data !== 'object' || data === null) {
        return false;
    }
    const candidate = data as Partial<Record<'getType' | 'getTxid' | 'getPayload', unknown>>;
    return (
        typeof candidate.getType === 'function' &&
        typeof candidate.getTxid === 'function' &&
        typeof candidate.getPayload === 'function'
    );
}

/** A RESPONSE to a chaincode request, addressed to the same transaction. */
export function responseTo(request: peer.ChaincodeMessage, payload?: Uint8Array): peer.ChaincodeMessage {
    return newMessage(MessageTypes.RESPONSE, {
        txId: request.getTxid(),
        channelId: request.getChannelId(),
        payload,
    });
}

/** An ERROR to a chaincode request; the shim raises the payload text as the error message. */
export function errorTo(request: peer.ChaincodeMessage, text: string): peer.ChaincodeMessage {
    return newMessage(MessageTypes.ERROR, {
        txId: request.getTxid(),
        channelId: request.getChannelId(),
        payload: Buffer.from(text),
    });
}

/** The key the peer and the shim use to tell concurrent transactions on one stream apart. */
export function transactionKey(channelId: string, txId: string): string {
    return `${channelId}\u0000${txId}`;
}

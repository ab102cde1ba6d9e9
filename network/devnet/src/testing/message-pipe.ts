// Two ends of an in-process chaincode stream. Each message is serialised on one end and decoded on the other, a tick
// later, so both sides see exactly what would cross the gRPC stream between a peer and its chaincode.
import { EventEmitter } from 'node:events';
import { peer } from '@hyperledger/fabric-protos';
import type { MessageStream } from '../chaincode/stream-handler';

/** Anything with the protobuf encoding of a ChaincodeMessage (either copy of the generated classes). */
export interface SerializableMessage {
    serializeBinary(): Uint8Array;
}

/** The chaincode's end: what fabric-shim's ChaincodeMessageHandler reads from and writes to. */
export interface ChaincodeEnd {
    write(message: SerializableMessage): void;
    end(): void;
    on(event: string, listener: (...args: unknown[]) => void): unknown;
}

export interface MessagePipe {
    /** Given to the devnet's ChaincodeStreamHandler. */
    readonly peerEnd: MessageStream;
    /** Given to the chaincode. */
    readonly chaincodeEnd: ChaincodeEnd;
}

class PipeEnd extends EventEmitter {
    #other: PipeEnd | undefined;
    readonly #observe: ((message: peer.ChaincodeMessage) => void) | undefined;
    #ended = false;

    constructor(observe?: (message: peer.ChaincodeMessage) => void) {
        super();
        this.#observe = observe;
    }

    connect(other: PipeEnd): void {
        this.#other = other;
    }

    write(message: SerializableMessage): boolean {
        if (this.#ended) {
            throw new Error('write after end');
        }
        const bytes = message.serializeBinary();
        const other = this.#other;
        setImmediate(() => {
            other?.receive(bytes);
        });
        return true;
    }

    end(): void {
        if (this.#ended) {
            return;
        }
        this.#ended = true;
        const other = this.#other;
        setImmediate(() => {
            other?.emit('end');
            this.emit('close');
        });
    }

    receive(bytes: Uint8Array): void {
        if (this.#ended) {
            return;
        }
        const message = peer.ChaincodeMessage.deserializeBinary(bytes);
        this.#observe?.(message);
        this.emit('data', message);
    }
}

/**
 * A connected pair of stream ends. observeFromChaincode sees each message the chaincode sends, decoded, before the
 * peer end handles it.
 */
export function newMessagePipe(observeFromChaincode?: (message: peer.ChaincodeMessage) => void): MessagePipe {
    const peerEnd = new PipeEnd(observeFromChaincode);
    const chaincodeEnd = new PipeEnd();
    peerEnd.connect(chaincodeEnd);
    chaincodeEnd.connect(peerEnd);
    return { peerEnd, chaincodeEnd };
}

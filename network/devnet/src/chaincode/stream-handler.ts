// The peer side of one chaincode stream (core/chaincode/handler.go): the REGISTER → REGISTERED → READY handshake,
// then TRANSACTION messages out and the chaincode's ledger requests in, many transactions at a time,
// told apart by channel and transaction ID. Works the same whichever side dialled.
import { peer } from '@hyperledger/fabric-protos';
import type { Simulation } from '../ledger/simulation';
import type { ChaincodeEventRecord, ExecuteRequest, ExecuteResult } from './runtime';
import { ChaincodeExecutionError, EXECUTION_TIMEOUT, STREAM_TERMINATED, executionFailure } from './errors';
import { MessageTypes, errorTo, isChaincodeMessage, messageTypeName, newMessage, responseTo } from './messages';
import { shimRequestHandler } from './shim-requests';
import { type TransactionContext, TransactionContexts } from './transaction-context';

/** What the handler needs of a gRPC bidi stream, whether server side (Register) or client side (Connect). */
export interface MessageStream {
    write(message: peer.ChaincodeMessage): boolean;
    end(): void;
    on(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** Where a handler announces itself; register returns the devnet chaincode name or throws to refuse. */
export interface HandlerRegistrar {
    register(chaincodeId: string, handler: ChaincodeStreamHandler): string;
    ready(handler: ChaincodeStreamHandler): void;
    deregister(handler: ChaincodeStreamHandler): void;
}

export interface StreamHandlerOptions {
    readonly registrar: HandlerRegistrar;
    readonly executeTimeoutMs: number;
    readonly totalQueryLimit: number;
}

type HandlerState = 'created' | 'ready' | 'closed';

export class ChaincodeStreamHandler {
    readonly #stream: MessageStream;
    readonly #options: StreamHandlerOptions;
    readonly #contexts: TransactionContexts;
    readonly #closed: Promise<void>;
    #markClosed!: () => void;
    #state: HandlerState = 'created';
    #chaincodeId = '';
    #chaincodeName = '';

    constructor(stream: MessageStream, options: StreamHandlerOptions) {
        this.#stream = stream;
        this.#options = options;
        this.#contexts = new TransactionContexts(options.totalQueryLimit);
        this.#closed = new Promise((resolve) => (this.#markClosed = resolve));
        stream.on('data', (data) => {
            if (isChaincodeMessage(data)) {
                this.#receive(data);
            }
        });
        stream.on('end', () => {
            this.close();
        });
        stream.on('error', () => {
            this.#terminate();
        });
        stream.on('close', () => {
            this.#terminate();
        });
    }

    /** The ID the chaincode registered with ('name:version' or a package ID). */
    get chaincodeId(): string {
        return this.#chaincodeId;
    }

    /** The devnet chaincode name the ID was mapped to. */
    get chaincodeName(): string {
        return this.#chaincodeName;
    }

    get isReady(): boolean {
        return this.#state === 'ready';
    }

    /** Resolves once the stream has ended, for whatever reason. */
    get closed(): Promise<void> {
        return this.#closed;
    }

    async execute(request: ExecuteRequest, simulation: Simulation): Promise<ExecuteResult> {
        if (this.#state !== 'ready') {
            throw executionFailure(request.txId, STREAM_TERMINATED);
        }
        let context: TransactionContext;
        try {
            context = this.#contexts.create(request.channel, request.txId, simulation);
        } catch (err) {
            throw executionFailure(request.txId, (err as Error).message);
        }
        const timer = setTimeout(() => {
            context.fail(executionFailure(request.txId, EXECUTION_TIMEOUT));
        }, this.#options.executeTimeoutMs);
        try {
            this.#send(transactionMessage(request));
            return this.#toResult(request.txId, await context.completion);
        } finally {
            clearTimeout(timer);
            this.#contexts.delete(context);
        }
    }

    /** Ends the stream; transactions in flight fail with "chaincode stream terminated". */
    close(): void {
        if (this.#state !== 'closed') {
            try {
                this.#stream.end();
            } catch {
                // The stream is already gone; terminating is all that is left to do.
            }
        }
        this.#terminate();
    }

    #receive(message: peer.ChaincodeMessage): void {
        const type = message.getType();
        if (type === MessageTypes.KEEPALIVE || this.#state === 'closed') {
            return;
        }
        if (this.#state === 'created') {
            this.#handshake(message);
        } else if (type === MessageTypes.COMPLETED || type === MessageTypes.ERROR) {
            this.#contexts.get(message.getChannelId(), message.getTxid())?.complete(message);
        } else {
            void this.#serveRequest(message);
        }
    }

    #handshake(message: peer.ChaincodeMessage): void {
        if (message.getType() !== MessageTypes.REGISTER) {
            const type = messageTypeName(message.getType());
            this.#refuse(
                message,
                `[${message.getTxid()}] Fabric side handler cannot handle message (${type}) while in created state`,
            );
            return;
        }
        const chaincodeId = peer.ChaincodeID.deserializeBinary(message.getPayload_asU8()).getName();
        if (chaincodeId === '') {
            this.#refuse(message, 'error in handling register chaincode, chaincodeID name is empty');
            return;
        }
        try {
            this.#chaincodeName = this.#options.registrar.register(chaincodeId, this);
        } catch (err) {
            this.#refuse(message, (err as Error).message);
            return;
        }
        this.#chaincodeId = chaincodeId;
        this.#send(newMessage(MessageTypes.REGISTERED));
        this.#send(newMessage(MessageTypes.READY));
        this.#state = 'ready';
        this.#options.registrar.ready(this);
    }

    #refuse(message: peer.ChaincodeMessage, reason: string): void {
        this.#send(errorTo(message, reason));
        this.close();
    }

    async #serveRequest(message: peer.ChaincodeMessage): Promise<void> {
        const type = messageTypeName(message.getType());
        const handler = shimRequestHandler(message.getType());
        if (!handler) {
            this.#send(
                errorTo(
                    message,
                    `[${message.getTxid()}] Fabric side handler cannot handle message (${type}) while in ready state`,
                ),
            );
            return;
        }
        const context = this.#contexts.get(message.getChannelId(), message.getTxid());
        if (context && !context.beginRequest()) {
            this.#send(
                errorTo(
                    message,
                    `${type} failed: transaction ID: ${message.getTxid()}: another request is pending for this transaction`,
                ),
            );
            return;
        }
        try {
            if (!context) {
                throw new Error('no ledger context');
            }
            this.#send(responseTo(message, await handler(message.getPayload_asU8(), context)));
        } catch (err) {
            this.#send(errorTo(message, `${type} failed: transaction ID: ${message.getTxid()}: ${errorMessage(err)}`));
        } finally {
            context?.endRequest();
        }
    }

    #toResult(txId: string, reply: peer.ChaincodeMessage): ExecuteResult {
        if (reply.getType() === MessageTypes.ERROR) {
            const failure = Buffer.from(reply.getPayload_asU8()).toString();
            throw new ChaincodeExecutionError({ txId, message: `transaction returned with failure: ${failure}` });
        }
        const response = peer.Response.deserializeBinary(reply.getPayload_asU8());
        const event = reply.getChaincodeEvent();
        return {
            response: {
                status: response.getStatus(),
                message: response.getMessage(),
                payload: response.getPayload_asU8(),
            },
            ...(event ? { event: this.#toEvent(txId, event) } : {}),
        };
    }

    #toEvent(txId: string, event: peer.ChaincodeEvent): ChaincodeEventRecord {
        // As on the peer, the event is labelled with the chaincode name and transaction ID the peer knows.
        return {
            chaincodeId: this.#chaincodeName,
            txId,
            eventName: event.getEventName(),
            payload: event.getPayload_asU8(),
        };
    }

    #send(message: peer.ChaincodeMessage): void {
        if (this.#state === 'closed') {
            return;
        }
        try {
            this.#stream.write(message);
        } catch {
            this.#terminate();
        }
    }

    #terminate(): void {
        if (this.#state === 'closed') {
            return;
        }
        const wasRegistered = this.#chaincodeName !== '';
        this.#state = 'closed';
        this.#contexts.failAll((context) => executionFailure(context.txId, STREAM_TERMINATED));
        if (wasRegistered) {
            this.#options.registrar.deregister(this);
        }
        this.#markClosed();
    }
}

function transactionMessage(request: ExecuteRequest): peer.ChaincodeMessage {
    const input = peer.ChaincodeInput.deserializeBinary(request.input);
    const message = newMessage(input.getIsInit() ? MessageTypes.INIT : MessageTypes.TRANSACTION, {
        txId: request.txId,
        channelId: request.channel,
        payload: request.input,
    });
    if (request.signedProposal.length > 0) {
        message.setProposal(peer.SignedProposal.deserializeBinary(request.signedProposal));
    }
    return message;
}

function errorMessage(err: unknown): string {
    return err instanceof Error ? err.message : String(err);
}

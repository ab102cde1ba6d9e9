// A TLS gRPC server for one organisation's peer, serving the gateway.Gateway service on 127.0.0.1.
import {
    Server,
    ServerCredentials,
    status,
    type sendUnaryData,
    type ServerUnaryCall,
    type ServerDuplexStream,
    type ServerWritableStream,
    type ServiceError,
} from '@grpc/grpc-js';
import { type common, gateway, peer } from '@hyperledger/fabric-protos';
import type { DeliverKind, DeliverService } from './deliver';
import type { Identity } from '../ports';
import type { CancelSignal, GatewayService } from './gateway-service';
import { withoutClassChecks } from '../protocol-services';
import { RpcError } from './rpc-error';

/** Fabric peers accept messages up to 100 MiB. */
const MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

export interface PeerServerOptions<I extends Identity> {
    readonly host: string;
    /** 0 for an ephemeral port. */
    readonly port: number;
    readonly tls: { readonly certificate: Buffer; readonly privateKey: Buffer };
    readonly gateway: GatewayService<I>;
    readonly deliver: DeliverService<I>;
}

export interface PeerServer {
    readonly port: number;
    readonly endpoint: string;
    stop(): Promise<void>;
}

export async function startPeerServer<I extends Identity>(
    options: Readonly<PeerServerOptions<I>>,
): Promise<PeerServer> {
    const server = new Server({
        'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
        'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
    });
    server.addService(withoutClassChecks(gateway.GatewayService), gatewayHandlers(options.gateway));
    server.addService(withoutClassChecks(peer.DeliverService), deliverHandlers(options.deliver));
    const credentials = ServerCredentials.createSsl(
        null,
        [{ cert_chain: options.tls.certificate, private_key: options.tls.privateKey }],
        false,
    );
    const port = await new Promise<number>((resolve, reject) => {
        server.bindAsync(`${options.host}:${options.port}`, credentials, (error, boundPort) => {
            if (error) {
                reject(error);
            } else {
                resolve(boundPort);
            }
        });
    });
    return {
        port,
        endpoint: `${options.host}:${port}`,
        stop: () =>
            new Promise<void>((resolve) => {
                // Open event streams never end by themselves: give calls a moment, then cut them.
                const timer = setTimeout(() => {
                    server.forceShutdown();
                    resolve();
                }, 1000);
                server.tryShutdown(() => {
                    clearTimeout(timer);
                    resolve();
                });
            }),
    };
}

function gatewayHandlers<I extends Identity>(service: GatewayService<I>): gateway.IGatewayServer {
    return {
        evaluate: unary((call: ServerUnaryCall<gateway.EvaluateRequest, gateway.EvaluateResponse>) =>
            service.evaluate(call.request),
        ),
        endorse: unary((call: ServerUnaryCall<gateway.EndorseRequest, gateway.EndorseResponse>) =>
            service.endorse(call.request),
        ),
        submit: unary((call: ServerUnaryCall<gateway.SubmitRequest, gateway.SubmitResponse>) =>
            service.submit(call.request),
        ),
        commitStatus: unary((call: ServerUnaryCall<gateway.SignedCommitStatusRequest, gateway.CommitStatusResponse>) =>
            service.commitStatus(call.request, cancelSignal(call)),
        ),
        chaincodeEvents: (
            call: ServerWritableStream<gateway.SignedChaincodeEventsRequest, gateway.ChaincodeEventsResponse>,
        ) => {
            const send = (response: gateway.ChaincodeEventsResponse): Promise<void> =>
                new Promise((resolve) => {
                    // Respect back-pressure: wait for the write to drain before reading further blocks.
                    if (call.write(response)) {
                        resolve();
                    } else {
                        call.once('drain', resolve);
                    }
                });
            service.chaincodeEvents(call.request, send, cancelSignal(call)).then(
                () => call.end(),
                (error: unknown) => {
                    // grpc-js turns an 'error' event on a server stream into the call's final status.
                    call.emit('error', toServiceError(error));
                },
            );
        },
    };
}

function deliverHandlers<I extends Identity>(service: DeliverService<I>): peer.IDeliverServer {
    const handler =
        (kind: DeliverKind) =>
        (call: ServerDuplexStream<common.Envelope, peer.DeliverResponse>): void => {
            const signal = cancelSignal(call);
            const send = (response: peer.DeliverResponse): Promise<void> =>
                new Promise((resolve) => {
                    if (call.write(response)) {
                        resolve();
                    } else {
                        call.once('drain', resolve);
                    }
                });
            // Seek requests on one stream are served one after the other.
            let queue = Promise.resolve();
            call.on('data', (envelope: common.Envelope) => {
                queue = queue.then(() => service.handle(envelope, kind, send, signal));
            });
            call.on('end', () => {
                queue.then(
                    () => call.end(),
                    (error: unknown) => call.emit('error', toServiceError(error)),
                );
            });
        };
    return {
        deliver: handler('full'),
        deliverFiltered: handler('filtered'),
        deliverWithPrivateData: handler('private'),
    };
}

/** Adapts a handler to grpc-js; a refusal thrown synchronously becomes the call's status like a rejection. */
function unary<Req, Res>(
    handler: (call: ServerUnaryCall<Req, Res>) => Promise<Res> | Res,
): (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => void {
    return (call, callback) => {
        new Promise<Res>((resolve) => {
            resolve(handler(call));
        }).then(
            (response) => {
                callback(null, response);
            },
            (error: unknown) => {
                callback(toServiceError(error));
            },
        );
    };
}

function toServiceError(error: unknown): Partial<ServiceError> {
    if (error instanceof RpcError) {
        return error.toServiceError();
    }
    return new RpcError(status.INTERNAL, error instanceof Error ? error.message : String(error)).toServiceError();
}

function cancelSignal(call: {
    cancelled: boolean;
    on(event: 'cancelled', listener: () => void): unknown;
}): CancelSignal {
    const listeners: (() => void)[] = [];
    let cancelled = false;
    call.on('cancelled', () => {
        cancelled = true;
        listeners.splice(0).forEach((listener) => {
            listener();
        });
    });
    return {
        get cancelled() {
            return cancelled || call.cancelled;
        },
        onCancel(listener) {
            listeners.push(listener);
        },
    };
}

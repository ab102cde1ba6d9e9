// One gRPC client over several peer gateways of one organisation: each call goes to the peer in use, and a call
// that cannot reach it is sent, byte for byte, to the organisation's next peer.
//
// Resending is safe for every call the Gateway service takes, because the bytes are signed once by the client and
// never change: Evaluate is a read; Endorse only simulates (the transaction ID stays the same, so at most one copy
// can ever be valid); Submit hands the same envelope to the ordering service, which a second time can at worst order
// as a duplicate that validation marks DUPLICATE_TXID; CommitStatus is a read keyed by the transaction ID. Nothing
// is ever re-proposed or re-signed here. Only UNAVAILABLE moves a call on: the peer could not be reached or dropped
// the connection. A deadline that passed is final (the time is gone), and so is any answer from a peer.
import { EventEmitter } from 'node:events';
import * as grpc from '@grpc/grpc-js';

/** One peer gateway the client may use: its address and the pooled gRPC client that reaches it. */
export interface PeerRoute {
    /** host:port, for messages. */
    readonly endpoint: string;
    /** The gRPC client to that peer. */
    readonly client: grpc.Client;
}

/** Told each time the client moves from a peer it could not reach to the organisation's next one. */
export interface FailoverNotice {
    /** The Gateway (or Deliver) method, e.g. `/gateway.Gateway/Endorse`. */
    readonly method: string;
    /** The endpoint that could not be reached. */
    readonly from: string;
    /** The endpoint calls go to from now on. */
    readonly to: string;
    /** What the unreachable peer's call ended with. */
    readonly reason: string;
}

/** What follows the argument in grpc-js's overloads: [metadata], [options], callback. */
type UnaryRest<Response> = (grpc.Metadata | grpc.CallOptions | grpc.requestCallback<Response>)[];

interface UnaryArguments<Response> {
    readonly metadata: grpc.Metadata;
    readonly options: grpc.CallOptions;
    readonly callback: grpc.requestCallback<Response>;
}

function unaryArguments<Response>(rest: UnaryRest<Response>): UnaryArguments<Response> {
    const callback = rest.find((value): value is grpc.requestCallback<Response> => typeof value === 'function');
    if (callback === undefined) {
        throw new TypeError('a unary gRPC call needs a callback');
    }
    const metadata = rest.find((value) => value instanceof grpc.Metadata) ?? new grpc.Metadata();
    const options =
        rest.find(
            (value): value is grpc.CallOptions => typeof value === 'object' && !(value instanceof grpc.Metadata),
        ) ?? {};
    return { metadata, options, callback };
}

/** A stream's optional [metadata], [options], as grpc-js takes them. */
function streamArguments(
    metadataOrOptions: grpc.Metadata | grpc.CallOptions | undefined,
    maybeOptions: grpc.CallOptions | undefined,
): { metadata: grpc.Metadata; options: grpc.CallOptions } {
    return metadataOrOptions instanceof grpc.Metadata
        ? { metadata: metadataOrOptions, options: maybeOptions ?? {} }
        : { metadata: new grpc.Metadata(), options: metadataOrOptions ?? {} };
}

/** True when the deadline (an absolute Date or epoch milliseconds) has passed. */
function deadlinePassed(options: grpc.CallOptions): boolean {
    const deadline = options.deadline;
    if (deadline === undefined) {
        return false;
    }
    const at = deadline instanceof Date ? deadline.getTime() : deadline;
    return at !== Infinity && at <= Date.now();
}

/** The call handed back to the caller: cancelling it cancels whichever attempt is running. */
class FailoverUnaryCall extends EventEmitter implements grpc.ClientUnaryCall {
    #attempt: grpc.ClientUnaryCall | undefined;
    #cancelled = false;

    get cancelled(): boolean {
        return this.#cancelled;
    }

    follow(attempt: grpc.ClientUnaryCall): void {
        this.#attempt = attempt;
        attempt.on('metadata', (metadata: grpc.Metadata) => this.emit('metadata', metadata));
    }

    cancel(): void {
        this.#cancelled = true;
        this.#attempt?.cancel();
    }

    getPeer(): string {
        return this.#attempt?.getPeer() ?? '';
    }

    getAuthContext(): ReturnType<grpc.ClientUnaryCall['getAuthContext']> {
        return this.#attempt?.getAuthContext() ?? null;
    }
}

/**
 * A gRPC client for fabric-gateway's `connect` that spreads one organisation's calls over its peer gateways: it uses
 * one peer until a call cannot reach it, then the next, in the connection file's order, wrapping round. A unary call
 * is tried at most once on each peer; when none can be reached it fails with the last peer's error, its message
 * naming every endpoint tried. Streams (events, blocks) open on the peer in use; one that ends UNAVAILABLE moves the
 * next stream to the next peer. It does not own the routes' clients: `close()` releases them through `release`.
 */
export class FailoverClient extends grpc.Client {
    readonly #routes: readonly PeerRoute[];
    readonly #onFailover: ((notice: FailoverNotice) => void) | undefined;
    readonly #release: (route: PeerRoute) => void;
    #current = 0;
    #closed = false;

    /**
     * @param routes - the organisation's peers, in the order to try them (at least one)
     * @param release - gives a route's client back when this client closes
     * @param onFailover - told of each move to another peer
     */
    constructor(
        routes: readonly PeerRoute[],
        release: (route: PeerRoute) => void,
        onFailover?: (notice: FailoverNotice) => void,
    ) {
        const [first] = routes;
        if (first === undefined) {
            throw new Error('a failover client needs at least one peer endpoint');
        }
        // The base class is only the type fabric-gateway asks for: it shares the first route's channel and is
        // never used to make a call itself.
        super(first.endpoint, grpc.credentials.createInsecure(), { channelOverride: first.client.getChannel() });
        this.#routes = routes;
        this.#release = release;
        this.#onFailover = onFailover;
    }

    /** The endpoint calls go to now. */
    get endpoint(): string {
        return this.#route(this.#current).endpoint;
    }

    /**
     * A unary call (Evaluate, Endorse, Submit, CommitStatus) on the peer in use; sent unchanged to the next peer when
     * that one cannot be reached, as long as the deadline allows and some peer is untried.
     * @param method - the gRPC method path
     * @param serialize - writes the request
     * @param deserialize - reads the response
     * @param argument - the request (already signed by fabric-gateway)
     * @param rest - [metadata], [call options], callback, as grpc-js takes them
     * @returns the call; cancelling it cancels the attempt that is running
     */
    override makeUnaryRequest<Request, Response>(
        method: string,
        serialize: (value: Request) => Buffer,
        deserialize: (value: Buffer) => Response,
        argument: Request,
        ...rest: UnaryRest<Response>
    ): grpc.ClientUnaryCall {
        const { metadata, options, callback } = unaryArguments(rest);
        const call = new FailoverUnaryCall();
        const tried: string[] = [];
        const attempt = (): void => {
            const index = this.#current;
            const route = this.#route(index);
            tried.push(route.endpoint);
            let final = true;
            const inner = route.client.makeUnaryRequest(
                method,
                serialize,
                deserialize,
                argument,
                metadata,
                options,
                (error: grpc.ServiceError | null, value?: Response) => {
                    if (error === null) {
                        callback(null, value);
                        return;
                    }
                    const unreachable = error.code === grpc.status.UNAVAILABLE;
                    if (unreachable) {
                        this.#moveOn(index, method, error);
                    }
                    if (
                        unreachable &&
                        tried.length < this.#routes.length &&
                        !call.cancelled &&
                        !deadlinePassed(options)
                    ) {
                        final = false;
                        attempt();
                        return;
                    }
                    if (tried.length > 1) {
                        error.message = `${error.message} (tried ${tried.join(', ')})`;
                    }
                    callback(error);
                },
            );
            inner.on('status', (status: grpc.StatusObject) => {
                if (final) {
                    call.emit('status', status);
                }
            });
            call.follow(inner);
        };
        attempt();
        return call;
    }

    /**
     * A server stream (chaincode events) on the peer in use.
     * @param method - the gRPC method path
     * @param serialize - writes the request
     * @param deserialize - reads each response
     * @param argument - the request
     * @param metadataOrOptions - metadata, or the call options
     * @param maybeOptions - the call options, after metadata
     * @returns the stream
     */
    override makeServerStreamRequest<Request, Response>(
        method: string,
        serialize: (value: Request) => Buffer,
        deserialize: (value: Buffer) => Response,
        argument: Request,
        metadataOrOptions?: grpc.Metadata | grpc.CallOptions,
        maybeOptions?: grpc.CallOptions,
    ): grpc.ClientReadableStream<Response> {
        const index = this.#current;
        const { metadata, options } = streamArguments(metadataOrOptions, maybeOptions);
        const stream = this.#route(index).client.makeServerStreamRequest(
            method,
            serialize,
            deserialize,
            argument,
            metadata,
            options,
        );
        return this.#watch(stream, index, method);
    }

    /**
     * A bidirectional stream (Deliver: blocks) on the peer in use.
     * @param method - the gRPC method path
     * @param serialize - writes each request
     * @param deserialize - reads each response
     * @param metadataOrOptions - metadata, or the call options
     * @param maybeOptions - the call options, after metadata
     * @returns the stream
     */
    override makeBidiStreamRequest<Request, Response>(
        method: string,
        serialize: (value: Request) => Buffer,
        deserialize: (value: Buffer) => Response,
        metadataOrOptions?: grpc.Metadata | grpc.CallOptions,
        maybeOptions?: grpc.CallOptions,
    ): grpc.ClientDuplexStream<Request, Response> {
        const index = this.#current;
        const { metadata, options } = streamArguments(metadataOrOptions, maybeOptions);
        const stream = this.#route(index).client.makeBidiStreamRequest(
            method,
            serialize,
            deserialize,
            metadata,
            options,
        );
        return this.#watch(stream, index, method);
    }

    /** Releases every route's client once; the shared channels close when their last user releases them. */
    override close(): void {
        if (this.#closed) {
            return;
        }
        this.#closed = true;
        for (const route of this.#routes) {
            this.#release(route);
        }
    }

    /** A stream that ends because its peer is unreachable sends the next stream to the next peer. */
    #watch<Stream extends grpc.ClientReadableStream<unknown>>(stream: Stream, index: number, method: string): Stream {
        stream.on('error', (error: grpc.ServiceError) => {
            if (error.code === grpc.status.UNAVAILABLE && this.#routes.length > 1) {
                this.#moveOn(index, method, error);
            }
        });
        return stream;
    }

    #moveOn(failed: number, method: string, error: grpc.ServiceError): void {
        // Several calls in flight may fail on one peer: only the first moves the client on.
        if (this.#current !== failed) {
            return;
        }
        this.#current = (failed + 1) % this.#routes.length;
        this.#onFailover?.({
            method,
            from: this.#route(failed).endpoint,
            to: this.#route(this.#current).endpoint,
            reason: error.details || error.message,
        });
    }

    #route(index: number): PeerRoute {
        const route = this.#routes[index];
        if (route === undefined) {
            throw new Error(`no peer route ${String(index)}`);
        }
        return route;
    }
}

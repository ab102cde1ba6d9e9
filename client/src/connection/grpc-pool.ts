// One gRPC channel per peer endpoint, shared by every identity that connects through it.
import { readFile } from 'node:fs/promises';
import * as grpc from '@grpc/grpc-js';

/** A peer endpoint and how to check its TLS certificate. */
export interface EndpointTls {
    /** host:port. */
    readonly endpoint: string;
    /** The host name the peer's TLS certificate is issued for. */
    readonly hostAlias: string;
    /** PEM file of the CA that issued it. */
    readonly tlsCACertPath: string;
}

/** Peers refuse clients that ping more often than every 60 s (keepalive minInterval); stay above it. */
const channelOptions: grpc.ChannelOptions = {
    'grpc.keepalive_time_ms': 120_000,
    'grpc.keepalive_timeout_ms': 20_000,
    'grpc.keepalive_permit_without_calls': 0,
    'grpc.max_receive_message_length': 100 * 1024 * 1024,
    'grpc.max_send_message_length': 100 * 1024 * 1024,
};

/** How the pool makes a channel: reads the CA file and opens the gRPC client. Tests pass a double. */
export interface ChannelFactory {
    /**
     * Reads a PEM file.
     * @param path - the file
     * @returns its bytes
     */
    readFile(path: string): Promise<Buffer>;
    /**
     * Opens a gRPC client (lazily: no connection is made until the first call).
     * @param target - the endpoint and its TLS host name
     * @param tlsRootCert - the PEM of the CA that issued the peer's TLS certificate
     * @returns the client
     */
    newClient(target: EndpointTls, tlsRootCert: Buffer): grpc.Client;
}

const grpcChannels: ChannelFactory = {
    readFile: (path) => readFile(path),
    newClient: (target, tlsRootCert) =>
        new grpc.Client(target.endpoint, grpc.credentials.createSsl(tlsRootCert), {
            ...channelOptions,
            'grpc.ssl_target_name_override': target.hostAlias,
            'grpc.default_authority': target.hostAlias,
        }),
};

interface Entry {
    /** Settles once the channel is open; concurrent acquirers of one endpoint all wait on it. */
    readonly client: Promise<grpc.Client>;
    users: number;
}

/**
 * Reference-counted gRPC clients keyed by endpoint and TLS host name. Pass one to several `connect` calls so that
 * identities of one organisation share a channel; each client's `close()` releases its reference. Disposable:
 * `using pool = new GrpcClientPool()` closes it at the end of the scope.
 * @example
 * using pool = new GrpcClientPool();
 * using admin = await connect({ connectionFile, identity: 'Admin', pool });
 * using user = await connect({ connectionFile, identity: 'User1', pool });
 */
export class GrpcClientPool implements Disposable {
    readonly #entries = new Map<string, Entry>();
    readonly #keys = new Map<grpc.Client, string>();
    readonly #channels: ChannelFactory;
    #closed = false;

    /** @param channels - how channels are made (default: read the CA file, open a TLS gRPC client) */
    constructor(channels: ChannelFactory = grpcChannels) {
        this.#channels = channels;
    }

    /**
     * Returns the shared client for an endpoint, creating it on first use. Concurrent calls for one endpoint share
     * one channel.
     * @param target - the endpoint and its TLS settings
     * @returns the gRPC client; give it back with {@link GrpcClientPool.release}
     * @throws when the TLS CA file cannot be read, or the pool is closed
     */
    async acquire(target: EndpointTls): Promise<grpc.Client> {
        if (this.#closed) {
            throw new Error(`cannot acquire a channel to ${target.endpoint}: the pool is closed`);
        }
        const key = `${target.endpoint}|${target.hostAlias}|${target.tlsCACertPath}`;
        let entry = this.#entries.get(key);
        if (entry === undefined) {
            entry = { client: this.#open(key, target), users: 0 };
            this.#entries.set(key, entry);
        }
        entry.users++;
        // When opening fails, the entry is already gone: nothing to give back.
        return entry.client;
    }

    async #open(key: string, target: EndpointTls): Promise<grpc.Client> {
        let tlsRootCert: Buffer;
        try {
            tlsRootCert = await this.#channels.readFile(target.tlsCACertPath);
        } catch (error) {
            this.#entries.delete(key);
            throw new Error(`cannot read the TLS CA certificate of ${target.endpoint}: ${String(error)}`, {
                cause: error,
            });
        }
        const client = this.#channels.newClient(target, tlsRootCert);
        if (this.#closed) {
            // Closed while the file was read: nobody may use the channel.
            client.close();
            this.#entries.delete(key);
            throw new Error(`cannot acquire a channel to ${target.endpoint}: the pool is closed`);
        }
        this.#keys.set(client, key);
        return client;
    }

    /**
     * Gives back a client from {@link GrpcClientPool.acquire}; the last release closes it. Releasing a client the
     * pool no longer holds does nothing.
     * @param client - the client acquired
     */
    release(client: grpc.Client): void {
        const key = this.#keys.get(client);
        const entry = key === undefined ? undefined : this.#entries.get(key);
        if (key === undefined || entry === undefined) {
            return;
        }
        if (--entry.users === 0) {
            client.close();
            this.#entries.delete(key);
            this.#keys.delete(client);
        }
    }

    /** Closes every client, whoever still holds it. Closing again does nothing. */
    close(): void {
        this.#closed = true;
        for (const client of this.#keys.keys()) {
            client.close();
        }
        this.#keys.clear();
        this.#entries.clear();
    }

    /** Closes the pool, as {@link GrpcClientPool.close}. */
    [Symbol.dispose](): void {
        this.close();
    }
}

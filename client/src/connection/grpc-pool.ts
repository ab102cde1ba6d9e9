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

/**
 * Reference-counted gRPC clients keyed by endpoint and TLS host name. Pass one to several `connect` calls so that
 * identities of one organisation share a channel; each client's `close()` releases its reference.
 * @example
 * const pool = new GrpcClientPool();
 * const admin = await connect({ connectionFile, identity: 'Admin', pool });
 * const user = await connect({ connectionFile, identity: 'User1', pool });
 */
export class GrpcClientPool {
    readonly #clients = new Map<string, { client: grpc.Client; users: number }>();

    /**
     * Returns the shared client for an endpoint, creating it on first use.
     * @param target - the endpoint and its TLS settings
     * @returns the gRPC client; give it back with {@link GrpcClientPool.release}
     * @throws when the TLS CA file cannot be read
     */
    async acquire(target: EndpointTls): Promise<grpc.Client> {
        const key = `${target.endpoint}|${target.hostAlias}|${target.tlsCACertPath}`;
        const existing = this.#clients.get(key);
        if (existing !== undefined) {
            existing.users++;
            return existing.client;
        }
        const credentials = grpc.credentials.createSsl(await readFile(target.tlsCACertPath));
        const client = new grpc.Client(target.endpoint, credentials, {
            ...channelOptions,
            'grpc.ssl_target_name_override': target.hostAlias,
            'grpc.default_authority': target.hostAlias,
        });
        this.#clients.set(key, { client, users: 1 });
        return client;
    }

    /**
     * Gives back a client from {@link GrpcClientPool.acquire}; the last release closes it.
     * @param client - the client acquired
     */
    release(client: grpc.Client): void {
        for (const [key, entry] of this.#clients) {
            if (entry.client === client && --entry.users === 0) {
                entry.client.close();
                this.#clients.delete(key);
            }
        }
    }

    /** Closes every client, whoever still holds it. */
    close(): void {
        for (const entry of this.#clients.values()) {
            entry.client.close();
        }
        this.#clients.clear();
    }
}

// One gRPC channel per peer endpoint, shared by every identity that connects through it.
import { readFile } from 'node:fs/promises';
import * as grpc from '@grpc/grpc-js';

export interface EndpointTls {
    readonly endpoint: string;
    readonly hostAlias: string;
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

/** Reference-counted gRPC clients keyed by endpoint and TLS host name. */
export class GrpcClientPool {
    readonly #clients = new Map<string, { client: grpc.Client; users: number }>();

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

    release(client: grpc.Client): void {
        for (const [key, entry] of this.#clients) {
            if (entry.client === client && --entry.users === 0) {
                entry.client.close();
                this.#clients.delete(key);
            }
        }
    }

    close(): void {
        for (const entry of this.#clients.values()) {
            entry.client.close();
        }
        this.#clients.clear();
    }
}

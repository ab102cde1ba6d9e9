// The devnet's ChaincodeRuntime: chaincode processes that dial in (transport a) and chaincode servers the devnet
// dials (transport b), both served by ChaincodeStreamHandler and looked up by chaincode name.
import type { Simulation } from '../ledger/simulation';
import { type ChaincodeServerEndpoint, connectChaincodeServer } from './ccaas-connector';
import { type ChaincodeDefinition, ChaincodeRegistry } from './chaincode-registry';
import { ChaincodeExecutionError } from './errors';
import { DEFAULT_TOTAL_QUERY_LIMIT } from './query-registry';
import type { ChaincodeRuntime, ExecuteRequest, ExecuteResult } from './runtime';
import { ChaincodeStreamHandler, type MessageStream } from './stream-handler';
import { ChaincodeSupportServer, type ServerTlsOptions } from './support-server';

export interface ChaincodeRuntimeOptions {
    /** host:port chaincode processes dial (their --peer.address); port 0 picks a free port. Omit for CCaaS only. */
    readonly listenAddress?: string;
    readonly tls?: ServerTlsOptions;
    /** The chaincodes and their registration IDs; when empty, a chaincode is named by its ID's part before ':'. */
    readonly chaincodes?: readonly ChaincodeDefinition[];
    /** core.yaml chaincode.executetimeout; default 30 s. */
    readonly executeTimeoutMs?: number;
    /** core.yaml ledger.state.totalQueryLimit; default 100000. */
    readonly totalQueryLimit?: number;
}

export interface DevnetChaincodeRuntime extends ChaincodeRuntime {
    /** The address chaincode processes dial, when listening. */
    readonly peerAddress: string | undefined;
    /**
     * Dials a running chaincode server for the named chaincode and waits until it is ready. The endpoint is
     * remembered: if the connection drops, the next execute dials again, as the peer relaunches on demand.
     */
    connectChaincodeServer(name: string, endpoint: ChaincodeServerEndpoint): Promise<void>;
}

const DEFAULT_EXECUTE_TIMEOUT_MS = 30_000;
const DEFAULT_DIAL_TIMEOUT_MS = 10_000;

class DevnetChaincodeRuntimeImpl implements DevnetChaincodeRuntime {
    readonly #registry: ChaincodeRegistry;
    readonly #executeTimeoutMs: number;
    readonly #totalQueryLimit: number;
    readonly #endpoints = new Map<string, ChaincodeServerEndpoint>();
    readonly #connections = new Set<{ close(): void }>();
    #server: ChaincodeSupportServer | undefined;
    #closed = false;

    constructor(options: ChaincodeRuntimeOptions) {
        this.#registry = new ChaincodeRegistry(options.chaincodes ?? []);
        this.#executeTimeoutMs = options.executeTimeoutMs ?? DEFAULT_EXECUTE_TIMEOUT_MS;
        this.#totalQueryLimit = options.totalQueryLimit ?? DEFAULT_TOTAL_QUERY_LIMIT;
    }

    get peerAddress(): string | undefined {
        return this.#server?.address;
    }

    async listen(listenAddress: string, tls?: ServerTlsOptions): Promise<void> {
        this.#server = await ChaincodeSupportServer.start(listenAddress, (stream) => this.#accept(stream), tls);
    }

    async waitReady(chaincodeName: string, timeoutMs: number): Promise<void> {
        await this.#registry.waitReady(chaincodeName, timeoutMs);
    }

    async execute(chaincodeName: string, request: ExecuteRequest, simulation: Simulation): Promise<ExecuteResult> {
        const handler =
            this.#registry.readyHandler(chaincodeName) ?? (await this.#reconnect(chaincodeName, request.txId));
        return handler.execute(request, simulation);
    }

    async connectChaincodeServer(name: string, endpoint: ChaincodeServerEndpoint): Promise<void> {
        this.#endpoints.set(name, endpoint);
        const connection = await connectChaincodeServer(endpoint);
        this.#connections.add(connection);
        const handler = this.#accept(connection.stream, name);
        void handler.closed.then(() => {
            connection.close();
            this.#connections.delete(connection);
        });
        const registering = new AbortController();
        try {
            await Promise.race([
                this.#registry.waitReady(name, endpoint.dialTimeoutMs ?? DEFAULT_DIAL_TIMEOUT_MS, registering.signal),
                handler.closed.then(() => {
                    throw new Error(`chaincode server at ${endpoint.address} closed the stream before registering`);
                }),
            ]);
        } finally {
            registering.abort();
        }
    }

    async close(): Promise<void> {
        this.#closed = true;
        for (const handler of this.#registry.handlers()) {
            handler.close();
        }
        for (const connection of this.#connections) {
            connection.close();
        }
        this.#connections.clear();
        await this.#server?.stop();
    }

    #accept(stream: MessageStream, expectedName?: string): ChaincodeStreamHandler {
        const handler = new ChaincodeStreamHandler(stream, {
            registrar: this.#registry,
            executeTimeoutMs: this.#executeTimeoutMs,
            totalQueryLimit: this.#totalQueryLimit,
        });
        if (expectedName !== undefined) {
            this.#registry.expect(handler, expectedName);
        }
        if (this.#closed) {
            handler.close();
        }
        return handler;
    }

    async #reconnect(name: string, txId: string): Promise<ChaincodeStreamHandler> {
        const endpoint = this.#endpoints.get(name);
        if (endpoint && !this.#closed) {
            await this.connectChaincodeServer(name, endpoint);
        }
        const handler = this.#registry.readyHandler(name);
        if (!handler) {
            throw new ChaincodeExecutionError({ txId, message: `chaincode ${name} is not running on the devnet` });
        }
        return handler;
    }
}

/** Creates the chaincode runtime, listening for chaincode processes when options.listenAddress is given. */
export async function createChaincodeRuntime(options: ChaincodeRuntimeOptions = {}): Promise<DevnetChaincodeRuntime> {
    const runtime = new DevnetChaincodeRuntimeImpl(options);
    if (options.listenAddress !== undefined) {
        await runtime.listen(options.listenAddress, options.tls);
    }
    return runtime;
}

// Connecting as an organisation: one fabric-gateway connection over the organisation's own peer gateway.
import { type KeyObject, createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { type Gateway, connect as connectGateway, hash, signers } from '@hyperledger/fabric-gateway';
import { ContractCaller } from '../contracts/caller';
import { type DealsClient, DealsClientImpl } from '../contracts/deals';
import { type MembershipClient, MembershipClientImpl } from '../contracts/membership';
import { type ScenariosClient, ScenariosClientImpl } from '../contracts/scenarios';
import { type ShipmentsClient, ShipmentsClientImpl } from '../contracts/shipments';
import type { EventHandler, EventSubscription, ListenOptions } from '../events/events';
import { listen } from '../events/listener';
import type { BlockSummary } from '../ledger/block-summary';
import { summarizeBlock } from '../ledger/blocks';
import { FabricGatewayPort } from '../transactions/fabric-port';
import { type InvokerOptions, type RetryNotice, TransactionInvoker } from '../transactions/invoker';
import { type RetryOptions, defaultRetryOptions } from '../transactions/retry';
import { type ConnectionProfile, ConnectionProfileError, readConnectionProfile } from './profile';
import type { FailoverClient, FailoverNotice } from './failover-client';
import { GrpcClientPool } from './grpc-pool';
import { openPeerClient } from './peer-client';

/** Per-call deadlines in milliseconds, applied to every call of that kind. */
export interface Deadlines {
    /** A read (evaluate) on one peer. */
    readonly evaluateMs: number;
    /** Collecting the endorsements of a write. */
    readonly endorseMs: number;
    /** Handing the endorsed transaction to the orderer. */
    readonly submitMs: number;
    /** Waiting for the transaction's commit status (spans block cutting and validation). */
    readonly commitStatusMs: number;
}

/** The deadlines `connect` uses for what `ConnectOptions.deadlines` leaves out. */
export const defaultDeadlines: Deadlines = {
    evaluateMs: 5_000,
    endorseMs: 15_000,
    submitMs: 5_000,
    commitStatusMs: 60_000,
};

/** An identity given inline, as PEM text. */
export interface InlineIdentity {
    /** The X.509 certificate, PEM. */
    readonly certificate: string;
    /** Its private key, PEM (PKCS#8 or SEC1). */
    readonly privateKey: string;
}

/** How to connect: a connection file or profile, the identity, and optional deadlines, retries and channel pool. */
export interface ConnectOptions {
    /** The organisation's connection file (written by the network scripts or the devnet). */
    readonly connectionFile?: string;
    /** Or the profile itself. */
    readonly profile?: ConnectionProfile;
    /** A name from the profile's identities (default: its defaultIdentity), or PEM text. */
    readonly identity?: string | InlineIdentity;
    /** Overrides of {@link defaultDeadlines}. */
    readonly deadlines?: Partial<Deadlines>;
    /** Overrides of the read-conflict retry policy (default: 5 attempts, 50 ms doubling to at most 2 s, jittered). */
    readonly retry?: Partial<RetryOptions>;
    /** Told of each re-proposal after a read conflict (MVCC_READ_CONFLICT, PHANTOM_READ_CONFLICT). */
    readonly onRetry?: (notice: RetryNotice) => void;
    /** Share gRPC channels between connections to the same peer (e.g. several identities of one organisation). */
    readonly pool?: GrpcClientPool;
    /** Told each time calls move from an unreachable peer to the next of the connection file's `failoverPeers`. */
    readonly onFailover?: (notice: FailoverNotice) => void;
}

/** Blocks as they commit; close it to stop. */
export interface BlockStream extends AsyncIterable<BlockSummary> {
    /** Stops the stream; iteration then ends. */
    close(): void;
}

/** A connection to the association's chaincode as one identity of one organisation. */
export interface AssociationClient extends Disposable, AsyncDisposable {
    /** The organisation's name in its connection file, e.g. `healthco`. */
    readonly organization: string;
    /** The MSP ID the identity belongs to, e.g. `HealthcoMSP`. */
    readonly mspId: string;
    /** The membership contract: registry, charter and council motions. */
    readonly membership: MembershipClient;
    /** The scenarios contract: pilot application scenarios. */
    readonly scenarios: ScenariosClient;
    /** The deals contract: cross-organisation deals with confidential terms. */
    readonly deals: DealsClient;
    /** The shipments contract: medical transport under an inked deal. */
    readonly shipments: ShipmentsClient;
    /**
     * Subscribes to the chaincode's events, resuming from a checkpoint file when given. Delivery is at least once.
     * @param handler - called with each event, one at a time; the event is checkpointed when it returns
     * @param options - checkpoint file, start block, stream error callback
     * @returns the subscription; `close()` it to stop
     */
    listen(handler: EventHandler, options?: ListenOptions): Promise<EventSubscription>;
    /**
     * The channel's blocks as the organisation's peer commits them, each read into its transactions with their
     * validation codes and submitters. The stream does not reconnect by itself: on an error, open it again from
     * the next block you need.
     * @param options - `startBlock`: the first block to deliver (default: the next block to commit)
     * @returns the blocks, in order; `close()` the stream to stop
     */
    blocks(options?: { readonly startBlock?: bigint }): Promise<BlockStream>;
    /**
     * Stops its event listeners, closes the gateway connection and releases the gRPC channel. Closing again does
     * nothing. `using client = await connect(...)` calls it at the end of the scope.
     */
    close(): void;
    /** Closes the client, as {@link AssociationClient.close}. */
    [Symbol.dispose](): void;
    /** Closes its event listeners, waiting for a handler that is running to return, then closes the client. */
    [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Connects as an organisation's identity, through the organisation's own peer gateway. When the connection file
 * lists `failoverPeers`, a call that cannot reach the peer in use is sent, unchanged, to the next one.
 * @param options - the connection file (or profile), the identity, and optional deadlines, retries and pool
 * @returns a client with one typed facade per contract; `close()` it when done, or declare it with `using`
 * @throws {@link ConnectionProfileError} when the connection file is missing or incomplete, names no such identity,
 * or its identity's private key cannot be read
 * @example
 * using client = await connect({ connectionFile: 'network/generated/connections/healthco.json', identity: 'User1' });
 * const member = await client.membership.getMember('healthco');
 */
export async function connect(options: Readonly<ConnectOptions>): Promise<AssociationClient> {
    const profile = options.profile ?? (await loadProfile(options.connectionFile));
    const identity = await resolveIdentity(profile, options.identity);
    const deadlines = { ...defaultDeadlines, ...options.deadlines };
    // The key is parsed before a channel is opened, so a malformed key costs no channel.
    const signer = signers.newPrivateKeySigner(parsePrivateKey(identity.privateKey, profile));
    const pool = options.pool ?? new GrpcClientPool();
    const ownsPool = options.pool === undefined;
    const grpcClient = await openPeerClient(profile, {
        pool,
        ...(options.onFailover !== undefined ? { onFailover: options.onFailover } : {}),
    }).catch((error: unknown) => {
        if (ownsPool) {
            pool.close();
        }
        throw error;
    });
    try {
        const gateway = connectGateway({
            client: grpcClient,
            identity: { mspId: profile.mspId, credentials: Buffer.from(identity.certificate) },
            signer,
            hash: hash.sha256,
            evaluateOptions: () => ({ deadline: Date.now() + deadlines.evaluateMs }),
            endorseOptions: () => ({ deadline: Date.now() + deadlines.endorseMs }),
            submitOptions: () => ({ deadline: Date.now() + deadlines.submitMs }),
            commitStatusOptions: () => ({ deadline: Date.now() + deadlines.commitStatusMs }),
        });
        return new AssociationClientImpl(profile, gateway, grpcClient, pool, ownsPool, {
            retry: { ...defaultRetryOptions, ...options.retry },
            ...(options.onRetry !== undefined ? { onRetry: options.onRetry } : {}),
        });
    } catch (error) {
        grpcClient.close();
        if (ownsPool) {
            pool.close();
        }
        throw error;
    }
}

function parsePrivateKey(pem: string, profile: ConnectionProfile): KeyObject {
    try {
        return createPrivateKey(pem);
    } catch (error) {
        throw new ConnectionProfileError(
            `the private key of the identity for organisation ${profile.name} is not a PEM private key: ${String(error)}`,
        );
    }
}

class AssociationClientImpl implements AssociationClient {
    readonly organization: string;
    readonly mspId: string;
    readonly membership: MembershipClient;
    readonly scenarios: ScenariosClient;
    readonly deals: DealsClient;
    readonly shipments: ShipmentsClient;
    readonly #profile: ConnectionProfile;
    readonly #gateway: Gateway;
    readonly #grpcClient: FailoverClient;
    readonly #pool: GrpcClientPool;
    readonly #ownsPool: boolean;
    readonly #subscriptions = new Set<EventSubscription>();
    #closed = false;

    constructor(
        profile: ConnectionProfile,
        gateway: Gateway,
        grpcClient: FailoverClient,
        pool: GrpcClientPool,
        ownsPool: boolean,
        invokerOptions: Pick<InvokerOptions, 'retry' | 'onRetry'>,
    ) {
        this.organization = profile.name;
        this.mspId = profile.mspId;
        this.#profile = profile;
        this.#gateway = gateway;
        this.#grpcClient = grpcClient;
        this.#pool = pool;
        this.#ownsPool = ownsPool;
        const network = gateway.getNetwork(profile.channel);
        const invoker = new TransactionInvoker(new FabricGatewayPort(network, profile.chaincode), invokerOptions);
        const caller = (name: string): ContractCaller => new ContractCaller(invoker, name);
        this.membership = new MembershipClientImpl(caller('membership'));
        this.scenarios = new ScenariosClientImpl(caller('scenarios'));
        this.deals = new DealsClientImpl(caller('deals'), (ids) => this.#partyOrganizations(ids));
        this.shipments = new ShipmentsClientImpl(caller('shipments'));
    }

    async blocks(options: { readonly startBlock?: bigint } = {}): Promise<BlockStream> {
        if (this.#closed) {
            throw new Error(`cannot read blocks: the client of organisation ${this.organization} is closed`);
        }
        const network = this.#gateway.getNetwork(this.#profile.channel);
        const events = await network.getBlockEvents(
            options.startBlock === undefined ? {} : { startBlock: options.startBlock },
        );
        return {
            async *[Symbol.asyncIterator]() {
                for await (const block of events) {
                    yield summarizeBlock(block);
                }
            },
            close: () => {
                events.close();
            },
        };
    }

    async listen(handler: EventHandler, options?: ListenOptions): Promise<EventSubscription> {
        if (this.#closed) {
            throw new Error(`cannot listen: the client of organisation ${this.organization} is closed`);
        }
        const network = this.#gateway.getNetwork(this.#profile.channel);
        const subscription = await listen(network, this.#profile.chaincode, handler, options);
        this.#subscriptions.add(subscription);
        void subscription.done.finally(() => this.#subscriptions.delete(subscription)).catch(() => undefined);
        return subscription;
    }

    close(): void {
        if (this.#closed) {
            return;
        }
        this.#closed = true;
        for (const subscription of this.#subscriptions) {
            void subscription.close();
        }
        this.#gateway.close();
        this.#grpcClient.close();
        if (this.#ownsPool) {
            this.#pool.close();
        }
    }

    [Symbol.dispose](): void {
        this.close();
    }

    async [Symbol.asyncDispose](): Promise<void> {
        await Promise.all([...this.#subscriptions].map((subscription) => subscription.close()));
        this.close();
    }

    /** Every party's hosting MSP must endorse; the chaincode's own policy needs two organisations at least. */
    async #partyOrganizations(partyMemberIds: readonly string[]): Promise<string[]> {
        const members = await Promise.all(partyMemberIds.map((id) => this.membership.getMember(id)));
        const organizations = new Set(members.map((m) => m.hostMspId));
        if (organizations.size < 2) {
            organizations.add(this.mspId);
        }
        return [...organizations].sort();
    }
}

async function loadProfile(path: string | undefined): Promise<ConnectionProfile> {
    if (path === undefined) {
        throw new ConnectionProfileError('connect needs a connectionFile or a profile');
    }
    return readConnectionProfile(path);
}

async function resolveIdentity(
    profile: ConnectionProfile,
    identity: string | InlineIdentity | undefined,
): Promise<InlineIdentity> {
    if (identity !== undefined && typeof identity !== 'string') {
        return identity;
    }
    const name = identity ?? profile.defaultIdentity;
    const files = profile.identities[name];
    if (files === undefined) {
        throw new ConnectionProfileError(
            `organisation ${profile.name} has no identity ${name} (it has ${Object.keys(profile.identities).join(', ')})`,
        );
    }
    const [certificate, privateKey] = await Promise.all([
        readFile(files.certificate, 'utf8'),
        readFile(files.privateKey, 'utf8'),
    ]);
    return { certificate, privateKey };
}

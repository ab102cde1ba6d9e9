// Connecting as an organisation: one fabric-gateway connection over the organisation's own peer gateway.
import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type * as grpc from '@grpc/grpc-js';
import { type Gateway, connect as connectGateway, hash, signers } from '@hyperledger/fabric-gateway';
import { ContractCaller } from '../contracts/caller';
import { type DealsClient, DealsClientImpl } from '../contracts/deals';
import { type MembershipClient, MembershipClientImpl } from '../contracts/membership';
import { type ScenariosClient, ScenariosClientImpl } from '../contracts/scenarios';
import { type ShipmentsClient, ShipmentsClientImpl } from '../contracts/shipments';
import type { EventHandler, EventSubscription, ListenOptions } from '../events/events';
import { listen } from '../events/listener';
import { FabricGatewayPort } from '../transactions/fabric-port';
import { type InvokerOptions, type RetryNotice, TransactionInvoker } from '../transactions/invoker';
import { type RetryOptions, defaultRetryOptions } from '../transactions/retry';
import { type ConnectionProfile, ConnectionProfileError, readConnectionProfile } from './profile';
import { GrpcClientPool } from './grpc-pool';

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
}

/** A connection to the association's chaincode as one identity of one organisation. */
export interface AssociationClient {
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
    /** Closes the gateway connection and releases the gRPC channel. */
    close(): void;
}

/**
 * Connects as an organisation's identity, through the organisation's own peer gateway.
 * @param options - the connection file (or profile), the identity, and optional deadlines, retries and pool
 * @returns a client with one typed facade per contract; `close()` it when done
 * @throws {@link ConnectionProfileError} when the connection file is missing or incomplete, or names no such identity
 * @example
 * const client = await connect({ connectionFile: 'network/generated/connections/healthco.json', identity: 'User1' });
 * const member = await client.membership.getMember('healthco');
 * client.close();
 */
export async function connect(options: Readonly<ConnectOptions>): Promise<AssociationClient> {
    const profile = options.profile ?? (await loadProfile(options.connectionFile));
    const identity = await resolveIdentity(profile, options.identity);
    const deadlines = { ...defaultDeadlines, ...options.deadlines };
    const pool = options.pool ?? new GrpcClientPool();
    const ownsPool = options.pool === undefined;
    const grpcClient = await pool.acquire({
        endpoint: profile.peerEndpoint,
        hostAlias: profile.peerHostAlias,
        tlsCACertPath: profile.tlsCACert,
    });
    const gateway = connectGateway({
        client: grpcClient,
        identity: { mspId: profile.mspId, credentials: Buffer.from(identity.certificate) },
        signer: signers.newPrivateKeySigner(createPrivateKey(identity.privateKey)),
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
    readonly #grpcClient: grpc.Client;
    readonly #pool: GrpcClientPool;
    readonly #ownsPool: boolean;

    constructor(
        profile: ConnectionProfile,
        gateway: Gateway,
        grpcClient: grpc.Client,
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

    listen(handler: EventHandler, options?: ListenOptions): Promise<EventSubscription> {
        return listen(this.#gateway.getNetwork(this.#profile.channel), this.#profile.chaincode, handler, options);
    }

    close(): void {
        this.#gateway.close();
        if (this.#ownsPool) {
            this.#pool.close();
        } else {
            this.#pool.release(this.#grpcClient);
        }
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

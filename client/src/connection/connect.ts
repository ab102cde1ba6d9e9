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
import { type EventHandler, type EventSubscription, type ListenOptions, listen } from '../events/listener';
import { FabricGatewayPort } from '../transactions/fabric-port';
import { TransactionInvoker } from '../transactions/invoker';
import { type RetryOptions, defaultRetryOptions } from '../transactions/retry';
import { type ConnectionProfile, ConnectionProfileError, readConnectionProfile } from './profile';
import { GrpcClientPool } from './grpc-pool';

/** Per-call deadlines in milliseconds, applied to every call of that kind. */
export interface Deadlines {
    readonly evaluateMs: number;
    readonly endorseMs: number;
    readonly submitMs: number;
    readonly commitStatusMs: number;
}

export const defaultDeadlines: Deadlines = {
    evaluateMs: 5_000,
    endorseMs: 15_000,
    submitMs: 5_000,
    commitStatusMs: 60_000,
};

/** An identity given inline, as PEM text. */
export interface InlineIdentity {
    readonly certificate: string;
    readonly privateKey: string;
}

export interface ConnectOptions {
    /** The organisation's connection file (written by the network scripts or the devnet). */
    readonly connectionFile?: string;
    /** Or the profile itself. */
    readonly profile?: ConnectionProfile;
    /** A name from the profile's identities (default: its defaultIdentity), or PEM text. */
    readonly identity?: string | InlineIdentity;
    readonly deadlines?: Partial<Deadlines>;
    readonly retry?: Partial<RetryOptions>;
    /** Share gRPC channels between connections to the same peer (e.g. several identities of one organisation). */
    readonly pool?: GrpcClientPool;
}

/** A connection to the association's chaincode as one identity of one organisation. */
export interface AssociationClient {
    readonly organization: string;
    readonly mspId: string;
    readonly membership: MembershipClient;
    readonly scenarios: ScenariosClient;
    readonly deals: DealsClient;
    readonly shipments: ShipmentsClient;
    /** Subscribes to the chaincode's events, resuming from a checkpoint file when given. */
    listen(handler: EventHandler, options?: ListenOptions): Promise<EventSubscription>;
    /** Closes the gateway connection and releases the gRPC channel. */
    close(): void;
}

/**
 * Connects as an organisation's identity.
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
        ...defaultRetryOptions,
        ...options.retry,
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
        retry: RetryOptions,
    ) {
        this.organization = profile.name;
        this.mspId = profile.mspId;
        this.#profile = profile;
        this.#gateway = gateway;
        this.#grpcClient = grpcClient;
        this.#pool = pool;
        this.#ownsPool = ownsPool;
        const network = gateway.getNetwork(profile.channel);
        const invoker = new TransactionInvoker(new FabricGatewayPort(network, profile.chaincode), { retry });
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

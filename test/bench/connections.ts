// Connections the workloads use: @bia/client per (organisation, identity), and raw fabric-gateway contracts for
// the baseline and the client-overhead comparison. One gRPC channel per peer, shared by all identities.
import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as grpc from '@grpc/grpc-js';
import { type Contract, type Gateway, connect as connectGateway, hash, signers } from '@hyperledger/fabric-gateway';
import {
    type AssociationClient,
    type ConnectionProfile,
    GrpcClientPool,
    connect,
    readConnectionProfile,
} from '@bia/client';
import { InvalidTransactionError } from './failures';

/** Deadlines long enough for a saturated 2-core machine; retries off so conflicts are counted, not hidden. */
const deadlines = { evaluateMs: 60_000, endorseMs: 60_000, submitMs: 60_000, commitStatusMs: 120_000 };

export class Connections {
    readonly #files: ReadonlyMap<string, string>;
    readonly #pool = new GrpcClientPool();
    readonly #profiles = new Map<string, ConnectionProfile>();
    readonly #clients = new Map<string, Promise<AssociationClient>>();
    readonly #rawContracts = new Map<string, Promise<Contract>>();
    readonly #gateways: Gateway[] = [];
    readonly #grpcClients: grpc.Client[] = [];

    constructor(connectionFiles: ReadonlyMap<string, string>) {
        this.#files = connectionFiles;
    }

    get organizations(): string[] {
        return [...this.#files.keys()];
    }

    async profile(org: string): Promise<ConnectionProfile> {
        const cached = this.#profiles.get(org);
        if (cached) {
            return cached;
        }
        const file = this.#files.get(org);
        if (file === undefined) {
            throw new Error(`no connection file for organisation ${org}`);
        }
        const profile = await readConnectionProfile(file);
        this.#profiles.set(org, profile);
        return profile;
    }

    /** The association's client as one identity ('Admin', 'User1', ...) of an organisation. */
    client(org: string, identity: string): Promise<AssociationClient> {
        const key = `${org}/${identity}`;
        let client = this.#clients.get(key);
        if (client === undefined) {
            client = this.profile(org).then((profile) =>
                connect({ profile, identity, pool: this.#pool, deadlines, retry: { maxAttempts: 1 } }),
            );
            this.#clients.set(key, client);
        }
        return client;
    }

    /** A fabric-gateway contract used directly, without the client library, on its own gRPC channel. */
    rawContract(org: string, identity: string, chaincode: string): Promise<Contract> {
        const key = `${org}/${identity}/${chaincode}`;
        let contract = this.#rawContracts.get(key);
        if (contract === undefined) {
            contract = this.#connectRaw(org, identity, chaincode);
            this.#rawContracts.set(key, contract);
        }
        return contract;
    }

    async #connectRaw(org: string, identity: string, chaincode: string): Promise<Contract> {
        const profile = await this.profile(org);
        const files = profile.identities[identity];
        if (files === undefined) {
            throw new Error(`organisation ${org} has no identity ${identity}`);
        }
        const [certificate, privateKey, tlsCa] = await Promise.all([
            readFile(files.certificate),
            readFile(files.privateKey, 'utf8'),
            readFile(profile.tlsCACert),
        ]);
        const grpcClient = new grpc.Client(profile.peerEndpoint, grpc.credentials.createSsl(tlsCa), {
            'grpc.ssl_target_name_override': profile.peerHostAlias,
            'grpc.default_authority': profile.peerHostAlias,
            'grpc.keepalive_time_ms': 120_000,
        });
        this.#grpcClients.push(grpcClient);
        const gateway = connectGateway({
            client: grpcClient,
            identity: { mspId: profile.mspId, credentials: certificate },
            signer: signers.newPrivateKeySigner(createPrivateKey(privateKey)),
            hash: hash.sha256,
            evaluateOptions: () => ({ deadline: Date.now() + deadlines.evaluateMs }),
            endorseOptions: () => ({ deadline: Date.now() + deadlines.endorseMs }),
            submitOptions: () => ({ deadline: Date.now() + deadlines.submitMs }),
            commitStatusOptions: () => ({ deadline: Date.now() + deadlines.commitStatusMs }),
        });
        this.#gateways.push(gateway);
        return gateway.getNetwork(profile.channel).getContract(chaincode);
    }

    async close(): Promise<void> {
        for (const client of await Promise.allSettled(this.#clients.values())) {
            if (client.status === 'fulfilled') {
                client.value.close();
            }
        }
        this.#gateways.forEach((gateway) => {
            gateway.close();
        });
        this.#grpcClients.forEach((client) => {
            client.close();
        });
        this.#pool.close();
    }
}

/** Submits through fabric-gateway directly and waits for the commit; an invalid commit throws. */
export async function submitRaw(contract: Contract, name: string, args: readonly string[]): Promise<void> {
    const commit = await contract.submitAsync(name, { arguments: [...args] });
    const status = await commit.getStatus();
    if (!status.successful) {
        throw new InvalidTransactionError(status.transactionId, status.code);
    }
}

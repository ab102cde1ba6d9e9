// The devnet's channel without its network: the same ledger (simulator, read-set validation, block commit), the same
// policies (chaincode, key-level and collection endorsement policies) and the same peer side of the chaincode
// protocol, over an in-memory database. Chaincode unit tests run on it, so that they and the integration tests share
// one set of Fabric semantics. What it leaves out is what needs a network: gRPC, TLS, MSP signature checks (endorsers
// are named by their organisations), ordering (each commit is a block of one transaction) and events.
import { common, peer } from '@hyperledger/fabric-protos';
import { ChaincodeStreamHandler, type HandlerRegistrar } from '../chaincode/stream-handler';
import { DEFAULT_TOTAL_QUERY_LIMIT } from '../chaincode/query-registry';
import type { ExecuteResult } from '../chaincode/runtime';
import { channelPolicies, type DevnetChannelPolicies } from '../committer/channel-policies';
import { requiredPolicies } from '../committer/required-policies';
import { summarizeResults } from '../committer/rwset';
import type { PolicyCheck } from '../ports';
import { planEndorsingOrgs } from '../gateway/endorsement-plan';
import {
    VALIDATION_PARAMETER,
    commitBlock,
    newSimulation,
    validateReadSets,
    writtenKeysWithValidationParameters,
    type PrivateWriteSet,
    type StateDatabase,
} from '../ledger';
import { keyHash, sha256 } from '../ledger/bytes';
import { LedgerBatch, LedgerStore } from '../ledger/store';
import {
    HEIGHT_KEY,
    hashedKey,
    historyRange,
    keyInSpace,
    privateSpace,
    publicSpace,
    spaceKey,
    spaceRange,
} from '../ledger/store-keys';
import {
    decodeHistoryEntry,
    decodeVersionedValue,
    type HistoryEntry,
    type Timestamp,
    type VersionedValue,
} from '../ledger/store-records';
import { collectionMemberMspIds, type PolicyIdentity } from '../policy';
import { loadTopology } from '../topology';
import { MemoryDatabase } from './memory-database';
import { newMessagePipe, type ChaincodeEnd } from './message-pipe';
import { SimulationGate } from './simulation-gate';

const Code = peer.TxValidationCode;
const IMPLICIT_PREFIX = '_implicit_org_';
const DEFAULT_EXECUTE_TIMEOUT_MS = 30_000;

/** Each option left out is taken from the topology (network/config/topology.json), as the devnet takes it. */
export interface InMemoryChannelOptions {
    readonly channel?: string;
    /** The chaincode's name: its namespace on the ledger. */
    readonly chaincodeName?: string;
    /** The channel's application organisations (implicit collections, channel policies, endorser candidates). */
    readonly mspIds?: readonly string[];
    /** The chaincode's endorsement policy: a signature policy or a channel policy reference, as the devnet takes it. */
    readonly endorsementPolicy?: string;
    /** The text of a private data collections config (the JSON `peer lifecycle ... --collections-config` takes). */
    readonly collectionsConfig?: string;
    /** core.yaml ledger.state.totalQueryLimit; default 100000. */
    readonly totalQueryLimit?: number;
    /** core.yaml chaincode.executetimeout; default 30 s. */
    readonly executeTimeoutMs?: number;
    /** core.yaml ledger.state.stateDatabase: 'goleveldb' (the default, as Fabric's) refuses rich queries. */
    readonly stateDatabase?: StateDatabase;
}

/** One proposal to simulate, as the endorser hands it to the chaincode. */
export interface ProposalToSimulate {
    readonly txId: string;
    /** peer.SignedProposal bytes. */
    readonly signedProposal: Uint8Array;
    /** peer.ChaincodeInput bytes. */
    readonly input: Uint8Array;
    /** The MSP ID of the client that signed the proposal. */
    readonly creatorMspId: string;
    /** The organisation whose peer simulates: whose private data it holds. */
    readonly peerMspId: string;
}

export interface SimulatedTransaction {
    readonly txId: string;
    readonly status: number;
    readonly message: string;
    readonly payload: Uint8Array;
    readonly event?: { readonly name: string; readonly payload: Uint8Array };
    /** rwset.TxReadWriteSet bytes. */
    readonly results: Uint8Array;
    /** The cleartext private writes, kept until the commit as the peer's transient store keeps them. */
    readonly privateWrites: PrivateWriteSet;
}

export interface TransactionToCommit {
    readonly txId: string;
    readonly results: Uint8Array;
    readonly privateWrites: PrivateWriteSet;
    /** The proposal's timestamp, kept in key history. */
    readonly timestamp: Date;
    /** The organisations whose peers endorsed it. */
    readonly endorsingMspIds: readonly string[];
}

/** A chaincode attached to the channel through an in-process stream. */
export interface AttachedChaincode {
    /** Give this to the chaincode's message handler (fabric-shim's ChaincodeMessageHandler). */
    readonly chaincodeEnd: ChaincodeEnd;
    /** Resolves once the chaincode has registered and may receive transactions. */
    readonly ready: Promise<void>;
    detach(): void;
}

class AttachedChaincodeImpl implements AttachedChaincode {
    readonly chaincodeEnd: ChaincodeEnd;
    readonly ready: Promise<void>;
    readonly handler: ChaincodeStreamHandler;

    constructor(
        chaincodeName: string,
        options: { executeTimeoutMs: number; totalQueryLimit: number },
        observe?: ObserveMessage,
    ) {
        const pipe = newMessagePipe(observe);
        let markReady!: () => void;
        this.ready = new Promise((resolve) => (markReady = resolve));
        const registrar: HandlerRegistrar = {
            register: () => chaincodeName,
            ready: () => {
                markReady();
            },
            deregister: () => undefined,
        };
        this.chaincodeEnd = pipe.chaincodeEnd;
        this.handler = new ChaincodeStreamHandler(pipe.peerEnd, { registrar, ...options });
    }

    detach(): void {
        this.handler.close();
    }
}

/** Sees each message the chaincode sends, decoded, before the peer side answers it. */
export type ObserveMessage = (message: peer.ChaincodeMessage) => void;

function peerOf(mspId: string): PolicyIdentity {
    return { mspId, role: 'peer' };
}

function toTimestamp(date: Date): Timestamp {
    const millis = date.getTime();
    return { seconds: BigInt(Math.floor(millis / 1000)), nanos: (((millis % 1000) + 1000) % 1000) * 1_000_000 };
}

function blockBytes(number: bigint): Uint8Array {
    const header = new common.BlockHeader();
    header.setNumber(Number(number));
    const block = new common.Block();
    block.setHeader(header);
    return block.serializeBinary();
}

type ResolvedOptions = InMemoryChannelOptions &
    Required<Pick<InMemoryChannelOptions, 'channel' | 'chaincodeName' | 'mspIds' | 'endorsementPolicy'>>;

function withTopologyDefaults(options: InMemoryChannelOptions): ResolvedOptions {
    const needsTopology = [options.channel, options.chaincodeName, options.mspIds, options.endorsementPolicy].some(
        (option) => option === undefined,
    );
    const topology = needsTopology ? loadTopology() : undefined;
    return {
        ...options,
        channel: options.channel ?? topology?.channel ?? '',
        chaincodeName: options.chaincodeName ?? topology?.chaincode ?? '',
        mspIds: options.mspIds ?? topology?.organizations.map((org) => org.mspId) ?? [],
        endorsementPolicy: options.endorsementPolicy ?? topology?.endorsementPolicy ?? '',
    };
}

export class InMemoryChannel {
    readonly #options: ResolvedOptions;
    readonly #db = new MemoryDatabase();
    readonly #store = LedgerStore.over(this.#db);
    readonly #policies: DevnetChannelPolicies<PolicyIdentity>;
    readonly #gate = new SimulationGate();
    readonly #attached = new Set<AttachedChaincodeImpl>();

    /** A channel with an empty ledger; the policies and the collections config are parsed and validated now. */
    constructor(given: Readonly<InMemoryChannelOptions> = {}) {
        const options = withTopologyDefaults(given);
        this.#options = options;
        this.#policies = channelPolicies<PolicyIdentity>({
            topology: { endorsementPolicy: options.endorsementPolicy },
            msp: { applicationMspIds: () => [...options.mspIds] },
            chaincodes: [{ name: options.chaincodeName, endorsementPolicy: options.endorsementPolicy }],
            collectionsConfigs: new Map(
                options.collectionsConfig === undefined ? [] : [[options.chaincodeName, options.collectionsConfig]],
            ),
        });
    }

    get channel(): string {
        return this.#options.channel;
    }

    get chaincodeName(): string {
        return this.#options.chaincodeName;
    }

    get mspIds(): readonly string[] {
        return this.#options.mspIds;
    }

    /** Opens a stream for a chaincode to register on, as a chaincode process dials its peer. */
    attachChaincode(observe?: ObserveMessage): AttachedChaincode {
        const attached = new AttachedChaincodeImpl(
            this.#options.chaincodeName,
            {
                executeTimeoutMs: this.#options.executeTimeoutMs ?? DEFAULT_EXECUTE_TIMEOUT_MS,
                totalQueryLimit: this.#options.totalQueryLimit ?? DEFAULT_TOTAL_QUERY_LIMIT,
            },
            observe,
        );
        this.#attached.add(attached);
        return attached;
    }

    /**
     * Runs the proposal on the chaincode against the committed state, as an endorsing peer does; nothing is committed.
     * Simulations run concurrently with each other; a commit waits for those in progress (Fabric's commit lock).
     */
    async simulate(chaincode: AttachedChaincode, proposal: ProposalToSimulate): Promise<SimulatedTransaction> {
        const attached = this.#attachedImpl(chaincode);
        await attached.ready;
        return this.#gate.shared(async () => {
            const simulation = newSimulation({
                store: this.#store,
                channel: this.#options.channel,
                txId: proposal.txId,
                namespace: this.#options.chaincodeName,
                creatorMspId: proposal.creatorMspId,
                peerMspId: proposal.peerMspId,
                collections: this.#policies.collectionDefinitions(this.#options.chaincodeName).map((definition) => ({
                    name: definition.name,
                    memberMspIds: collectionMemberMspIds(definition),
                    memberOnlyRead: definition.memberOnlyRead,
                    memberOnlyWrite: definition.memberOnlyWrite,
                })),
                channelMspIds: this.#options.mspIds,
                ...(this.#options.stateDatabase === undefined ? {} : { stateDatabase: this.#options.stateDatabase }),
            });
            let executed: ExecuteResult;
            try {
                executed = await attached.handler.execute(
                    {
                        channel: this.#options.channel,
                        txId: proposal.txId,
                        signedProposal: proposal.signedProposal,
                        input: proposal.input,
                    },
                    simulation,
                );
            } catch (error) {
                // The chaincode never answered (stream lost, timeout, ERROR reply): the simulation ends with nothing.
                simulation.done();
                throw error;
            }
            const simulated = simulation.done();
            const { status, message, payload } = executed.response;
            const event = executed.event;
            return {
                txId: proposal.txId,
                status,
                message,
                payload,
                // Fabric drops the events of failed invocations.
                ...(event && status < 400 ? { event: { name: event.eventName, payload: event.payload } } : {}),
                results: simulated.results,
                privateWrites: simulated.privateWrites,
            };
        });
    }

    /**
     * The organisations a gateway would ask to endorse, as the devnet's gateway chooses them: the smallest set that
     * satisfies every policy the transaction's writes need, including the preferred (the simulating) organisation
     * when possible. Undefined when no set of the channel's peers can satisfy them.
     */
    async endorsingOrganizations(results: Uint8Array, preferredMspId: string): Promise<string[] | undefined> {
        const checks = await this.#requiredPolicies(results);
        const candidates = [preferredMspId, ...this.#options.mspIds.filter((mspId) => mspId !== preferredMspId)];
        return planEndorsingOrgs({ candidates, peerIdentity: peerOf, policies: checks });
    }

    /**
     * Validates the transaction as the devnet's committer does (duplicate transaction ID, endorsement policies
     * against the endorsing organisations' peers, then read sets against the committed state) and commits it as
     * the next block. Returns the validation code's name (VALID, MVCC_READ_CONFLICT, ...).
     */
    async commit(tx: TransactionToCommit): Promise<string> {
        return this.#gate.exclusive(async () => {
            let code = await this.#endorsementCode(tx);
            if (code === Code.VALID) {
                code = (await validateReadSets(this.#store, [{ txId: tx.txId, results: tx.results }]))[0] ?? code;
            }
            const number = await this.#store.height();
            await commitBlock(this.#store, {
                number,
                bytes: blockBytes(number),
                txs: [
                    {
                        txId: tx.txId,
                        code,
                        results: code === Code.VALID ? tx.results : new Uint8Array(),
                        timestamp: toTimestamp(tx.timestamp),
                        privateWrites: tx.privateWrites,
                    },
                ],
                // Private data expires as the devnet's committer schedules it.
                blockToLive: (namespace, collection) =>
                    this.#policies.collection(namespace, collection)?.blockToLive ?? 0,
            });
            return codeName(code);
        });
    }

    // Arranging state. Each seed is a block of its own, written with the store's own record encodings at once, so
    // that tests can arrange state without awaiting.

    /** Commits a public value (history entry included) as if a transaction txId had written it. */
    seedState(key: string, value: Uint8Array, txId: string, timestamp: Date): void {
        this.#seed((batch, version) => {
            const current = this.state(key);
            batch.putState(this.#namespace, key, { value, version, metadata: current?.metadata ?? new Map() });
            batch.addHistory(this.#namespace, key, version.blockNum, version.txNum, {
                txId,
                value,
                isDelete: false,
                timestamp: toTimestamp(timestamp),
            });
        });
    }

    /** Commits a private value: its hash on every peer, the value at the collection's member organisations. */
    seedPrivate(collection: string, key: string, value: Uint8Array): void {
        const members = this.collectionMembers(collection);
        this.#seed((batch, version) => {
            const hash = keyHash(key);
            const current = this.hashedState(collection, key);
            batch.putHashed(this.#namespace, collection, hash, {
                value: sha256(value),
                version,
                metadata: current?.metadata ?? new Map(),
            });
            for (const mspId of members) {
                batch.putPrivate(mspId, this.#namespace, collection, key, { value, version, metadata: new Map() });
            }
        });
    }

    /** Sets an existing public key's key-level endorsement policy (a serialized SignaturePolicyEnvelope). */
    seedValidationParameter(key: string, policy: Uint8Array): void {
        const current = this.state(key);
        if (!current) {
            throw new Error(`cannot set a validation parameter on ${JSON.stringify(key)}: the key does not exist`);
        }
        this.#seed((batch, version) => {
            batch.putState(this.#namespace, key, {
                value: current.value,
                version,
                metadata: new Map([[VALIDATION_PARAMETER, policy]]),
            });
        });
    }

    // Reading committed state at once, for assertions.

    /** Blocks committed so far (seeds included). */
    get height(): bigint {
        const bytes = this.#db.getSync(HEIGHT_KEY);
        return bytes ? BigInt(Buffer.from(bytes).toString('utf8')) : 0n;
    }

    state(key: string): VersionedValue | undefined {
        return this.#record(spaceKey(publicSpace(this.#namespace), key));
    }

    /** Every public key in the ledger's order (UTF-8 bytes), composite keys included. */
    keys(): string[] {
        const space = publicSpace(this.#namespace);
        return this.#db.rangeSync(spaceRange(space, '', '')).map(([key]) => keyInSpace(space, key));
    }

    /** A key's committed modifications, newest first, as GetHistoryForKey returns them. */
    history(key: string): HistoryEntry[] {
        return this.#db
            .rangeSync(historyRange(this.#namespace, key))
            .map(([, value]) => decodeHistoryEntry(value))
            .reverse();
    }

    /** An organisation's copy of a private value; by default the first member organisation's. */
    privateState(collection: string, key: string, mspId?: string): VersionedValue | undefined {
        const holder = mspId ?? this.collectionMembers(collection)[0] ?? '';
        return this.#record(spaceKey(privateSpace(holder, this.#namespace, collection), key));
    }

    /** The SHA-256 of a private value with its version and metadata, as every peer of the channel holds it. */
    hashedState(collection: string, key: string): VersionedValue | undefined {
        return this.#record(hashedKey(this.#namespace, collection, keyHash(key)));
    }

    /** The organisations whose peers hold a collection's private data. */
    collectionMembers(collection: string): string[] {
        const definition = this.#policies
            .collectionDefinitions(this.#options.chaincodeName)
            .find((candidate) => candidate.name === collection);
        if (definition) {
            return collectionMemberMspIds(definition);
        }
        if (collection.startsWith(IMPLICIT_PREFIX)) {
            return [collection.slice(IMPLICIT_PREFIX.length)];
        }
        throw new Error(
            `collection ${this.#options.channel}/${this.#options.chaincodeName}/${collection} could not be found`,
        );
    }

    /** Detaches every chaincode; the ledger's state stays readable. */
    close(): void {
        for (const attached of this.#attached) {
            attached.detach();
        }
        this.#attached.clear();
    }

    get #namespace(): string {
        return this.#options.chaincodeName;
    }

    #attachedImpl(chaincode: AttachedChaincode): AttachedChaincodeImpl {
        const attached = [...this.#attached].find((candidate) => candidate === chaincode);
        if (!attached) {
            throw new Error('the chaincode is not attached to this channel');
        }
        return attached;
    }

    #record(encodedKey: Uint8Array): VersionedValue | undefined {
        const bytes = this.#db.getSync(encodedKey);
        return bytes ? decodeVersionedValue(bytes) : undefined;
    }

    #seed(write: (batch: LedgerBatch, version: { blockNum: number; txNum: number }) => void): void {
        const height = this.height;
        const batch = new LedgerBatch();
        write(batch, { blockNum: Number(height), txNum: 0 });
        batch.putBlock(height, blockBytes(height));
        batch.setHeight(height + 1n);
        this.#db.writeSync(batch.operations);
    }

    async #requiredPolicies(results: Uint8Array): Promise<PolicyCheck<PolicyIdentity>[]> {
        const chaincodePolicy = this.#policies.chaincodePolicy(this.#options.chaincodeName);
        if (!chaincodePolicy) {
            throw new Error(`chaincode ${this.#options.chaincodeName} has no endorsement policy`);
        }
        return requiredPolicies({
            summary: summarizeResults(results),
            written: await writtenKeysWithValidationParameters(this.#store, results),
            policies: this.#policies,
            chaincodePolicy,
        });
    }

    async #endorsementCode(tx: TransactionToCommit): Promise<number> {
        if (await this.#store.hasTx(tx.txId)) {
            return Code.DUPLICATE_TXID;
        }
        const endorsers = [...new Set(tx.endorsingMspIds)].map(peerOf);
        const checks = await this.#requiredPolicies(tx.results);
        return checks.every((check) => check(endorsers)) ? Code.VALID : Code.ENDORSEMENT_POLICY_FAILURE;
    }
}

const codeNames = new Map<number, string>(Object.entries(Code).map(([name, value]) => [value, name]));

function codeName(code: number): string {
    return codeNames.get(code) ?? String(code);
}

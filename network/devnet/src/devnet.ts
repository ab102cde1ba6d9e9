// Composes the devnet: crypto material, MSPs, the ledger, chaincode processes, one ordering service with its
// committer, and one peer (endorser + gateway over TLS) per organisation — all in this process.
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
    generateCryptoMaterial,
    MspRegistry,
    peerTlsFiles,
    writeConnectionFiles,
    type VerifiedIdentity,
} from './crypto';
import { startPeerChaincodes, type ChaincodeServerTlsOptions, type PeerChaincodes } from './chaincode';
import { DEFAULT_STATE_DATABASE, LedgerStore, type StateDatabase } from './ledger';
import { BlockCommitter, checkLedger, CommitNotifier } from './committer';
import { OrderingService, genesisEnvelope, newBroadcastFilter, type BatchSettings } from './orderer';
import {
    DeliverService,
    Endorser,
    GatewayService,
    startPeerServer,
    type ChaincodeDefinition,
    type PeerServer,
} from './gateway';
import { loadTopology, type OrganizationSpec, type Topology } from './topology';
import { newChannelPolicies } from './committer/channel-policies';
import { DevnetLedger } from './committer/devnet-ledger';

export interface DevnetChaincode {
    /** The chaincode name clients use. */
    readonly name: string;
    /** A Fabric Node chaincode project the devnet starts (it dials the devnet's chaincode listener). */
    readonly packageDir?: string;
    /** Run `npm run build` in packageDir before starting it. */
    readonly build?: boolean;
    /**
     * host:port of an already running chaincode server (chaincode-as-a-service) that every organisation's peer dials;
     * its getMspID() answers whatever MSP ID the server was started with.
     */
    readonly address?: string;
    /**
     * Organisation name to the host:port of that organisation's own chaincode server (each started with its
     * organisation's CORE_PEER_LOCALMSPID), as each Fabric peer dials its own; instead of address.
     */
    readonly addresses?: Readonly<Record<string, string>>;
    /** TLS settings to dial the chaincode server. */
    readonly tls?: ChaincodeServerTlsOptions;
    /** Signature policy or channel policy reference; default: the topology's endorsement policy. */
    readonly endorsementPolicy?: string;
    /** Path of a private data collections config file (`peer lifecycle ... --collections-config` format). */
    readonly collectionsConfig?: string;
    /** Version reported in endorsements; default '1.0'. */
    readonly version?: string;
}

export interface DevnetOptions {
    /** Crypto material, connection files, the ledger and chaincode logs live here; reused on restart. */
    readonly dataDir: string;
    /** Default: network/config/topology.json. */
    readonly topology?: Topology;
    /** Host to bind; default 127.0.0.1. */
    readonly host?: string;
    /** Peer port per organisation name; 0 for an ephemeral port. */
    readonly ports?: Readonly<Record<string, number>>;
    /** Peers of organisations without an entry in ports listen on basePort + their index; default: ephemeral. */
    readonly basePort?: number;
    /** Organisation i's peer listens for its chaincode processes on chaincodePort + i; default ephemeral ports. */
    readonly chaincodePort?: number;
    /**
     * The peers' state database, as core.yaml's ledger.state.stateDatabase: 'goleveldb' (default, as Fabric's) refuses
     * rich queries with LevelDB's message; 'CouchDB' answers them (Mango queries evaluated by the devnet's ledger).
     */
    readonly stateDatabase?: StateDatabase;
    /** Overrides of the topology's block cutting settings. */
    readonly batch?: Partial<BatchSettings>;
    readonly chaincodes?: readonly DevnetChaincode[];
    /**
     * How long to wait for each launched chaincode to register (default 300 s, Fabric's chaincode.startuptimeout) and
     * for each chaincode server to answer (default 30 s).
     */
    readonly chaincodeReadyTimeoutMs?: number;
}

export interface Devnet {
    readonly dataDir: string;
    readonly topology: Topology;
    /** Organisation name to the absolute path of its connection file. */
    readonly connectionFiles: ReadonlyMap<string, string>;
    /** host:port of the organisation's peer. */
    peerEndpoint(orgName: string): string;
    /** Stops the peers, the orderer (after committing what it holds), the chaincodes, and closes the ledger. */
    stop(): Promise<void>;
}

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_READY_TIMEOUT_MS = 300_000;
const DEFAULT_DIAL_TIMEOUT_MS = 30_000;

export async function startDevnet(options: Readonly<DevnetOptions>): Promise<Devnet> {
    const dataDir = resolve(options.dataDir);
    const topology = options.topology ?? loadTopology();
    const host = options.host ?? DEFAULT_HOST;
    const stateDatabase = checkedStateDatabase(options.stateDatabase);
    await mkdir(join(dataDir, 'logs'), { recursive: true });
    await generateCryptoMaterial({ topology, outputDir: dataDir });
    const msp = await MspRegistry.load({ topology, outputDir: dataDir });

    const cleanup = new Cleanup();
    try {
        const store = await LedgerStore.open(join(dataDir, 'ledger'));
        cleanup.add(() => store.close());
        const chaincodes = options.chaincodes ?? [];
        const policies = await newChannelPolicies({ topology, msp, chaincodes });
        const ledger = new DevnetLedger({
            store,
            channel: topology.channel,
            policies,
            applicationMspIds: msp.applicationMspIds(),
            stateDatabase,
        });

        const peerChaincodes = await startChaincodes(options, topology, dataDir, chaincodes, cleanup);
        const notifier = new CommitNotifier();
        const orderer = await startOrderer({ topology, options, msp, ledger, notifier, policies });
        cleanup.add(() => orderer.stop());

        const definitions = new Map<string, ChaincodeDefinition>(
            chaincodes.map((cc) => [cc.name, { name: cc.name, version: cc.version ?? '1.0' }]),
        );
        const servers = await startPeers({
            topology,
            options,
            host,
            dataDir,
            msp,
            policies,
            ledger,
            peerChaincodes,
            notifier,
            orderer,
            definitions,
            cleanup,
        });
        const endpoints = new Map([...servers].map(([orgName, server]) => [orgName, server.endpoint]));
        const connectionFiles = await writeConnectionFiles({ topology, outputDir: dataDir, endpoints });

        return {
            dataDir,
            topology,
            connectionFiles,
            peerEndpoint(orgName) {
                const server = servers.get(orgName);
                if (!server) {
                    throw new Error(`organisation ${orgName} is not in the devnet`);
                }
                return server.endpoint;
            },
            stop: () => cleanup.run(),
        };
    } catch (error) {
        await cleanup.run();
        throw error;
    }
}

/** Stop actions run in reverse order of registration, each once, all even if one fails. */
class Cleanup {
    readonly #actions: (() => Promise<void> | void)[] = [];
    #running: Promise<void> | undefined;

    add(action: () => Promise<void> | void): void {
        this.#actions.push(action);
    }

    run(): Promise<void> {
        this.#running ??= (async () => {
            const errors: unknown[] = [];
            for (const action of this.#actions.reverse()) {
                try {
                    await action();
                } catch (error) {
                    errors.push(error);
                }
            }
            if (errors.length > 0) {
                throw new AggregateError(errors, 'devnet did not stop cleanly');
            }
        })();
        return this.#running;
    }
}

/** One process (or dialled server) per organisation and chaincode, as each Fabric peer runs its own. */
async function startChaincodes(
    options: Readonly<DevnetOptions>,
    topology: Topology,
    dataDir: string,
    chaincodes: readonly DevnetChaincode[],
    cleanup: Cleanup,
): Promise<PeerChaincodes> {
    const started = await startPeerChaincodes({
        organizations: topology.organizations,
        chaincodes,
        host: DEFAULT_HOST,
        ...(options.chaincodePort ? { firstPort: options.chaincodePort } : {}),
        logDir: join(dataDir, 'logs'),
        readyTimeoutMs: options.chaincodeReadyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
        dialTimeoutMs: options.chaincodeReadyTimeoutMs ?? DEFAULT_DIAL_TIMEOUT_MS,
    });
    cleanup.add(() => started.stop());
    return started;
}

/** The option comes from JavaScript callers too: anything but Fabric's two names is refused. */
function checkedStateDatabase(value: StateDatabase | undefined): StateDatabase {
    const given: unknown = value ?? DEFAULT_STATE_DATABASE;
    if (given !== 'goleveldb' && given !== 'CouchDB') {
        throw new Error(`stateDatabase must be 'goleveldb' or 'CouchDB', got '${String(given)}'`);
    }
    return given;
}

interface OrdererWiring {
    readonly topology: Topology;
    readonly options: Readonly<DevnetOptions>;
    readonly msp: MspRegistry;
    readonly ledger: DevnetLedger;
    readonly notifier: CommitNotifier;
    readonly policies: Awaited<ReturnType<typeof newChannelPolicies>>;
}

async function startOrderer(wiring: OrdererWiring): Promise<OrderingService> {
    const { topology, msp, ledger } = wiring;
    const committer = new BlockCommitter<VerifiedIdentity>({
        channel: topology.channel,
        msp,
        policies: wiring.policies,
        ledger,
        notifier: wiring.notifier,
    });
    // Ordering continues the chain only from a ledger that passes the start-up check (see the README's crash safety).
    const { height, lastBlock } = await checkLedger(ledger);
    const orderer = new OrderingService({
        batch: { ...topology.batch, ...wiring.options.batch },
        lastBlock,
        filter: newBroadcastFilter({ channel: topology.channel, msp, writerMspIds: msp.applicationMspIds() }),
        deliver: async (block) => {
            await committer.commit(block);
        },
        onError: (error) => {
            process.emitWarning(
                `devnet: committing a block failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
            );
        },
    });
    if (height === 0n) {
        await orderer.orderBlock([genesisEnvelope(topology.channel)]);
    }
    return orderer;
}

interface PeerWiring {
    readonly topology: Topology;
    readonly options: Readonly<DevnetOptions>;
    readonly host: string;
    readonly dataDir: string;
    readonly msp: MspRegistry;
    readonly policies: Awaited<ReturnType<typeof newChannelPolicies>>;
    readonly ledger: DevnetLedger;
    readonly peerChaincodes: PeerChaincodes;
    readonly notifier: CommitNotifier;
    readonly orderer: OrderingService;
    readonly definitions: ReadonlyMap<string, ChaincodeDefinition>;
    readonly cleanup: Cleanup;
}

async function startPeers(wiring: PeerWiring): Promise<Map<string, PeerServer>> {
    const { topology, msp } = wiring;
    const endorsers = new Map<string, Endorser<VerifiedIdentity>>();
    const ports = new Map<string, number>();
    const peerIdentities = new Map<string, VerifiedIdentity>();
    for (const org of topology.organizations) {
        const signer = msp.peerSigner(org.name);
        peerIdentities.set(org.mspId, msp.deserialize(signer.serializedIdentity));
        endorsers.set(
            org.mspId,
            new Endorser({
                mspId: org.mspId,
                address: () => `peer0.${org.domain}:${ports.get(org.name) ?? org.peer.port}`,
                channel: topology.channel,
                signer,
                msp,
                chaincodes: wiring.definitions,
                runtime: wiring.peerChaincodes.runtime(org.mspId),
                ledger: wiring.ledger,
            }),
        );
    }
    const servers = new Map<string, PeerServer>();
    for (const [index, org] of topology.organizations.entries()) {
        const service = new GatewayService<VerifiedIdentity>({
            channel: topology.channel,
            localMspId: org.mspId,
            endorsers,
            msp,
            policies: wiring.policies,
            peerIdentity: (mspId) => {
                const identity = peerIdentities.get(mspId);
                if (!identity) {
                    throw new Error(`no peer for ${mspId}`);
                }
                return identity;
            },
            ledger: wiring.ledger,
            orderer: {
                broadcast: (envelope) => wiring.orderer.broadcast(envelope),
                address: `${topology.ordererOrganization.orderers[0]?.name ?? 'orderer0'}.${topology.ordererOrganization.domain}`,
            },
            notifier: wiring.notifier,
        });
        const tls = peerTlsFiles({ topology, outputDir: wiring.dataDir, orgName: org.name });
        const server = await startPeerServer({
            host: wiring.host,
            port: peerPort(wiring.options, org, index),
            tls: { certificate: await readFile(tls.certificate), privateKey: await readFile(tls.privateKey) },
            gateway: service,
            deliver: new DeliverService({
                channel: topology.channel,
                msp,
                readerMspIds: msp.applicationMspIds(),
                ledger: wiring.ledger,
                notifier: wiring.notifier,
                privateData: { peerMspId: org.mspId, ledger: wiring.ledger, policies: wiring.policies },
            }),
        });
        wiring.cleanup.add(() => server.stop());
        ports.set(org.name, server.port);
        servers.set(org.name, server);
    }
    return servers;
}

function peerPort(options: Readonly<DevnetOptions>, org: OrganizationSpec, index: number): number {
    return options.ports?.[org.name] ?? (options.basePort !== undefined ? options.basePort + index : 0);
}

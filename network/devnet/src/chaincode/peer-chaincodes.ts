// The chaincode processes of every organisation's peer. Fabric runs a chaincode once per peer, each process started
// with its peer's MSP ID (CORE_PEER_LOCALMSPID, which `ctx.stub.getMspID()` returns), and each peer talks to its own
// processes only. The devnet does the same: one chaincode runtime (listener and streams) per organisation, one process
// per organisation and chaincode, so several organisations' endorsements of one proposal run in parallel.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { ChaincodeServerTlsOptions } from './ccaas-connector';
import { type DevnetChaincodeRuntime, createChaincodeRuntime } from './devnet-runtime';
import { type LaunchedChaincode, buildPackage, launchChaincode } from './launcher';
import type { ChaincodeRuntime } from './runtime';

/** How one chaincode runs: a Node chaincode project the devnet starts, or chaincode servers it dials. */
export interface PeerChaincodeSpec {
    readonly name: string;
    /** A Node chaincode project, started once per organisation. */
    readonly packageDir?: string;
    /** Run `npm run build` in packageDir (once) before starting it. */
    readonly build?: boolean;
    /** One chaincode server every organisation's peer dials (it answers getMspID with its own configuration). */
    readonly address?: string;
    /** Organisation name to the chaincode server its peer dials, each started with that organisation's MSP ID. */
    readonly addresses?: Readonly<Record<string, string>>;
    readonly tls?: ChaincodeServerTlsOptions;
}

export interface PeerOrganization {
    readonly name: string;
    readonly mspId: string;
}

export interface PeerChaincodesOptions {
    readonly organizations: readonly PeerOrganization[];
    readonly chaincodes: readonly PeerChaincodeSpec[];
    /** Host the chaincode listeners bind. */
    readonly host: string;
    /** Organisation i's listener binds firstPort + i; default: ephemeral ports. */
    readonly firstPort?: number;
    /** Chaincode output goes to logDir/chaincode-<name>-<org>.log. */
    readonly logDir: string;
    /** How long a launched chaincode may take to register (Fabric's chaincode.startuptimeout). */
    readonly readyTimeoutMs: number;
    /** How long to keep dialling a chaincode server (connection.json's dial_timeout). */
    readonly dialTimeoutMs: number;
    /** How many chaincode processes start at a time; default: the machine's available parallelism. */
    readonly concurrentLaunches?: number;
}

/** A chaincode process the devnet launched for an organisation's peer. */
export interface PeerChaincodeProcess {
    readonly chaincode: string;
    readonly organization: string;
    readonly mspId: string;
    readonly pid: number;
}

export interface PeerChaincodes {
    /** The runtime of the organisation's peer: it executes proposals on that organisation's processes only. */
    runtime(mspId: string): ChaincodeRuntime;
    readonly processes: readonly PeerChaincodeProcess[];
    /** Stops the launched processes and closes every runtime; safe to call after a failed start. */
    stop(): Promise<void>;
}

/** Starts every chaincode for every organisation; on failure, what was started is stopped before rejecting. */
export async function startPeerChaincodes(options: Readonly<PeerChaincodesOptions>): Promise<PeerChaincodes> {
    options.chaincodes.forEach((spec) => {
        checkSpec(spec, options.organizations);
    });
    const started = new PeerChaincodesImpl();
    try {
        await Promise.all(
            options.chaincodes.filter((spec) => spec.packageDir !== undefined && spec.build === true).map(build),
        );
        // Every step is awaited, failed or not, so that nothing is still starting when what did start is stopped.
        const runtimes = settled(
            await Promise.allSettled(
                options.organizations.map(async (org, index) => {
                    const port = options.firstPort === undefined ? 0 : options.firstPort + index;
                    const runtime = await createChaincodeRuntime({
                        listenAddress: `${options.host}:${String(port)}`,
                        chaincodes: options.chaincodes.map((spec) => ({ name: spec.name })),
                    });
                    started.addRuntime(org.mspId, runtime);
                    return { org, runtime };
                }),
            ),
        );
        // Starting a Node chaincode is CPU-bound (loading its modules): more at once than there are cores only makes
        // each one slower to register.
        const limit = newLimit(options.concurrentLaunches ?? availableParallelism());
        settled(
            await Promise.allSettled(
                runtimes.flatMap(({ org, runtime }) =>
                    options.chaincodes.map((spec) => limit(() => startOne(options, spec, org, runtime, started))),
                ),
            ),
        );
        return started;
    } catch (error) {
        await started.stop();
        throw error;
    }
}

/** The values, or the first failure thrown. */
function settled<T>(outcomes: readonly PromiseSettledResult<T>[]): T[] {
    return outcomes.map((outcome) => {
        if (outcome.status === 'rejected') {
            throw outcome.reason;
        }
        return outcome.value;
    });
}

function checkSpec(spec: PeerChaincodeSpec, organizations: readonly PeerOrganization[]): void {
    const ways = [spec.packageDir, spec.address, spec.addresses].filter((way) => way !== undefined).length;
    if (ways !== 1) {
        throw new Error(`chaincode ${spec.name} needs exactly one of packageDir, address or addresses`);
    }
    if (spec.addresses !== undefined) {
        const names = organizations.map((org) => org.name);
        const unknown = Object.keys(spec.addresses).filter((name) => !names.includes(name));
        const missing = names.filter((name) => spec.addresses?.[name] === undefined);
        if (unknown.length > 0 || missing.length > 0) {
            throw new Error(
                `chaincode ${spec.name}: addresses must name the chaincode server of each organisation (${names.join(', ')})` +
                    (unknown.length > 0 ? `; unknown: ${unknown.join(', ')}` : '') +
                    (missing.length > 0 ? `; missing: ${missing.join(', ')}` : ''),
            );
        }
    }
}

async function build(spec: PeerChaincodeSpec): Promise<void> {
    if (spec.packageDir !== undefined) {
        await buildPackage(spec.packageDir);
    }
}

async function startOne(
    options: Readonly<PeerChaincodesOptions>,
    spec: PeerChaincodeSpec,
    org: PeerOrganization,
    runtime: DevnetChaincodeRuntime,
    started: PeerChaincodesImpl,
): Promise<void> {
    const address = spec.addresses?.[org.name] ?? spec.address;
    if (address !== undefined) {
        await runtime.connectChaincodeServer(spec.name, {
            address,
            tls: spec.tls,
            dialTimeoutMs: options.dialTimeoutMs,
        });
        return;
    }
    if (spec.packageDir === undefined) {
        return;
    }
    const launched = await launchChaincode({
        name: spec.name,
        packageDir: spec.packageDir,
        peerAddress: runtime.peerAddress ?? '',
        env: { CORE_PEER_LOCALMSPID: org.mspId },
        logFile: join(options.logDir, `chaincode-${spec.name}-${org.name}.log`),
        readyTimeoutMs: options.readyTimeoutMs,
        ready: () => runtime.waitReady(spec.name, options.readyTimeoutMs),
    });
    started.addProcess({ chaincode: spec.name, organization: org.name, mspId: org.mspId }, launched);
}

/** Runs at most `count` of the given tasks at a time, in the order they are handed in. */
function newLimit(count: number): <T>(task: () => Promise<T>) => Promise<T> {
    let running = 0;
    const waiting: (() => void)[] = [];
    return async (task) => {
        if (running < count) {
            running++;
        } else {
            // The finishing task hands its slot over, so `running` stays as it is.
            await new Promise<void>((resolve) => waiting.push(resolve));
        }
        try {
            return await task();
        } finally {
            const next = waiting.shift();
            if (next) {
                next();
            } else {
                running--;
            }
        }
    };
}

class PeerChaincodesImpl implements PeerChaincodes {
    readonly #runtimes = new Map<string, DevnetChaincodeRuntime>();
    readonly #launched: { readonly process: PeerChaincodeProcess; readonly handle: LaunchedChaincode }[] = [];
    #stopping: Promise<void> | undefined;

    get processes(): readonly PeerChaincodeProcess[] {
        return this.#launched.map(({ process }) => process);
    }

    addRuntime(mspId: string, runtime: DevnetChaincodeRuntime): void {
        this.#runtimes.set(mspId, runtime);
    }

    addProcess(where: Omit<PeerChaincodeProcess, 'pid'>, handle: LaunchedChaincode): void {
        this.#launched.push({ process: { ...where, pid: handle.pid }, handle });
    }

    runtime(mspId: string): ChaincodeRuntime {
        const runtime = this.#runtimes.get(mspId);
        if (!runtime) {
            throw new Error(`no chaincode runtime for ${mspId}`);
        }
        return runtime;
    }

    stop(): Promise<void> {
        this.#stopping ??= (async () => {
            // Processes first, so that none sees its peer vanish and logs a reconnect attempt on its way out.
            const stopped = [
                ...(await Promise.allSettled(this.#launched.map(({ handle }) => handle.stop()))),
                ...(await Promise.allSettled([...this.#runtimes.values()].map((runtime) => runtime.close()))),
            ];
            const errors = stopped.flatMap((outcome): unknown[] =>
                outcome.status === 'rejected' ? [outcome.reason] : [],
            );
            if (errors.length > 0) {
                throw new AggregateError(errors, 'chaincode processes did not stop cleanly');
            }
        })();
        return this.#stopping;
    }
}

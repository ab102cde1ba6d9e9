// Where the benchmark runs: a devnet it starts as a child process (so its CPU is not the client's), or the real
// local Fabric network that `scripts/bia network up` + `scripts/bia chaincode deploy` brought up (fabric-network.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { loadTopology } from '@bia/devnet';
import { type Connections } from './connections';
import { findDescendants } from './proc-monitor';

export const repositoryRoot = resolve(__dirname, '../..');
export const baselineChaincodeName = 'bench-baseline';
export const baselineChaincodeDir = join(__dirname, 'baseline-chaincode');

export interface BenchNetwork {
    readonly kind: 'devnet' | 'fabric';
    /** Organisation name to its connection file. */
    readonly connectionFiles: ReadonlyMap<string, string>;
    /** Makes sure the baseline chaincode is there to measure; false when it is not (its workload is skipped). */
    prepareBaseline(connections: Connections): Promise<boolean>;
    /** Chaincode name to the PIDs of its processes (one per peer on the devnet), for those found. */
    chaincodePids(): ReadonlyMap<string, readonly number[]>;
    /** The network's own processes whose memory the soak follows (the devnet's; none on real Fabric). */
    networkPids(): readonly number[];
    stop(): Promise<void>;
}

export interface DevnetSettings {
    readonly maxMessageCount: number;
    readonly batchTimeoutMs: number;
}

const STARTUP_TIMEOUT_MS = 120_000;

/** Starts the devnet (already built: network/devnet/dist) with the association's and the baseline chaincode. */
export async function startBenchDevnet(settings: DevnetSettings): Promise<BenchNetwork> {
    const dataDir = await mkdtemp(join(tmpdir(), 'bia-bench-'));
    const chaincodeDir = join(repositoryRoot, 'chaincode');
    const child = spawn(
        process.execPath,
        [
            join(repositoryRoot, 'network/devnet/dist/cli.js'),
            '--data-dir',
            dataDir,
            '--chaincode',
            `bia=${chaincodeDir}`,
            '--collections-config',
            `bia=${join(chaincodeDir, 'collections_config.json')}`,
            '--chaincode',
            `${baselineChaincodeName}=${baselineChaincodeDir}`,
            '--ephemeral-ports',
            '--max-message-count',
            String(settings.maxMessageCount),
            '--batch-timeout-ms',
            String(settings.batchTimeoutMs),
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const stderr: string[] = [];
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
    try {
        const connectionFiles = await waitForConnectionFiles(child, loadTopology().organizations.length);
        return new DevnetProcess(child, dataDir, connectionFiles);
    } catch (error) {
        child.kill('SIGTERM');
        await rm(dataDir, { recursive: true, force: true });
        throw new Error(`the devnet did not start: ${String(error)}\n${stderr.join('').slice(-4000)}`);
    }
}

async function waitForConnectionFiles(child: ChildProcess, organizations: number): Promise<Map<string, string>> {
    const files = new Map<string, string>();
    const lines = createInterface({ input: child.stdout ?? process.stdin });
    const timer = setTimeout(() => child.kill('SIGTERM'), STARTUP_TIMEOUT_MS);
    try {
        for await (const line of lines) {
            const match = /^\s+(\S+): \S+\s+connection file (.+)$/.exec(line);
            if (match?.[1] !== undefined && match[2] !== undefined) {
                files.set(match[1], match[2]);
            }
            if (files.size === organizations) {
                return files;
            }
        }
    } finally {
        clearTimeout(timer);
    }
    throw new Error(`the devnet exited (${String(child.exitCode ?? child.signalCode)}) before it was ready`);
}

class DevnetProcess implements BenchNetwork {
    readonly kind = 'devnet';
    readonly connectionFiles: ReadonlyMap<string, string>;
    readonly #child: ChildProcess;
    readonly #dataDir: string;

    constructor(child: ChildProcess, dataDir: string, connectionFiles: ReadonlyMap<string, string>) {
        this.#child = child;
        this.#dataDir = dataDir;
        this.connectionFiles = connectionFiles;
        // Keep reading its output so the pipe never fills up and blocks it.
        child.stdout?.resume();
    }

    /** The devnet was started with the baseline chaincode. */
    prepareBaseline(): Promise<boolean> {
        return Promise.resolve(true);
    }

    chaincodePids(): ReadonlyMap<string, readonly number[]> {
        const pids = new Map<string, number[]>();
        const root = this.#child.pid;
        if (root === undefined) {
            return pids;
        }
        for (const name of ['bia', baselineChaincodeName]) {
            // The devnet runs each chaincode once per organisation's peer, as Fabric does.
            const found = findDescendants(root, ['--chaincode-id-name']).filter((p) => chaincodeIdOf(p) === name);
            if (found.length > 0) {
                pids.set(name, found);
            }
        }
        return pids;
    }

    networkPids(): readonly number[] {
        return this.#child.pid === undefined ? [] : [this.#child.pid];
    }

    async stop(): Promise<void> {
        if (this.#child.exitCode === null && this.#child.signalCode === null) {
            const exited = once(this.#child, 'exit');
            this.#child.kill('SIGTERM');
            await exited;
        }
        await rm(this.#dataDir, { recursive: true, force: true });
    }
}

/** The value after --chaincode-id-name or --chaincode-id on a chaincode process's command line. */
function chaincodeIdOf(pid: number): string | undefined {
    try {
        const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        const flag = args.findIndex((arg) => arg === '--chaincode-id-name' || arg === '--chaincode-id');
        return flag < 0 ? undefined : args[flag + 1];
    } catch {
        return undefined;
    }
}

// The real network under test:/ its processes (found by the PID files `scripts/bia` writes, never by name), the faults
// the suite injects (SIGKILL or SIGTERM of one process), the restarts (`scripts/bia network up` starts whatever is
// not running, chaincode servers included) and what each node says about itself (Raft leadership, channel height).
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { loadTopology, type Topology } from '@bia/devnet/topology';

const exec = promisify(execFile);
const root = resolve(__dirname, '../../..');
const bia = join(root, 'scripts', 'bia');

export interface ChainInfo {
    readonly height: number;
    readonly currentBlockHash: string;
}

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Polls `condition` every 250 ms until it holds; throws naming `what` after `timeoutMs`. */
export async function waitFor<T>(
    what: string,
    condition: () => Promise<T | undefined> | T | undefined,
    timeoutMs: number,
): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const value = await Promise.resolve()
            .then(condition)
            .catch(() => undefined);
        if (value !== undefined) {
            return value;
        }
        if (Date.now() > deadline) {
            throw new Error(`timed out after ${String(timeoutMs)} ms waiting for ${what}`);
        }
        await sleep(250);
    }
}

export class FaultNetwork {
    readonly generated: string;
    readonly topology: Topology;
    readonly channel: string;

    constructor(generated: string) {
        this.generated = generated;
        this.topology = loadTopology();
        this.channel = this.topology.channel;
    }

    /** The organisation's connection file (its first peer). */
    connectionFile(org: string): string {
        return join(this.generated, 'connections', `${org}.json`);
    }

    /** The organisation through one particular peer, e.g. `peer1.healthco`. */
    peerConnectionFile(node: string): string {
        return join(this.generated, 'connections', 'peers', `${node}.json`);
    }

    get ordererNames(): string[] {
        const settings = readFileSync(join(this.generated, 'network.settings'), 'utf8');
        const count = Number(/^orderers=(\d+)$/m.exec(settings)?.[1] ?? '1');
        return this.topology.ordererOrganization.orderers.slice(0, count).map((orderer) => orderer.name);
    }

    /** Every running peer's node name (the nodes/ folders of peers). */
    get peerNodes(): string[] {
        return readdirSync(join(this.generated, 'nodes'))
            .filter((name) => name.startsWith('peer'))
            .sort();
    }

    /** The PID of a process `scripts/bia` started, when it still runs that program (a PID may be recycled). */
    pid(name: string): number | undefined {
        let line: string;
        try {
            line = readFileSync(join(this.generated, 'pids', `${name}.pid`), 'utf8').trim();
        } catch {
            return undefined;
        }
        const [pid, program] = line.split(' ');
        try {
            return readlinkSync(`/proc/${pid ?? ''}/exe`) === program ? Number(pid) : undefined;
        } catch {
            return undefined;
        }
    }

    /** Sends `signal` to one process and waits until it has gone. */
    async kill(name: string, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
        const pid = this.pid(name);
        if (pid === undefined) {
            throw new Error(`${name} is not running: nothing to kill`);
        }
        process.kill(pid, signal);
        await waitFor(
            `${name} (pid ${String(pid)}) to exit`,
            () => (this.pid(name) === undefined ? true : undefined),
            30_000,
        );
    }

    /** `scripts/bia network up`: restarts every stopped orderer, peer and chaincode server and waits for them. */
    async up(): Promise<void> {
        await this.bia(['network', 'up']);
    }

    /** `scripts/bia network down` (ledgers kept). */
    async down(): Promise<void> {
        await this.bia(['network', 'down']);
    }

    async bia(args: readonly string[]): Promise<string> {
        try {
            const { stdout } = await exec(bia, [...args], {
                env: { ...process.env, BIA_GENERATED: this.generated },
                timeout: 600_000,
            });
            return stdout;
        } catch (error) {
            const failure = error as { stderr?: string; message: string };
            throw new Error(
                `scripts/bia ${args.join(' ')} failed: ${failure.message}\n${(failure.stderr ?? '').slice(-2000)}`,
            );
        }
    }

    /** The orderer that leads the channel's Raft cluster now (its `consensus_etcdraft_is_leader` metric). */
    async raftLeader(): Promise<string | undefined> {
        for (const orderer of this.topology.ordererOrganization.orderers) {
            if (this.pid(orderer.name) === undefined) {
                continue;
            }
            const response = await fetch(`http://127.0.0.1:${String(orderer.operationsPort)}/metrics`, {
                signal: AbortSignal.timeout(3_000),
            }).catch(() => undefined);
            const metrics = response?.ok === true ? await response.text() : '';
            if (metrics.includes(`consensus_etcdraft_is_leader{channel="${this.channel}"} 1`)) {
                return orderer.name;
            }
        }
        return undefined;
    }

    /** The channel height and last block hash as one peer itself reports them (`peer channel getinfo`, its admin). */
    async chainInfo(node: string): Promise<ChainInfo> {
        const env = join(this.generated, 'nodes', node, 'admin.env');
        const { stdout } = await exec(
            'bash',
            ['-c', 'source "$1" && peer channel getinfo -c "$2"', 'getinfo', env, this.channel],
            {
                timeout: 60_000,
            },
        );
        const info = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { height: number; currentBlockHash: string };
        return { height: info.height, currentBlockHash: info.currentBlockHash };
    }

    /** The PID-file name of the server of chaincode `name` (chaincode-<port>). */
    chaincodeServer(name: string): string {
        const dir = join(this.generated, 'chaincode');
        const file = readdirSync(dir).find(
            (entry) => /^chaincode-\d+\.name$/.test(entry) && readFileSync(join(dir, entry), 'utf8').trim() === name,
        );
        if (file === undefined) {
            throw new Error(`no server of chaincode '${name}' is recorded in ${dir}`);
        }
        return file.replace(/\.name$/, '');
    }
}

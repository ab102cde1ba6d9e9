// Test helper: the devnet's command line (network/devnet/dist, built by `npm test`'s type check or
// `npx tsc -b network/devnet`) as a child process, ready once it has printed every organisation's connection file.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { findDescendants } from '../../../bench/proc-monitor';

const repositoryRoot = resolve(__dirname, '../../../..');
const READY_TIMEOUT_MS = 180_000;

export interface DevnetProcess {
    readonly child: ChildProcess;
    /** Organisation name → connection file. */
    readonly connectionFiles: ReadonlyMap<string, string>;
    /** From spawning the process to its last connection file line. */
    readonly startMs: number;
}

export async function spawnDevnet(args: readonly string[], organizations: number): Promise<DevnetProcess> {
    const cli = join(repositoryRoot, 'network/devnet/dist/cli.js');
    if (!existsSync(cli)) {
        throw new Error(`${cli} is missing: build the devnet first (npx tsc -b network/devnet)`);
    }
    const started = performance.now();
    const child = spawn(process.execPath, [cli, ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    const files = new Map<string, string>();
    const timer = setTimeout(() => child.kill('SIGTERM'), READY_TIMEOUT_MS);
    try {
        for await (const line of createInterface({ input: child.stdout })) {
            output.push(line);
            const match = /^\s+(\S+): \S+\s+connection file (.+)$/.exec(line);
            if (match?.[1] !== undefined && match[2] !== undefined) {
                files.set(match[1], match[2]);
            }
            if (files.size === organizations) {
                break;
            }
        }
    } finally {
        clearTimeout(timer);
    }
    if (files.size !== organizations) {
        throw new Error(
            `the devnet did not start (exit ${String(child.exitCode ?? child.signalCode)}):\n${output.join('\n').slice(-4000)}`,
        );
    }
    // Keep draining its output so that a full pipe never blocks it.
    child.stdout.resume();
    return { child, connectionFiles: files, startMs: performance.now() - started };
}

/** SIGKILL, as a crash: no shutdown code runs. Its chaincode processes are then ended too, as a crash would. */
export async function killHard(devnet: DevnetProcess): Promise<void> {
    const pid = devnet.child.pid;
    const descendants = pid === undefined ? [] : findDescendants(pid, []);
    const exited = once(devnet.child, 'exit');
    devnet.child.kill('SIGKILL');
    await exited;
    for (const descendant of descendants) {
        try {
            process.kill(descendant, 'SIGKILL');
        } catch {
            // Already gone.
        }
    }
}

/** SIGTERM: the devnet's orderly stop (commits what it holds, closes the ledger). */
export async function stopGracefully(devnet: DevnetProcess): Promise<void> {
    if (devnet.child.exitCode !== null || devnet.child.signalCode !== null) {
        return;
    }
    const exited = once(devnet.child, 'exit');
    devnet.child.kill('SIGTERM');
    await exited;
}

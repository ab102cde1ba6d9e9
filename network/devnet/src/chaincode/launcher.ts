// Runs a Node chaincode project as a child process, the way Fabric's Node chaincode image does:
// `fabric-chaincode-node start` (the chaincode dials the peer) or `fabric-chaincode-node server` (CCaaS).
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { OutputTail } from './output-tail';

interface CommonLaunchOptions {
    readonly packageDir: string;
    /** Appends the chaincode's stdout and stderr to this file. */
    readonly logFile?: string;
    /** Runs `npm run build` in packageDir first. */
    readonly build?: boolean;
    /** Extra environment; CORE_* variables of this process are not passed on, so they cannot reconfigure the shim. */
    readonly env?: Readonly<Record<string, string>>;
    /** How long the chaincode may take to become ready; default 30 s. */
    readonly readyTimeoutMs?: number;
}

export interface LaunchOptions extends CommonLaunchOptions {
    /** The chaincode ID it registers with (--chaincode-id-name): 'name', 'name:version' or a package ID. */
    readonly name: string;
    /** host:port of the devnet's chaincode listener (--peer.address). */
    readonly peerAddress: string;
    /**
     * Resolves when the chaincode has registered, e.g. `() => runtime.waitReady('bia', 30_000)`.
     * Default: the shim's log line announcing the "ready" state.
     */
    readonly ready?: () => Promise<void>;
}

export interface ServerLaunchOptions extends CommonLaunchOptions {
    /** --chaincode-id, usually a package ID 'label:hash'. */
    readonly chaincodeId: string;
    /** 127.0.0.1:port the chaincode server listens on (--chaincode-address); the port must be given. */
    readonly address: string;
    /** PEM files for a TLS chaincode server; clientCaCertFile makes it require client certificates. */
    readonly tls?: { readonly keyFile: string; readonly certFile: string; readonly clientCaCertFile?: string };
}

export interface LaunchedChaincode {
    readonly pid: number;
    /** The last lines the chaincode wrote. */
    output(): string;
    /** Kills the process by its PID and waits for it to exit. */
    stop(): Promise<void>;
}

const DEFAULT_READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
const SHIM_READY_LINE = 'State transferred to "ready"';
const PORT_POLL_MS = 100;

/** Starts a chaincode that dials the devnet; resolves once it has registered. */
export async function launchChaincode(options: LaunchOptions): Promise<LaunchedChaincode> {
    const args = ['start', '--peer.address', options.peerAddress, '--chaincode-id-name', options.name];
    return launch(options, args, (output) => (options.ready ? options.ready() : output.waitFor(SHIM_READY_LINE)));
}

/** Starts a chaincode server (chaincode-as-a-service); resolves once it accepts connections. */
export async function launchChaincodeServer(options: ServerLaunchOptions): Promise<LaunchedChaincode> {
    const args = ['server', '--chaincode-address', options.address, '--chaincode-id', options.chaincodeId];
    if (options.tls) {
        args.push('--chaincode-tls-key-file', options.tls.keyFile, '--chaincode-tls-cert-file', options.tls.certFile);
        if (options.tls.clientCaCertFile !== undefined) {
            args.push('--chaincode-tls-client-cacert-file', options.tls.clientCaCertFile);
        }
    }
    return launch(options, args, (_, signal) => waitForPort(options.address, signal));
}

async function launch(
    options: CommonLaunchOptions,
    args: string[],
    ready: (output: OutputTail, signal: AbortSignal) => Promise<void>,
): Promise<LaunchedChaincode> {
    const packageDir = resolve(options.packageDir);
    if (options.build) {
        await buildPackage(packageDir);
    }
    const output = new OutputTail(options.logFile);
    const child = spawn(process.execPath, [shimCli(packageDir), ...args, '--module-path', packageDir], {
        cwd: packageDir,
        env: childEnvironment(options.env),
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    output.follow(child.stdout, child.stderr);
    const exited = once(child, 'exit').then(([code, signal]: unknown[]) => String(code ?? signal));
    const launched = new LaunchedChaincodeImpl(child, output, exited);
    const waiting = new AbortController();
    try {
        await firstOf(
            ready(output, waiting.signal),
            exited.then((how) => Promise.reject(new Error(`exited (${how}) before it was ready`))),
            options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
        );
    } catch (err) {
        await launched.stop();
        throw new Error(
            `chaincode in ${packageDir} ${(err as Error).message}; its output ends with:\n${output.text()}`,
        );
    } finally {
        waiting.abort();
    }
    return launched;
}

class LaunchedChaincodeImpl implements LaunchedChaincode {
    readonly #child: ChildProcess;
    readonly #output: OutputTail;
    readonly #exited: Promise<string>;

    constructor(child: ChildProcess, output: OutputTail, exited: Promise<string>) {
        this.#child = child;
        this.#output = output;
        this.#exited = exited;
    }

    get pid(): number {
        return this.#child.pid ?? -1;
    }

    output(): string {
        return this.#output.text();
    }

    async stop(): Promise<void> {
        if (this.#child.exitCode === null && this.#child.signalCode === null) {
            this.#child.kill('SIGTERM');
            const killer = setTimeout(() => this.#child.kill('SIGKILL'), STOP_GRACE_MS);
            await this.#exited;
            clearTimeout(killer);
        }
        await this.#output.close();
    }
}

/** The shim's CLI from the project's own node_modules, else from the devnet's. */
function shimCli(packageDir: string): string {
    const manifest = require.resolve('fabric-shim/package.json', { paths: [packageDir, __dirname] });
    return join(dirname(manifest), 'cli.js');
}

function childEnvironment(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
    const inherited = Object.entries(process.env).filter(([name]) => !name.startsWith('CORE_'));
    return { ...Object.fromEntries(inherited), CORE_CHAINCODE_LOGGING_LEVEL: 'INFO', ...extra };
}

/** `npm run build` in packageDir; rejects with the tail of its output. */
export async function buildPackage(packageDir: string): Promise<void> {
    await new Promise<void>((resolvePromise, reject) => {
        execFile('npm', ['run', 'build'], { cwd: packageDir }, (err, stdout, stderr) => {
            if (err) {
                const tail = `${stdout}${stderr}`.split('\n').slice(-40).join('\n');
                reject(new Error(`npm run build failed in ${packageDir}:\n${tail}`));
            } else {
                resolvePromise();
            }
        });
    });
}

async function firstOf(ready: Promise<void>, failed: Promise<never>, timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
            reject(new Error(`was not ready within ${timeoutMs} ms`));
        }, timeoutMs);
    });
    try {
        await Promise.race([ready, failed, timeout]);
    } finally {
        clearTimeout(timer);
    }
}

async function waitForPort(address: string, signal: AbortSignal): Promise<void> {
    const separator = address.lastIndexOf(':');
    const host = address.slice(0, separator);
    const port = Number(address.slice(separator + 1));
    while (!signal.aborted) {
        const open = await new Promise<boolean>((resolvePromise) => {
            const socket = connect({ host, port }, () => {
                socket.destroy();
                resolvePromise(true);
            });
            socket.on('error', () => {
                resolvePromise(false);
            });
        });
        if (open) {
            return;
        }
        await new Promise((resolvePromise) => setTimeout(resolvePromise, PORT_POLL_MS));
    }
}

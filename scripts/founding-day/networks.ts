// The network the story plays on: the devnet in this process (default), or the real local Fabric network
// brought up with scripts/bia. Either way the story gets one connection file per organisation.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadTopology, startDevnet } from '@bia/devnet';

export const repositoryRoot = resolve(__dirname, '../..');
const chaincodeDir = join(repositoryRoot, 'chaincode');
const biaScript = join(repositoryRoot, 'scripts', 'bia');

export interface StoryNetwork {
    readonly kind: 'devnet' | 'fabric';
    /** Organisation name to its connection file. */
    readonly connectionFiles: ReadonlyMap<string, string>;
    /** Where the network keeps its state (data dir or BIA_GENERATED). */
    readonly directory: string;
    /** Stops the network and removes its state unless it was asked to be kept on disk. */
    stop(): Promise<void>;
}

export interface DevnetStoryOptions {
    /** A folder without a ledger; default: a fresh temporary folder, removed at stop. */
    readonly dataDir?: string;
    readonly batchTimeoutMs?: number;
    readonly log?: (line: string) => void;
}

export async function startStoryDevnet(options: Readonly<DevnetStoryOptions> = {}): Promise<StoryNetwork> {
    const ownsDir = options.dataDir === undefined;
    const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'bia-founding-day-')));
    if (existsSync(join(dataDir, 'ledger'))) {
        throw new Error(`${dataDir} already holds a ledger: the founding day happens once; give an empty --data-dir`);
    }
    const topology = loadTopology();
    options.log?.(`starting the devnet in ${dataDir}`);
    const devnet = await startDevnet({
        dataDir,
        batch: { maxMessageCount: topology.batch.maxMessageCount, batchTimeoutMs: options.batchTimeoutMs ?? 20 },
        chaincodes: [
            {
                name: topology.chaincode,
                packageDir: chaincodeDir,
                endorsementPolicy: topology.endorsementPolicy,
                collectionsConfig: join(chaincodeDir, 'collections_config.json'),
            },
        ],
    });
    return {
        kind: 'devnet',
        connectionFiles: devnet.connectionFiles,
        directory: dataDir,
        async stop() {
            await devnet.stop();
            if (ownsDir) {
                await rm(dataDir, { recursive: true, force: true });
            }
        },
    };
}

export interface FabricStoryOptions {
    /** BIA_GENERATED for scripts/bia; default: a fresh temporary folder. */
    readonly generatedDir?: string;
    readonly log?: (line: string) => void;
}

/** Brings the real network up with scripts/bia (BIA_FABRIC_BIN or PATH gives Fabric's binaries). */
export async function startStoryFabric(options: Readonly<FabricStoryOptions> = {}): Promise<StoryNetwork> {
    await requireFreePorts();
    const generated = options.generatedDir ?? (await mkdtemp(join(tmpdir(), 'bia-founding-day-fabric-')));
    const env = { ...process.env, BIA_GENERATED: generated };
    const log = options.log ?? (() => undefined);
    const stop = async (): Promise<void> => {
        await runBia(['network', 'down', '--clean'], env, log);
    };
    try {
        log(`bringing the Fabric network up (BIA_GENERATED=${generated})`);
        await runBia(['network', 'up'], env, log);
        log('deploying the chaincode');
        await runBia(['chaincode', 'deploy'], env, log);
    } catch (error) {
        await stop().catch(() => undefined);
        throw error;
    }
    const connectionsDir = join(generated, 'connections');
    const files = (await readdir(connectionsDir)).filter((name) => name.endsWith('.json'));
    return {
        kind: 'fabric',
        connectionFiles: new Map(files.map((name) => [name.replace(/\.json$/, ''), join(connectionsDir, name)])),
        directory: generated,
        stop,
    };
}

export function biaCommand(): string {
    return biaScript;
}

function runBia(args: readonly string[], env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
    return new Promise((resolvePromise, reject) => {
        const child = spawn(biaScript, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
        const output: string[] = [];
        const collect = (chunk: Buffer): void => {
            output.push(chunk.toString('utf8'));
        };
        child.stdout.on('data', collect);
        child.stderr.on('data', collect);
        child.on('error', reject);
        child.on('close', (code) => {
            if (code === 0) {
                resolvePromise();
                return;
            }
            const tail = output.join('').trimEnd().split('\n').slice(-15).join('\n');
            log(tail);
            reject(new Error(`scripts/bia ${args.join(' ')} exited with ${code}`));
        });
    });
}

/** Only one network may use the topology's ports at a time on this machine. */
async function requireFreePorts(): Promise<void> {
    const topology = loadTopology();
    const ports = [
        ...topology.organizations.map((org) => org.peer.port),
        ...topology.ordererOrganization.orderers.map((orderer) => orderer.port),
        topology.chaincodeServer.port,
    ];
    for (const port of ports) {
        if (await isListening(port)) {
            throw new Error(`port ${port} is in use: another network is running (stop it first)`);
        }
    }
}

function isListening(port: number): Promise<boolean> {
    return new Promise((resolvePromise) => {
        const socket = createConnection({ host: '127.0.0.1', port });
        socket.once('connect', () => {
            socket.destroy();
            resolvePromise(true);
        });
        socket.once('error', () => {
            resolvePromise(false);
        });
    });
}

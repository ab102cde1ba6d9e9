// The running real network (`scripts/bia network up` + `scripts/bia chaincode deploy`): its connection files, its
// chaincode servers' PIDs, and the baseline chaincode, which the bench deploys beside the association's through
// `scripts/bia chaincode deploy --name bench-baseline` when the network does not have it yet.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadTopology } from '@bia/devnet';
import { type Connections } from './connections';
import { fabricChaincodePids } from './fabric-servers';
import { type BenchNetwork, baselineChaincodeDir, baselineChaincodeName, repositoryRoot } from './network';

/** The command that deploys the baseline on the real network (what the bench runs, and what a user may run). */
export const baselineDeployArgs: readonly string[] = [
    'chaincode',
    'deploy',
    '--name',
    baselineChaincodeName,
    '--path',
    relative(repositoryRoot, baselineChaincodeDir),
];

export interface FabricNetworkOptions {
    /** The network's generated folder (BIA_GENERATED): PID files and chaincode server records. */
    readonly generatedDir: string;
    /** Where the connection files are, when not in <generatedDir>/connections (BIA_FABRIC_CONNECTIONS). */
    readonly connectionsDir?: string;
    /** Progress messages (the deployment's own output goes to stderr). */
    readonly log: (message: string) => void;
}

export function useFabricNetwork(options: FabricNetworkOptions): BenchNetwork {
    const dir = options.connectionsDir ?? join(options.generatedDir, 'connections');
    const connectionFiles = new Map(
        loadTopology()
            .organizations.map((org) => [org.name, join(dir, `${org.name}.json`)] as const)
            .filter(([, file]) => existsSync(file)),
    );
    if (connectionFiles.size === 0) {
        throw new Error(`no connection files in ${dir}: is the network up (scripts/bia network up)?`);
    }
    return {
        kind: 'fabric',
        connectionFiles,
        prepareBaseline: (connections) => ensureBaseline(connections, options),
        chaincodePids: () => fabricChaincodePids(options.generatedDir),
        networkPids: () => [],
        stop: () => Promise.resolve(),
    };
}

/** Whether the baseline answers a query through healthco's peer (the identity its workload uses). */
async function baselineAnswers(connections: Connections): Promise<boolean> {
    try {
        const contract = await connections.rawContract('healthco', 'User1', baselineChaincodeName);
        await contract.evaluateTransaction('Get', 'bench-probe');
        return true;
    } catch {
        return false;
    }
}

async function ensureBaseline(connections: Connections, options: FabricNetworkOptions): Promise<boolean> {
    if (await baselineAnswers(connections)) {
        options.log(`baseline chaincode '${baselineChaincodeName}' is deployed`);
        return true;
    }
    const command = `scripts/bia ${baselineDeployArgs.join(' ')}`;
    options.log(`baseline chaincode '${baselineChaincodeName}' not deployed: running ${command}`);
    const exitCode = await runBia(baselineDeployArgs, options.generatedDir);
    if (exitCode !== 0 || !(await baselineAnswers(connections))) {
        throw new Error(
            `could not deploy the baseline chaincode (${command} exited ${String(exitCode)}); ` +
                `fix what it reported, or run it yourself (with BIA_FABRIC_BIN set as for 'network up'), then rerun the bench`,
        );
    }
    return true;
}

/** Runs scripts/bia on the bench's network, its output on the bench's stderr; resolves to its exit code. */
async function runBia(args: readonly string[], generatedDir: string): Promise<number | null> {
    const child = spawn('bash', [join(repositoryRoot, 'scripts/bia'), ...args], {
        stdio: ['ignore', process.stderr, process.stderr],
        env: { ...process.env, BIA_GENERATED: generatedDir },
    });
    const [code] = (await once(child, 'exit')) as [number | null];
    return code;
}

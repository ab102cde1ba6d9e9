// The client library's CPU cost per transaction against calling fabric-gateway directly: the same transactions
// (a checkpoint submit, a member evaluate) both ways, measured as this process's CPU time (the network runs in
// other processes). Rounds alternate between the two paths so that drift in machine load hits both alike.
import { type Connections, submitRaw } from '../connections';
import { founders, reading, shipper } from '../fixture';
import { type Operation, type RunResult, runWorkload } from '../runner';
import { runTag } from './workload';

export interface OverheadComparison {
    readonly transaction: string;
    readonly raw: readonly RunResult[];
    readonly client: readonly RunResult[];
    readonly rawCpuMsPerTx: number;
    readonly clientCpuMsPerTx: number;
    /** Client CPU per transaction over raw CPU per transaction. */
    readonly cpuRatio: number;
}

export interface ClientOverhead {
    readonly comparisons: readonly OverheadComparison[];
    /** The worst ratio of the comparisons. */
    readonly cpuRatio: number;
}

export interface OverheadOptions {
    readonly shipmentIds: readonly string[];
    readonly transactionsPerRound: number;
    readonly rounds: number;
    readonly concurrency: number;
}

/** CPU per committed transaction over several runs together. */
function cpuPerTx(runs: readonly RunResult[]): number {
    const committed = runs.reduce((sum, run) => sum + run.committed, 0);
    const cpuMs = runs.reduce((sum, run) => sum + run.clientCpuMsPerTx * run.committed, 0);
    return committed === 0 ? Number.NaN : cpuMs / committed;
}

async function compare(
    transaction: string,
    paths: { readonly raw: (round: number) => Operation; readonly client: (round: number) => Operation },
    options: OverheadOptions,
): Promise<OverheadComparison> {
    const run = (path: 'raw' | 'client', round: number): Promise<RunResult> =>
        runWorkload({
            workload: `${transaction} via ${path === 'raw' ? 'fabric-gateway' : '@bia/client'}`,
            concurrency: options.concurrency,
            maxOperations: options.transactionsPerRound,
            operation: paths[path](round),
        });
    await run('raw', 0);
    await run('client', 0);
    const raw: RunResult[] = [];
    const client: RunResult[] = [];
    for (let round = 1; round <= options.rounds; round++) {
        raw.push(await run('raw', round));
        client.push(await run('client', round));
    }
    const rawCpuMsPerTx = cpuPerTx(raw);
    const clientCpuMsPerTx = cpuPerTx(client);
    return { transaction, raw, client, rawCpuMsPerTx, clientCpuMsPerTx, cpuRatio: clientCpuMsPerTx / rawCpuMsPerTx };
}

export async function measureClientOverhead(
    connections: Connections,
    options: OverheadOptions,
): Promise<ClientOverhead> {
    const client = await shipper(connections);
    const raw = await connections.rawContract('healthco', 'User1', (await connections.profile('healthco')).chaincode);
    const shipmentOf = (iteration: number): string => options.shipmentIds[iteration % options.shipmentIds.length] ?? '';
    const checkpoint = (path: string, round: number, iteration: number) =>
        reading(shipmentOf(iteration), `${path}${round}-${runTag}-${iteration}`, 's1');
    const submits = await compare(
        'RecordCheckpoint (submit)',
        {
            raw:
                (round) =>
                async ({ iteration, timed }) => {
                    const body = JSON.stringify(checkpoint('raw', round, iteration));
                    await timed(() => submitRaw(raw, 'shipments:RecordCheckpoint', [body]));
                },
            client:
                (round) =>
                async ({ iteration, timed }) => {
                    await timed(() => client.shipments.recordCheckpoint(checkpoint('lib', round, iteration)));
                },
        },
        options,
    );
    // Evaluations are cheap: five times as many make each round last about as long as the submits'.
    const evaluates = await compare(
        'GetMember (evaluate)',
        {
            raw:
                () =>
                async ({ timed }) => {
                    await timed(async () => {
                        const bytes = await raw.evaluate('membership:GetMember', {
                            arguments: [founders.healthcentres],
                        });
                        return JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
                    });
                },
            client:
                () =>
                async ({ timed }) => {
                    await timed(() => client.membership.getMember(founders.healthcentres));
                },
        },
        { ...options, transactionsPerRound: options.transactionsPerRound * 5 },
    );
    const comparisons = [submits, evaluates];
    return { comparisons, cpuRatio: Math.max(...comparisons.map((comparison) => comparison.cpuRatio)) };
}

// `npm run bench`: runs every workload on the devnet (default) or the real local Fabric network, prints the
// results with ratios against the baseline and the targets met or missed, and writes JSON, Markdown and an SVG.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { Connections } from './connections';
import { inkedDeal, prepareAssociation } from './fixture';
import { useFabricNetwork } from './fabric-network';
import { type BenchNetwork, repositoryRoot, startBenchDevnet } from './network';
import { type BenchOptions, parseBenchOptions, usage } from './options';
import { largestLifetimePeak } from './proc-monitor';
import { type BenchResults, type WorkloadResult, renderMarkdown, renderText, runAt } from './report';
import { renderChart } from './chart';
import { type RunResult, runWorkload } from './runner';
import { renderSoak, runSoak } from './soak';
import { baselineWorkload } from './workloads/baseline';
import { checkpointsWorkload, createShipments, hotKeyWorkload } from './workloads/checkpoints';
import { type ClientOverhead, measureClientOverhead } from './workloads/client-overhead';
import { dealSignatureWorkload } from './workloads/deals';
import { evaluateWorkload } from './workloads/evaluate';
import { measureListQueries } from './workloads/list-queries';
import { applicantIdentities, membershipWorkload } from './workloads/membership';
import { type Workload, runTag } from './workloads/workload';
import { loadTopology } from '@bia/devnet';

const SPREAD_SHIPMENTS = 200;
const LIST_QUERIES_PER_SIZE = 30;
const OVERHEAD_ROUNDS = 3;
const OVERHEAD_CONCURRENCY = 10;

function log(message: string): void {
    process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function machineDescription(): string {
    const [cpu] = cpus();
    const load = loadavg()
        .map((value) => value.toFixed(2))
        .join(' ');
    return `${cpus().length} x ${cpu?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load average at start ${load}`;
}

function openNetwork(options: BenchOptions): Promise<BenchNetwork> {
    if (options.network === 'devnet') {
        return startBenchDevnet({ maxMessageCount: options.maxMessageCount, batchTimeoutMs: options.batchTimeoutMs });
    }
    const generated = process.env.BIA_GENERATED ?? join(repositoryRoot, 'network/generated');
    const connectionsDir = process.env.BIA_FABRIC_CONNECTIONS;
    return Promise.resolve(
        useFabricNetwork({ generatedDir: generated, ...(connectionsDir === undefined ? {} : { connectionsDir }), log }),
    );
}

function selected(options: BenchOptions, name: string): boolean {
    return options.workloads === undefined || options.workloads.includes(name);
}

function runLine(run: RunResult): string {
    const failures = Object.entries(run.failures).map(([label, count]) => `${label}:${count}`);
    const workers = run.workers === run.concurrency ? '' : ` (${run.workers} workers)`;
    return `${run.workload} @${run.concurrency}${workers}: ${run.committed} ok in ${(run.elapsedMs / 1000).toFixed(1)} s = ${run.goodput.toFixed(1)}/s, p50 ${run.latency.p50Ms.toFixed(1)} ms, p99 ${run.latency.p99Ms.toFixed(1)} ms, failures ${failures.join(' ') || '0'}${run.otherErrors ? `, other errors ${run.otherErrors} (${run.firstError ?? ''})` : ''}`;
}

/** The largest resident size any one of the association's chaincode processes reached so far. */
class PeakTracker {
    value: number | undefined;

    add(bytes: number | undefined): void {
        if (bytes !== undefined) {
            this.value = Math.max(this.value ?? 0, bytes);
        }
    }

    addRun(run: RunResult): void {
        this.add(run.chaincode.bia?.peakRssBytes);
    }
}

async function runSweep(
    workload: Workload,
    options: BenchOptions,
    processes: ReadonlyMap<string, readonly number[]>,
    peak: PeakTracker,
): Promise<WorkloadResult> {
    const concurrencies = [...new Set([...options.sweep, options.concurrency])].sort((a, b) => a - b);
    const runs: RunResult[] = [];
    let note: string | undefined;
    for (const concurrency of concurrencies) {
        const prepared = await workload.prepare(concurrency);
        note = prepared.note;
        const common = {
            workload: workload.name,
            concurrency,
            workers: prepared.concurrency ?? concurrency,
            operation: prepared.operation,
        };
        // Count-based workloads consume prepared state (drafted deals): they get no warm-up.
        const warmup =
            prepared.maxOperations === undefined && options.warmupMs > 0
                ? await runWorkload({ ...common, durationMs: options.warmupMs })
                : undefined;
        const run = await runWorkload({
            ...common,
            ...(prepared.maxOperations === undefined
                ? { durationMs: options.durationMs }
                : { maxOperations: prepared.maxOperations }),
            firstIteration: warmup?.operations ?? 0,
            processes,
        });
        log(runLine(run));
        peak.addRun(run);
        runs.push(run);
    }
    return {
        name: workload.name,
        description: workload.description,
        chaincode: workload.chaincode ?? 'bia',
        ...(note ? { note } : {}),
        runs,
    };
}

async function measureOverhead(
    connections: Connections,
    dealId: string,
    options: BenchOptions,
): Promise<ClientOverhead> {
    log('client library overhead: the same transactions through fabric-gateway and through @bia/client');
    const shipmentIds = await createShipments(connections, dealId, `${runTag}-overhead`, 20);
    const overhead = await measureClientOverhead(connections, {
        shipmentIds,
        transactionsPerRound: options.overheadTransactions,
        rounds: OVERHEAD_ROUNDS,
        concurrency: OVERHEAD_CONCURRENCY,
    });
    for (const comparison of overhead.comparisons) {
        [...comparison.raw, ...comparison.client].forEach((run) => {
            log(runLine(run));
        });
    }
    return overhead;
}

async function benchmark(
    options: BenchOptions,
    network: BenchNetwork,
    connections: Connections,
): Promise<BenchResults> {
    const hasBaseline = selected(options, 'baseline') && (await network.prepareBaseline(connections));
    log('preparing the association: charter, identities, two inked deals');
    await prepareAssociation(connections);
    const checkpointDeal = `deal-${runTag}-checkpoints`;
    const listDeal = `deal-${runTag}-list`;
    await Promise.all([inkedDeal(connections, checkpointDeal), inkedDeal(connections, listDeal)]);
    const processes = network.chaincodePids();
    log(
        `chaincode processes: ${[...processes].map(([name, pids]) => `${name}=${pids.join('+')}`).join(', ') || 'none found'}`,
    );
    const peak = new PeakTracker();
    const secretariat = loadTopology().organizations.find((org) => org.name === 'secretariat');
    const workloads: Workload[] = [
        ...(hasBaseline ? [baselineWorkload(connections)] : []),
        checkpointsWorkload(connections, checkpointDeal, SPREAD_SHIPMENTS),
        hotKeyWorkload(connections, checkpointDeal),
        membershipWorkload(connections, applicantIdentities(secretariat?.userCount ?? 0)),
        dealSignatureWorkload(connections, 2),
        evaluateWorkload(connections),
    ].filter((workload) => selected(options, workload.name));
    const results: WorkloadResult[] = [];
    for (const workload of workloads) {
        log(`workload ${workload.name}: ${workload.description}`);
        results.push(await runSweep(workload, options, processes, peak));
    }
    const clientOverhead = selected(options, 'client-overhead')
        ? await measureOverhead(connections, checkpointDeal, options)
        : undefined;
    const listQueries = selected(options, 'list-queries')
        ? await measureListQueries(connections, {
              dealId: listDeal,
              sizes: options.listSizes,
              seedConcurrency: options.seedConcurrency,
              queriesPerSize: LIST_QUERIES_PER_SIZE,
              processes,
              onSize: (entry) => {
                  log(runLine(entry.seeding));
                  log(runLine(entry.query));
                  peak.addRun(entry.seeding);
                  peak.addRun(entry.query);
              },
          })
        : [];
    // Judged per process, as each peer's chaincode process is: the largest lifetime peak of the association's.
    peak.add(largestLifetimePeak(processes.get('bia') ?? []));
    return {
        network: network.kind,
        concurrency: options.concurrency,
        workloads: results,
        listQueries,
        ...(clientOverhead ? { clientOverhead } : {}),
        ...(peak.value === undefined ? {} : { chaincodePeakRssBytes: peak.value }),
        chaincodeProcesses: processes.get('bia')?.length ?? 0,
    };
}

async function writeOutputs(
    options: BenchOptions,
    results: BenchResults,
    machine: string,
    started: Date,
): Promise<void> {
    await mkdir(options.outputDir, { recursive: true });
    const stamp = started.toISOString().replace(/[:.]/g, '-');
    const caption = `${results.network}, ${started.toISOString()}, ${machine}`;
    const series = results.workloads.map((workload) => {
        const run = runAt(workload, results.concurrency);
        return { label: `${workload.name} @${run?.concurrency ?? '-'}`, latenciesMs: run?.latenciesMs ?? [] };
    });
    const points = results.listQueries.map((entry) => ({
        records: entry.records,
        p50Ms: entry.query.latency.p50Ms,
        p95Ms: entry.query.latency.p95Ms,
    }));
    const json = JSON.stringify({ startedAt: started.toISOString(), machine, options, results }, null, 2);
    const files: [string, string][] = [
        [`bench-${results.network}-${stamp}.json`, json],
        [`latest-${results.network}.json`, json],
        [`latest-${results.network}.svg`, renderChart(series, points, caption)],
        [`latest-${results.network}.md`, renderMarkdown(results, machine)],
    ];
    for (const [name, content] of files) {
        await writeFile(join(options.outputDir, name), content);
    }
    log(`wrote ${files.map(([name]) => join(options.outputDir, name)).join(', ')}`);
}

/** --soak: the association prepared as for the benchmark, then checkpoints for the whole duration. */
async function soak(
    options: BenchOptions,
    network: BenchNetwork,
    connections: Connections,
    machine: string,
    started: Date,
) {
    log('preparing the association: charter, identities, an inked deal');
    await prepareAssociation(connections);
    const dealId = `deal-${runTag}-soak`;
    await inkedDeal(connections, dealId);
    const workload = checkpointsWorkload(connections, dealId, SPREAD_SHIPMENTS);
    const prepared = await workload.prepare(options.concurrency);
    const chaincodePids = network.chaincodePids().get('bia') ?? [];
    const networkPids = network.networkPids();
    log(
        `soak: ${workload.description} at concurrency ${String(options.concurrency)} for ${String(options.soakMs)} ms; chaincode processes ${chaincodePids.join('+') || 'none found'}, network ${networkPids.join('+') || '-'}`,
    );
    // Unmeasured, as before every benchmark run: the first minute should not measure start-up.
    const warmup =
        options.warmupMs > 0
            ? await runWorkload({
                  workload: workload.name,
                  concurrency: options.concurrency,
                  durationMs: options.warmupMs,
                  operation: prepared.operation,
              })
            : undefined;
    const result = await runSoak({
        firstIteration: warmup?.operations ?? 0,
        workload: workload.name,
        concurrency: options.concurrency,
        durationMs: options.soakMs ?? 0,
        operation: prepared.operation,
        chaincodePids,
        networkPids,
        log,
    });
    const markdown = renderSoak(result, network.kind, machine);
    process.stdout.write(`${markdown}\n`);
    await mkdir(options.outputDir, { recursive: true });
    const stamp = started.toISOString().replace(/[:.]/g, '-');
    const json = JSON.stringify({ startedAt: started.toISOString(), machine, options, result }, null, 2);
    const files: [string, string][] = [
        [`soak-${network.kind}-${stamp}.json`, json],
        [`latest-soak-${network.kind}.md`, markdown],
    ];
    for (const [name, content] of files) {
        await writeFile(join(options.outputDir, name), content);
    }
    log(`wrote ${files.map(([name]) => join(options.outputDir, name)).join(', ')}`);
}

async function main(): Promise<void> {
    let options: BenchOptions | 'help';
    try {
        options = parseBenchOptions(process.argv.slice(2), join(__dirname, 'results'));
    } catch (error) {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
        process.exitCode = 2;
        return;
    }
    if (options === 'help') {
        process.stdout.write(`${usage}\n`);
        return;
    }
    const started = new Date();
    const machine = machineDescription();
    log(`on ${options.network}; ${machine}`);
    const network = await openNetwork(options);
    const connections = new Connections(network.connectionFiles);
    try {
        if (options.soakMs !== undefined) {
            await soak(options, network, connections, machine, started);
            return;
        }
        const results = await benchmark(options, network, connections);
        process.stdout.write(`${renderText(results)}\n`);
        await writeOutputs(options, results, machine, started);
    } finally {
        await connections.close();
        await network.stop();
    }
}

main().catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
});

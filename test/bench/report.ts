// The benchmark's results: ratios against the baseline, targets met or missed, and their text renderings.
import type { RunResult } from './runner';
import { ratio } from './stats';
import type { QueryAtSize } from './workloads/list-queries';
import type { ClientOverhead } from './workloads/client-overhead';

export interface WorkloadResult {
    readonly name: string;
    readonly description: string;
    readonly note?: string;
    /** The chaincode whose process CPU and memory the report shows. */
    readonly chaincode: string;
    /** One run per concurrency of the sweep (the fixed concurrency included). */
    readonly runs: readonly RunResult[];
}

export interface TargetResult {
    readonly target: string;
    readonly measured: string;
    /** undefined: not measured in this run. */
    readonly met: boolean | undefined;
}

export interface BenchResults {
    readonly network: 'devnet' | 'fabric';
    readonly concurrency: number;
    readonly workloads: readonly WorkloadResult[];
    readonly listQueries: readonly QueryAtSize[];
    readonly clientOverhead?: ClientOverhead;
    /**
     * Highest resident set size any one of the association's chaincode processes reached during the whole benchmark
     * (one process per peer on the devnet, as on Fabric; the budget is per process).
     */
    readonly chaincodePeakRssBytes?: number;
    /** How many processes run the association's chaincode (one per peer on the devnet; the servers on Fabric). */
    readonly chaincodeProcesses?: number;
}

const MB = 1024 * 1024;

export function runAt(workload: WorkloadResult | undefined, concurrency: number): RunResult | undefined {
    return workload?.runs.find((run) => run.concurrency === concurrency) ?? workload?.runs.at(-1);
}

function find(results: BenchResults, name: string): WorkloadResult | undefined {
    return results.workloads.find((workload) => workload.name === name);
}

function conflicts(run: RunResult | undefined): number | undefined {
    if (run === undefined) {
        return undefined;
    }
    return (run.failures.MVCC_READ_CONFLICT ?? 0) + (run.failures.PHANTOM_READ_CONFLICT ?? 0);
}

function fixed(value: number | undefined, digits = 2): string {
    return value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);
}

function goodputTarget(results: BenchResults): TargetResult {
    const baseline = runAt(find(results, 'baseline'), results.concurrency);
    const checkpoints = runAt(find(results, 'checkpoints'), results.concurrency);
    const goodputRatio = ratio(checkpoints?.goodput, baseline?.goodput);
    return {
        target: 'checkpoint goodput >= 0.8 x baseline',
        measured:
            goodputRatio === undefined
                ? 'n/a (no baseline or no checkpoints in this run)'
                : `${fixed(goodputRatio)} x (at concurrency ${results.concurrency})`,
        met: goodputRatio === undefined ? undefined : goodputRatio >= 0.8,
    };
}

function hotKeyTarget(results: BenchResults): TargetResult {
    const hotConflicts = conflicts(find(results, 'hot-key')?.runs.find((run) => run.concurrency === 50));
    return {
        target: '0 MVCC conflicts, 50 concurrent checkpoints on one shipment',
        measured: hotConflicts === undefined ? 'not run at concurrency 50' : `${hotConflicts} conflicts`,
        met: hotConflicts === undefined ? undefined : hotConflicts === 0,
    };
}

function pageTarget(results: BenchResults): TargetResult {
    const smallest = results.listQueries[0];
    const largest = results.listQueries.at(-1);
    const target = 'page of 100 at 100,000 records <= 1.5 x page at 1,000';
    if (smallest === undefined || largest === undefined || largest === smallest) {
        return { target, measured: 'not measured', met: undefined };
    }
    const pageRatio = ratio(largest.query.latency.p50Ms, smallest.query.latency.p50Ms);
    const coversTarget = largest.records >= 100_000 && smallest.records <= 1_000;
    return {
        target,
        measured: `${fixed(pageRatio)} x (p50 at ${largest.records} vs ${smallest.records} records)`,
        met: coversTarget && pageRatio !== undefined ? pageRatio <= 1.5 : undefined,
    };
}

function memoryTarget(results: BenchResults): TargetResult {
    const rss = results.chaincodePeakRssBytes;
    return {
        target: 'chaincode process < 200 MB resident (each)',
        measured:
            rss === undefined
                ? 'not measured'
                : `${fixed(rss / MB, 1)} MB peak${processesText(results.chaincodeProcesses)}`,
        met: rss === undefined ? undefined : rss < 200 * MB,
    };
}

function overheadTarget(results: BenchResults): TargetResult {
    const overhead = results.clientOverhead?.cpuRatio;
    const measured = overhead !== undefined && Number.isFinite(overhead);
    return {
        target: 'client library CPU per tx <= 1.05 x raw fabric-gateway (worst of submit, evaluate)',
        measured: measured ? `${fixed(overhead, 3)} x` : 'not measured',
        met: measured ? overhead <= 1.05 : undefined,
    };
}

/** The five targets, judged on this run's numbers; `met` is undefined when a run did not measure one. */
export function evaluateTargets(results: BenchResults): TargetResult[] {
    return [goodputTarget, hotKeyTarget, pageTarget, memoryTarget, overheadTarget].map((target) => target(results));
}

function pad(cells: readonly string[], widths: readonly number[]): string {
    return cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join('  ');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
    const widths = header.map((cell, index) => Math.max(cell.length, ...rows.map((row) => (row[index] ?? '').length)));
    return [
        pad(header, widths),
        pad(
            widths.map((w) => '-'.repeat(w)),
            widths,
        ),
        ...rows.map((r) => pad(r, widths)),
    ].join('\n');
}

function concurrencyText(run: RunResult): string {
    return run.workers === run.concurrency ? String(run.concurrency) : `${run.concurrency} (${run.workers} workers)`;
}

function failuresText(run: RunResult): string {
    const entries = Object.entries(run.failures).map(([label, count]) => `${label}:${count}`);
    if (run.otherErrors > 0) {
        entries.push(`other:${run.otherErrors}`);
    }
    return entries.length === 0 ? '0' : entries.join(' ');
}

/** CPU of all the chaincode's processes per transaction, and the largest process's peak memory. */
function chaincodeText(run: RunResult, chaincode: string): string {
    const usage = run.chaincode[chaincode];
    return usage === undefined
        ? 'n/a'
        : `${fixed(usage.cpuMs / Math.max(1, run.committed), 2)} ms/tx, ${fixed(usage.peakRssBytes / MB, 0)} MB`;
}

function processesText(count: number | undefined): string {
    return count === undefined || count < 2 ? '' : ` (largest of ${String(count)} processes)`;
}

/** The console report: per workload at the fixed concurrency, the sweep, list queries, overhead, targets. */
export function renderText(results: BenchResults): string {
    const baseline = runAt(find(results, 'baseline'), results.concurrency);
    const main = table(
        [
            'workload',
            'conc',
            'goodput/s',
            'p50 ms',
            'p95 ms',
            'p99 ms',
            'goodput x base',
            'p50 x base',
            'failures',
            'chaincode cpu (all processes), peak rss (largest)',
        ],
        results.workloads.map((workload) => {
            const run = runAt(workload, results.concurrency);
            if (run === undefined) {
                return [workload.name, '-', '-', '-', '-', '-', '-', '-', '-', '-'];
            }
            return [
                workload.name,
                concurrencyText(run),
                fixed(run.goodput, 1),
                fixed(run.latency.p50Ms, 1),
                fixed(run.latency.p95Ms, 1),
                fixed(run.latency.p99Ms, 1),
                fixed(ratio(run.goodput, baseline?.goodput)),
                fixed(ratio(run.latency.p50Ms, baseline?.latency.p50Ms)),
                failuresText(run),
                chaincodeText(run, workload.chaincode),
            ];
        }),
    );
    const sweep = table(
        ['workload', 'concurrency', 'goodput/s', 'p50 ms', 'p99 ms', 'failures'],
        results.workloads.flatMap((workload) =>
            workload.runs.map((run) => [
                workload.name,
                concurrencyText(run),
                fixed(run.goodput, 1),
                fixed(run.latency.p50Ms, 1),
                fixed(run.latency.p99Ms, 1),
                failuresText(run),
            ]),
        ),
    );
    const queries = table(
        ['records', 'page p50 ms', 'page p95 ms', 'seeding tx/s', 'seeding failures'],
        results.listQueries.map((entry) => [
            String(entry.records),
            fixed(entry.query.latency.p50Ms, 1),
            fixed(entry.query.latency.p95Ms, 1),
            fixed(entry.seeding.goodput, 1),
            failuresText(entry.seeding),
        ]),
    );
    const overhead = results.clientOverhead;
    const overheadText =
        overhead === undefined
            ? 'not measured'
            : overhead.comparisons
                  .map(
                      (c) =>
                          `${c.transaction}: fabric-gateway ${fixed(c.rawCpuMsPerTx, 3)} ms CPU/tx, @bia/client ${fixed(c.clientCpuMsPerTx, 3)} ms CPU/tx: ${fixed(c.cpuRatio, 3)} x`,
                  )
                  .join('\n');
    const targets = table(
        ['target', 'measured', 'result'],
        evaluateTargets(results).map((t) => [
            t.target,
            t.measured,
            t.met === undefined ? 'NOT MEASURED' : t.met ? 'met' : 'MISSED',
        ]),
    );
    return [
        `== workloads at concurrency ${results.concurrency} (${results.network}) ==`,
        main,
        '',
        '== concurrency sweep ==',
        sweep,
        '',
        '== paginated list query (page of 100) vs ledger size ==',
        queries,
        '',
        `== client library overhead (CPU time of this process per transaction, same transactions both ways) ==`,
        overheadText,
        '',
        '== targets ==',
        targets,
    ].join('\n');
}

/** A Markdown table of the headline figures, for the README. */
export function renderMarkdown(results: BenchResults, machine: string): string {
    const baseline = runAt(find(results, 'baseline'), results.concurrency);
    const rows = results.workloads.map((workload) => {
        const run = runAt(workload, results.concurrency);
        return run === undefined
            ? `| ${workload.name} | | | | |`
            : `| ${workload.name} | ${fixed(run.goodput, 1)} | ${fixed(run.latency.p50Ms, 0)} / ${fixed(run.latency.p95Ms, 0)} / ${fixed(run.latency.p99Ms, 0)} | ${fixed(ratio(run.goodput, baseline?.goodput))} | ${failuresText(run)} |`;
    });
    const targets = evaluateTargets(results).map(
        (t) => `| ${t.target} | ${t.measured} | ${t.met === undefined ? 'not measured' : t.met ? 'met' : 'missed'} |`,
    );
    return [
        `Network: ${results.network}, concurrency ${results.concurrency}. Machine: ${machine}.`,
        '',
        '| workload | goodput (tx/s) | p50 / p95 / p99 (ms) | x baseline | failures |',
        '| --- | --- | --- | --- | --- |',
        ...rows,
        '',
        '| target | measured | result |',
        '| --- | --- | --- |',
        ...targets,
        '',
    ].join('\n');
}

// `npm run bench -- --soak <duration>`: one workload (checkpoints, the association's everyday write) at a fixed
// concurrency for a long time, measured minute by minute: goodput and failures per minute, and the resident memory
// of the chaincode processes, of this client process and (on the devnet) of the network process every few seconds,
// with the least-squares slope of each. A leak or a slow-down shows as a slope or as a last minute below the first.
import { runWorkload, type Operation, type RunResult } from './runner';
import { sampleProcess } from './proc-monitor';

const WINDOW_MS = 60_000;
const SAMPLE_EVERY_MS = 5_000;
const MB = 2 ** 20;

export interface SoakMinute {
    readonly minute: number;
    readonly seconds: number;
    readonly committed: number;
    /** Committed transactions per minute (scaled when the window was shorter than a minute). */
    readonly perMinute: number;
    readonly failures: Readonly<Record<string, number>>;
    readonly otherErrors: number;
    readonly p50Ms: number;
    readonly p99Ms: number;
}

export interface MemorySample {
    readonly seconds: number;
    readonly clientRssBytes: number;
    /** The largest chaincode process, and all of them together (one per peer). */
    readonly chaincodeMaxRssBytes: number | undefined;
    readonly chaincodeTotalRssBytes: number | undefined;
    readonly networkRssBytes: number | undefined;
}

export interface SoakResult {
    readonly workload: string;
    readonly concurrency: number;
    readonly durationMs: number;
    readonly minutes: readonly SoakMinute[];
    readonly samples: readonly MemorySample[];
    /** MB per minute over the whole run, and over its second half (past start-up growth). */
    readonly slopes: Readonly<Record<'client' | 'chaincodeMax' | 'network', { whole?: number; secondHalf?: number }>>;
}

export interface SoakSpec {
    readonly workload: string;
    readonly concurrency: number;
    readonly durationMs: number;
    readonly operation: Operation;
    /** Number the first operation so (after a warm-up run that used the numbers before it). */
    readonly firstIteration?: number;
    readonly chaincodePids: readonly number[];
    readonly networkPids: readonly number[];
    readonly log: (message: string) => void;
}

/** Least-squares slope of y against x; undefined with fewer than two points. */
export function slope(points: readonly (readonly [number, number])[]): number | undefined {
    if (points.length < 2) {
        return undefined;
    }
    const n = points.length;
    const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
    const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
    const sxx = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
    const sxy = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
    return sxx === 0 ? undefined : sxy / sxx;
}

function rssOf(pids: readonly number[]): number[] {
    return pids.flatMap((pid) => sampleProcess(pid)?.rssBytes ?? []);
}

function sample(started: number, spec: SoakSpec): MemorySample {
    const chaincode = rssOf(spec.chaincodePids);
    const network = rssOf(spec.networkPids);
    return {
        seconds: (performance.now() - started) / 1000,
        clientRssBytes: process.memoryUsage().rss,
        chaincodeMaxRssBytes: chaincode.length === 0 ? undefined : Math.max(...chaincode),
        chaincodeTotalRssBytes: chaincode.length === 0 ? undefined : chaincode.reduce((a, b) => a + b, 0),
        networkRssBytes: network.length === 0 ? undefined : network.reduce((a, b) => a + b, 0),
    };
}

function minuteOf(run: RunResult, minute: number): SoakMinute {
    return {
        minute,
        seconds: run.elapsedMs / 1000,
        committed: run.committed,
        perMinute: run.committed / (run.elapsedMs / WINDOW_MS),
        failures: run.failures,
        otherErrors: run.otherErrors,
        p50Ms: run.latency.p50Ms,
        p99Ms: run.latency.p99Ms,
    };
}

function slopes(samples: readonly MemorySample[], pick: (s: MemorySample) => number | undefined) {
    const points = samples.flatMap((s) => {
        const value = pick(s);
        return value === undefined ? [] : [[s.seconds / 60, value / MB] as const];
    });
    const half = (points.at(-1)?.[0] ?? 0) / 2;
    const whole = slope(points);
    const secondHalf = slope(points.filter(([minutes]) => minutes >= half));
    return { ...(whole === undefined ? {} : { whole }), ...(secondHalf === undefined ? {} : { secondHalf }) };
}

/** Runs the soak: consecutive one-minute windows (the last may be shorter) of the same workload. */
export async function runSoak(spec: SoakSpec): Promise<SoakResult> {
    const started = performance.now();
    const samples: MemorySample[] = [sample(started, spec)];
    const timer = setInterval(() => samples.push(sample(started, spec)), SAMPLE_EVERY_MS);
    timer.unref();
    const minutes: SoakMinute[] = [];
    let iteration = spec.firstIteration ?? 0;
    try {
        for (let minute = 1; performance.now() - started < spec.durationMs - 1_000; minute++) {
            const remaining = spec.durationMs - (performance.now() - started);
            const run = await runWorkload({
                workload: spec.workload,
                concurrency: spec.concurrency,
                durationMs: Math.min(WINDOW_MS, remaining),
                firstIteration: iteration,
                operation: spec.operation,
            });
            iteration += run.operations;
            const result = minuteOf(run, minute);
            minutes.push(result);
            const last = samples.at(-1);
            spec.log(
                `soak minute ${String(minute)}: ${String(result.committed)} committed (${result.perMinute.toFixed(0)}/min), failures ${failureText(result)}, p50 ${result.p50Ms.toFixed(0)} ms, p99 ${result.p99Ms.toFixed(0)} ms; RSS client ${mb(last?.clientRssBytes)}, chaincode max ${mb(last?.chaincodeMaxRssBytes)}, network ${mb(last?.networkRssBytes)}`,
            );
        }
    } finally {
        clearInterval(timer);
    }
    samples.push(sample(started, spec));
    return {
        workload: spec.workload,
        concurrency: spec.concurrency,
        durationMs: spec.durationMs,
        minutes,
        samples,
        slopes: {
            client: slopes(samples, (s) => s.clientRssBytes),
            chaincodeMax: slopes(samples, (s) => s.chaincodeMaxRssBytes),
            network: slopes(samples, (s) => s.networkRssBytes),
        },
    };
}

function mb(bytes: number | undefined): string {
    return bytes === undefined ? '-' : `${(bytes / MB).toFixed(0)} MB`;
}

function failureText(minute: SoakMinute): string {
    const entries = Object.entries(minute.failures).map(([label, count]) => `${label}:${String(count)}`);
    if (minute.otherErrors > 0) {
        entries.push(`other:${String(minute.otherErrors)}`);
    }
    return entries.join(' ') || '0';
}

function slopeText(value: { whole?: number; secondHalf?: number }): string {
    const format = (x: number | undefined): string => (x === undefined ? '-' : `${x >= 0 ? '+' : ''}${x.toFixed(2)}`);
    return `${format(value.whole)} MB/min (second half ${format(value.secondHalf)})`;
}

/** The soak as a Markdown section: one row per minute, then memory at start and end with slopes. */
export function renderSoak(result: SoakResult, network: string, machine: string): string {
    const first = result.minutes[0];
    const last = result.minutes.at(-1);
    const failures = result.minutes.reduce(
        (sum, m) => sum + m.otherErrors + Object.values(m.failures).reduce((a, b) => a + b, 0),
        0,
    );
    const lastVsFirst =
        first !== undefined && last !== undefined && first.perMinute > 0 ? last.perMinute / first.perMinute : undefined;
    const start = result.samples[0];
    const end = result.samples.at(-1);
    const lines = [
        `Soak on the ${network}: ${result.workload} at concurrency ${String(result.concurrency)} for ${(result.durationMs / 60_000).toFixed(1)} min (${machine})`,
        '',
        '| minute | committed | per minute | failures | p50 ms | p99 ms |',
        '| -----: | --------: | ---------: | :------- | -----: | -----: |',
        ...result.minutes.map(
            (m) =>
                `| ${String(m.minute)}${m.seconds < 59 ? ` (${m.seconds.toFixed(0)} s)` : ''} | ${String(m.committed)} | ${m.perMinute.toFixed(0)} | ${failureText(m)} | ${m.p50Ms.toFixed(0)} | ${m.p99Ms.toFixed(0)} |`,
        ),
        '',
        `Failures: ${String(failures)}. Last minute / first minute goodput: ${lastVsFirst === undefined ? '-' : lastVsFirst.toFixed(2)} (target: within 10 %).`,
        '',
        '| resident memory | start | end | slope |',
        '| :-------------- | ----: | --: | :---- |',
        `| client (this process) | ${mb(start?.clientRssBytes)} | ${mb(end?.clientRssBytes)} | ${slopeText(result.slopes.client)} |`,
        `| chaincode (largest of its processes) | ${mb(start?.chaincodeMaxRssBytes)} | ${mb(end?.chaincodeMaxRssBytes)} | ${slopeText(result.slopes.chaincodeMax)} |`,
        `| chaincode (all processes) | ${mb(start?.chaincodeTotalRssBytes)} | ${mb(end?.chaincodeTotalRssBytes)} | |`,
        `| network process | ${mb(start?.networkRssBytes)} | ${mb(end?.networkRssBytes)} | ${slopeText(result.slopes.network)} |`,
    ];
    return `${lines.join('\n')}\n`;
}

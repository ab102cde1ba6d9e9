// Runs one workload at a fixed concurrency: N workers repeat an operation until the time or operation budget is
// spent. Each transaction an operation wraps in `timed` is one sample: its latency when it succeeded, its failure
// label otherwise. Chaincode processes are monitored for the same interval.
import { type LatencySummary, summarizeLatencies } from './stats';
import { failureLabel } from './failures';
import { ProcessGroupMonitor, type ProcessGroupUsage } from './proc-monitor';

export interface OperationContext {
    readonly worker: number;
    /** Counts operations across all workers from firstIteration (default 0). */
    readonly iteration: number;
    /** Runs and measures one transaction; rethrows its error after counting it. */
    readonly timed: <T>(transaction: () => Promise<T>) => Promise<T>;
}

export type Operation = (context: OperationContext) => Promise<void>;

export interface RunSpec {
    readonly workload: string;
    readonly concurrency: number;
    /** Workers actually run when fewer than `concurrency` can (default: concurrency). */
    readonly workers?: number;
    /** Stop starting operations after this long. */
    readonly durationMs?: number;
    /** Or after this many operations. */
    readonly maxOperations?: number;
    /** Number the first operation so (default 0), e.g. to continue after a warm-up run without reusing IDs. */
    readonly firstIteration?: number;
    readonly operation: Operation;
    /** Chaincode processes to watch, by label (a chaincode runs once per peer: several processes each). */
    readonly processes?: ReadonlyMap<string, readonly number[]>;
}

export interface RunResult {
    readonly workload: string;
    readonly concurrency: number;
    readonly workers: number;
    readonly elapsedMs: number;
    /** Operations started: iterations firstIteration .. firstIteration + operations - 1. */
    readonly operations: number;
    readonly committed: number;
    /** Committed (or answered, for evaluations) transactions per second. */
    readonly goodput: number;
    readonly latency: LatencySummary;
    readonly latenciesMs: readonly number[];
    readonly failures: Readonly<Record<string, number>>;
    /** Errors outside measured transactions (preparation steps inside an operation). */
    readonly otherErrors: number;
    readonly firstError?: string;
    /** CPU time of this (client) process per committed transaction. */
    readonly clientCpuMsPerTx: number;
    readonly chaincode: Readonly<Record<string, ProcessGroupUsage | undefined>>;
}

class Recorder {
    readonly latencies: number[] = [];
    readonly failures: Record<string, number> = {};
    otherErrors = 0;
    firstError: string | undefined;

    async timed<T>(transaction: () => Promise<T>): Promise<T> {
        const started = performance.now();
        try {
            const result = await transaction();
            // Hundredths of a millisecond are plenty, and keep the JSON small.
            this.latencies.push(Math.round((performance.now() - started) * 100) / 100);
            return result;
        } catch (error) {
            const label = failureLabel(error);
            this.failures[label] = (this.failures[label] ?? 0) + 1;
            this.firstError ??= error instanceof Error ? error.message : String(error);
            throw new CountedError(error);
        }
    }
}

/** An error already counted by `timed`. */
class CountedError extends Error {
    constructor(cause: unknown) {
        super('counted', { cause });
    }
}

export async function runWorkload(spec: RunSpec): Promise<RunResult> {
    if (spec.durationMs === undefined && spec.maxOperations === undefined) {
        throw new Error(`workload ${spec.workload} needs a duration or an operation budget`);
    }
    const recorder = new Recorder();
    const monitors = new Map(
        [...(spec.processes ?? [])].map(([label, pids]) => [label, new ProcessGroupMonitor(pids)]),
    );
    const first = spec.firstIteration ?? 0;
    let next = first;
    const started = performance.now();
    const deadline = spec.durationMs === undefined ? Infinity : started + spec.durationMs;
    const more = (): boolean => performance.now() < deadline && next - first < (spec.maxOperations ?? Infinity);
    const worker = async (index: number): Promise<void> => {
        while (more()) {
            const iteration = next++;
            try {
                await spec.operation({ worker: index, iteration, timed: (tx) => recorder.timed(tx) });
            } catch (error) {
                if (!(error instanceof CountedError)) {
                    recorder.otherErrors++;
                    recorder.firstError ??= error instanceof Error ? error.message : String(error);
                }
            }
        }
    };
    monitors.forEach((monitor) => {
        monitor.start();
    });
    const cpuBefore = process.cpuUsage();
    await Promise.all(Array.from({ length: spec.workers ?? spec.concurrency }, (_, index) => worker(index)));
    const cpu = process.cpuUsage(cpuBefore);
    const elapsedMs = performance.now() - started;
    const chaincode = Object.fromEntries([...monitors].map(([label, monitor]) => [label, monitor.stop()]));
    const committed = recorder.latencies.length;
    return {
        workload: spec.workload,
        concurrency: spec.concurrency,
        workers: spec.workers ?? spec.concurrency,
        elapsedMs,
        operations: next - first,
        committed,
        goodput: committed / (elapsedMs / 1000),
        latency: summarizeLatencies(recorder.latencies),
        latenciesMs: recorder.latencies,
        failures: recorder.failures,
        otherErrors: recorder.otherErrors,
        ...(recorder.firstError === undefined ? {} : { firstError: recorder.firstError }),
        clientCpuMsPerTx: committed === 0 ? Number.NaN : (cpu.user + cpu.system) / 1000 / committed,
        chaincode,
    };
}

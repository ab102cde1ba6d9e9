// CPU time and resident memory of other processes (the chaincode processes), read from Linux's /proc.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

export interface ProcessSample {
    readonly cpuMs: number;
    readonly rssBytes: number;
    /** VmHWM: the highest resident set size since the process started. */
    readonly peakRssBytes: number;
}

export interface ProcessUsage {
    readonly pid: number;
    /** User + system CPU time spent during the measured interval. */
    readonly cpuMs: number;
    /** Highest resident set size seen while sampling. */
    readonly peakRssBytes: number;
    /** VmHWM at the end: the process's lifetime peak. */
    readonly lifetimePeakRssBytes: number;
}

let clockTicks: number | undefined;

function ticksPerSecond(): number {
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    return clockTicks;
}

/** One sample, or undefined when the process is gone. */
export function sampleProcess(pid: number): ProcessSample | undefined {
    try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        // Fields after the command name (which may contain spaces) start at field 3; utime and stime are 14 and 15.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ticks = Number(fields[11]) + Number(fields[12]);
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        return {
            cpuMs: (ticks * 1000) / ticksPerSecond(),
            rssBytes: statusKilobytes(status, 'VmRSS') * 1024,
            peakRssBytes: statusKilobytes(status, 'VmHWM') * 1024,
        };
    } catch {
        return undefined;
    }
}

function statusKilobytes(status: string, field: string): number {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) : 0;
}

/** Samples a process's RSS periodically between start and stop; CPU is the difference of the two ends. */
export class ProcessMonitor {
    readonly #pid: number;
    readonly #intervalMs: number;
    #start: ProcessSample | undefined;
    #peakRss = 0;
    #timer: NodeJS.Timeout | undefined;

    constructor(pid: number, intervalMs = 250) {
        this.#pid = pid;
        this.#intervalMs = intervalMs;
    }

    start(): void {
        this.#start = sampleProcess(this.#pid);
        this.#peakRss = this.#start?.rssBytes ?? 0;
        this.#timer = setInterval(() => {
            this.#peakRss = Math.max(this.#peakRss, sampleProcess(this.#pid)?.rssBytes ?? 0);
        }, this.#intervalMs);
        this.#timer.unref();
    }

    stop(): ProcessUsage | undefined {
        clearInterval(this.#timer);
        const end = sampleProcess(this.#pid);
        if (this.#start === undefined || end === undefined) {
            return undefined;
        }
        return {
            pid: this.#pid,
            cpuMs: end.cpuMs - this.#start.cpuMs,
            peakRssBytes: Math.max(this.#peakRss, end.rssBytes),
            lifetimePeakRssBytes: end.peakRssBytes,
        };
    }
}

/**
 * What one chaincode's processes used together: Fabric runs a chaincode once per peer (the devnet too), so CPU is
 * the sum over its processes and memory is judged per process: the largest process's peak.
 */
export interface ProcessGroupUsage {
    readonly pids: readonly number[];
    /** User + system CPU time of all the processes during the measured interval. */
    readonly cpuMs: number;
    /** The highest resident set size any one of the processes reached while sampling. */
    readonly peakRssBytes: number;
    /** The highest VmHWM (lifetime peak) of any one of the processes at the end. */
    readonly lifetimePeakRssBytes: number;
}

/** Monitors every process of one chaincode over the same interval. */
export class ProcessGroupMonitor {
    readonly #monitors: ProcessMonitor[];

    constructor(pids: readonly number[], intervalMs = 250) {
        this.#monitors = pids.map((pid) => new ProcessMonitor(pid, intervalMs));
    }

    start(): void {
        this.#monitors.forEach((monitor) => {
            monitor.start();
        });
    }

    /** undefined when none of the processes could be measured. */
    stop(): ProcessGroupUsage | undefined {
        const usages = this.#monitors.flatMap((monitor) => monitor.stop() ?? []);
        if (usages.length === 0) {
            return undefined;
        }
        return {
            pids: usages.map((usage) => usage.pid),
            cpuMs: usages.reduce((sum, usage) => sum + usage.cpuMs, 0),
            peakRssBytes: Math.max(...usages.map((usage) => usage.peakRssBytes)),
            lifetimePeakRssBytes: Math.max(...usages.map((usage) => usage.lifetimePeakRssBytes)),
        };
    }
}

/** The highest lifetime peak (VmHWM) of any of the processes still running; undefined when none is. */
export function largestLifetimePeak(pids: readonly number[]): number | undefined {
    const peaks = pids.flatMap((pid) => sampleProcess(pid)?.peakRssBytes ?? []);
    return peaks.length === 0 ? undefined : Math.max(...peaks);
}

/** Descendants of a process whose command line contains every given fragment. */
export function findDescendants(rootPid: number, fragments: readonly string[]): number[] {
    const parents = new Map<number, number>();
    for (const entry of readdirSync('/proc')) {
        const pid = Number(entry);
        if (!Number.isInteger(pid)) {
            continue;
        }
        try {
            const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
            parents.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
        } catch {
            // The process ended while we listed them.
        }
    }
    const isDescendant = (pid: number): boolean => {
        for (let parent = parents.get(pid); parent !== undefined && parent > 1; parent = parents.get(parent)) {
            if (parent === rootPid) {
                return true;
            }
        }
        return false;
    };
    return [...parents.keys()].filter((pid) => isDescendant(pid) && commandLineHas(pid, fragments));
}

export function commandLineHas(pid: number, fragments: readonly string[]): boolean {
    try {
        const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return fragments.every((fragment) => args.some((arg) => arg.includes(fragment)));
    } catch {
        return false;
    }
}

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

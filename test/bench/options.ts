// Command line of `npm run bench`.
import { parseArgs } from 'node:util';

export interface BenchOptions {
    readonly network: 'devnet' | 'fabric';
    /** The concurrency whose results the report and the targets use. */
    readonly concurrency: number;
    readonly sweep: readonly number[];
    readonly durationMs: number;
    /** Unmeasured run before each timed run, at the same concurrency. */
    readonly warmupMs: number;
    readonly listSizes: readonly number[];
    readonly seedConcurrency: number;
    readonly workloads: readonly string[] | undefined;
    readonly overheadTransactions: number;
    readonly outputDir: string;
    readonly maxMessageCount: number;
    readonly batchTimeoutMs: number;
    /** --soak: run only the soak (checkpoints at `concurrency`) for this long, minute by minute. */
    readonly soakMs?: number;
}

export const workloadNames = [
    'baseline',
    'checkpoints',
    'hot-key',
    'membership',
    'deal-signature',
    'evaluate',
    'list-queries',
    'client-overhead',
] as const;

export const usage = `usage: npm run bench -- [--network devnet|fabric] [--concurrency 50] [--sweep 1,10,50,100]
       [--duration-s 4] [--warmup-s 1] [--list-sizes 1000,10000] [--seed-concurrency 100] [--overhead-tx 200]
       [--only baseline,checkpoints,hot-key,membership,deal-signature,evaluate,list-queries,client-overhead]
       [--out test/bench/results] [--max-message-count 100] [--batch-timeout-ms 100] [--quick] [--soak 10m]
--network fabric uses the running real network (scripts/bia network up && scripts/bia chaincode deploy) and deploys
the baseline there when missing (scripts/bia chaincode deploy --name bench-baseline --path test/bench/baseline-chaincode);
BIA_GENERATED / BIA_FABRIC_CONNECTIONS locate it as for scripts/bia. --list-sizes 1000,10000,100000 for the full
list-query series (seeding 100,000 shipments takes several minutes more). --quick: a short smoke run.
--soak DURATION (90s, 10m): only the soak: checkpoints at --concurrency for that long; goodput and failures per
minute, resident memory of chaincode, client and devnet processes over time with slopes.`;

/** A duration like 90s, 10m or 1h, in milliseconds. */
export function parseDuration(text: string, flag: string): number {
    const match = /^(\d+(?:\.\d+)?)(s|m|h)$/.exec(text.trim());
    const value = Number(match?.[1]);
    if (match === null || !(value > 0)) {
        throw new Error(`${flag} takes a duration like 90s, 10m or 1h, got '${text}'`);
    }
    return value * { s: 1_000, m: 60_000, h: 3_600_000 }[match[2] as 's' | 'm' | 'h'];
}

function integers(text: string, flag: string): number[] {
    const values = text.split(',').map((part) => Number(part.trim()));
    if (values.some((value) => !Number.isInteger(value) || value <= 0)) {
        throw new Error(`${flag} takes positive integers separated by commas, got '${text}'`);
    }
    return values;
}

function integer(text: string | undefined, flag: string, fallback: number): number {
    if (text === undefined) {
        return fallback;
    }
    const [value = fallback] = integers(text, flag);
    return value;
}

/** The options, or 'help' when --help was asked for. */
function nonNegative(text: string | undefined, flag: string, fallback: number): number {
    const value = text === undefined ? fallback : Number(text);
    if (!Number.isFinite(value) || value < 0) {
        throw new Error(`${flag} takes a number of seconds >= 0, got '${text ?? ''}'`);
    }
    return value;
}

function workloadList(text: string): string[] {
    const names = text.split(',').map((name) => name.trim());
    const unknown = names.filter((name) => !(workloadNames as readonly string[]).includes(name));
    if (unknown.length > 0) {
        throw new Error(`--only: unknown workload ${unknown.join(', ')}; known: ${workloadNames.join(', ')}`);
    }
    return names;
}

export function parseBenchOptions(args: readonly string[], defaultOutputDir: string): BenchOptions | 'help' {
    const { values } = parseArgs({
        args: [...args],
        options: {
            network: { type: 'string', default: 'devnet' },
            concurrency: { type: 'string' },
            sweep: { type: 'string' },
            'duration-s': { type: 'string' },
            'warmup-s': { type: 'string' },
            'list-sizes': { type: 'string' },
            'seed-concurrency': { type: 'string' },
            'overhead-tx': { type: 'string' },
            only: { type: 'string' },
            out: { type: 'string' },
            'max-message-count': { type: 'string' },
            'batch-timeout-ms': { type: 'string' },
            quick: { type: 'boolean', default: false },
            soak: { type: 'string' },
            help: { type: 'boolean', default: false },
        },
        strict: true,
    });
    if (values.help) {
        return 'help';
    }
    if (values.network !== 'devnet' && values.network !== 'fabric') {
        throw new Error(`--network is devnet or fabric, got '${values.network}'`);
    }
    const quick = values.quick;
    const only = values.only === undefined ? undefined : workloadList(values.only);
    return {
        network: values.network,
        concurrency: integer(values.concurrency, '--concurrency', quick ? 10 : 50),
        sweep: integers(values.sweep ?? (quick ? '1,10' : '1,10,50,100'), '--sweep'),
        durationMs: integer(values['duration-s'], '--duration-s', quick ? 1 : 4) * 1000,
        warmupMs: nonNegative(values['warmup-s'], '--warmup-s', quick ? 0 : 1) * 1000,
        listSizes: integers(values['list-sizes'] ?? (quick ? '100,300' : '1000,10000'), '--list-sizes'),
        seedConcurrency: integer(values['seed-concurrency'], '--seed-concurrency', 100),
        workloads: only,
        overheadTransactions: integer(values['overhead-tx'], '--overhead-tx', quick ? 50 : 200),
        outputDir: values.out ?? defaultOutputDir,
        maxMessageCount: integer(values['max-message-count'], '--max-message-count', 100),
        batchTimeoutMs: integer(values['batch-timeout-ms'], '--batch-timeout-ms', 100),
        ...(values.soak === undefined ? {} : { soakMs: parseDuration(values.soak, '--soak') }),
    };
}

// `npm start`: the association's founding day, end to end, on the devnet (default) or the real Fabric network.
//   npm start -- [--network devnet|fabric] [--keep] [--portal] [--data-dir DIR] [--concurrency N]
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { loadTopology } from '@bia/devnet';
import { Cast, type Operator } from './cast';
import { checkStory } from './check-story';
import { LedgerWatch } from './ledger-watch';
import { type StoryNetwork, biaCommand, repositoryRoot, startStoryDevnet, startStoryFabric } from './networks';
import { playStory, storyPhaseCount } from './player';
import type { DemoPortals } from './portals';
import { collectReport, formatReport } from './report';
import { foundingDay } from './story';
import type { Story } from './story-types';

const usage = `usage: npm start -- [--network devnet|fabric] [--keep] [--portal] [--data-dir DIR] [--concurrency N]
  --network devnet   the in-process devnet (default); a fresh ledger in a temporary folder unless --data-dir
  --network fabric   the real local Fabric v2.5 network via scripts/bia (Fabric binaries from BIA_FABRIC_BIN or PATH)
  --keep             leave the network running afterwards and print how to use biactl against it
  --portal           keep the network running and serve each organisation's member portal, with a demo login each
  --data-dir DIR     devnet: an empty folder for its state, left on disk; fabric: the BIA_GENERATED folder
  --concurrency N    transactions in flight at once (default 16)`;

interface RunOptions {
    readonly network: 'devnet' | 'fabric';
    readonly keep: boolean;
    readonly portal: boolean;
    readonly dataDir?: string;
    readonly concurrency: number;
}

function parseOptions(argv: readonly string[]): RunOptions {
    const { values } = parseArgs({
        args: [...argv],
        options: {
            network: { type: 'string', default: 'devnet' },
            keep: { type: 'boolean', default: false },
            portal: { type: 'boolean', default: false },
            'data-dir': { type: 'string' },
            concurrency: { type: 'string', default: '16' },
            help: { type: 'boolean', short: 'h', default: false },
        },
        strict: true,
    });
    if (values.help) {
        process.stdout.write(`${usage}\n`);
        process.exit(0);
    }
    if (values.network !== 'devnet' && values.network !== 'fabric') {
        throw new Error(`--network must be devnet or fabric, not ${values.network}`);
    }
    const concurrency = Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1) {
        throw new Error(`--concurrency must be a positive integer, not ${values.concurrency}`);
    }
    return {
        network: values.network,
        keep: values.keep || values.portal,
        portal: values.portal,
        concurrency,
        ...(values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {}),
    };
}

function say(line: string): void {
    process.stdout.write(`${line}\n`);
}

function startNetwork(options: RunOptions): Promise<StoryNetwork> {
    const log = (line: string): void => {
        say(`  ${line}`);
    };
    return options.network === 'fabric'
        ? startStoryFabric({ ...(options.dataDir !== undefined ? { generatedDir: options.dataDir } : {}), log })
        : startStoryDevnet({ ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}), log });
}

/** Plays the story; returns who operated which member, for the demo portals. */
async function tell(story: Story, network: StoryNetwork, options: RunOptions): Promise<ReadonlyMap<string, Operator>> {
    const cast = new Cast(network.connectionFiles);
    const watch = await LedgerWatch.start(await cast.admin('secretariat'));
    try {
        const total = storyPhaseCount + 1;
        const result = await playStory(story, cast, {
            concurrency: options.concurrency,
            extraPhases: 1,
            onProgress: (p) => {
                say(`[${p.index}/${p.total}] ${p.phase}: ${p.summary} (${p.transactions} tx, ${seconds(p.elapsedMs)})`);
            },
        });
        const shipments = story.transport.receiverMemberIds.length * story.transport.consignments.length;
        await watch.waitForEvents('ShipmentClosed', shipments, 30_000);
        const report = await collectReport(await cast.admin('secretariat'), watch, result);
        say(`[${total}/${total}] closing report`);
        say(formatReport(report));
        return new Map(cast.operators());
    } finally {
        await watch.close();
        await cast.close();
    }
}

function cliHint(network: StoryNetwork): string {
    const connections = join(network.directory, 'connections');
    // `npx biactl` once npm has linked the client's bin; the built file itself otherwise.
    const linked = existsSync(join(repositoryRoot, 'node_modules', '.bin', 'biactl'));
    const biactl = `${linked ? 'npx biactl' : 'node client/dist/cli/main.js'} --connections ${connections}`;
    const lines = [
        'Try the CLI biactl against it (every member acts through its own identity; add --help for more):',
        `  ${biactl} --org secretariat membership query-members --status active`,
        `  ${biactl} --org healthco --identity User1 shipments provenance shp-centre-east-vaccine`,
        `  ${biactl} --org healthcentres --identity User2 deals terms deal-healthcare-centres`,
    ];
    if (network.kind === 'fabric') {
        const bia = relative(repositoryRoot, biaCommand());
        lines.push(`Stop it with: BIA_GENERATED=${network.directory} ${bia} network down --clean`);
    } else {
        lines.push('The devnet runs in this process: press Ctrl-C to stop it.');
    }
    return lines.join('\n');
}

async function main(): Promise<number> {
    let options: RunOptions;
    try {
        options = parseOptions(process.argv.slice(2));
    } catch (error) {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
        return 2;
    }
    const problems = checkStory(foundingDay, loadTopology().organizations);
    if (problems.length > 0) {
        process.stderr.write(`the story cannot be played:\n  ${problems.join('\n  ')}\n`);
        return 1;
    }
    const started = performance.now();
    say(`${foundingDay.title}, on ${options.network === 'fabric' ? 'the real Fabric network' : 'the devnet'}`);
    let network: StoryNetwork | undefined;
    let portals: DemoPortals | undefined;
    try {
        network = await startNetwork(options);
        say(`network ready in ${seconds(performance.now() - started)}`);
        const operators = await tell(foundingDay, network, options);
        say(`done in ${seconds(performance.now() - started)} (network start included)`);
        if (options.portal) {
            // Loaded only here: the portal keeps its accounts in node:sqlite, which Node 20 lacks.
            const { startDemoPortals } = await import('./portals.js');
            portals = await startDemoPortals(network.connectionFiles, operators, network.directory);
        }
    } catch (error) {
        process.stderr.write(`founding day failed: ${describe(error)}\n`);
        await portals?.close();
        // A devnet lives in this process, which now exits: stop it (and its chaincode processes) even with --keep.
        if (!options.keep || network?.kind === 'devnet') {
            await network?.stop().catch((stopError: unknown) => {
                process.stderr.write(`and the network did not stop cleanly: ${describe(stopError)}\n`);
            });
        }
        return 1;
    }
    if (!options.keep) {
        await network.stop();
        return 0;
    }
    await keepServing(network, portals);
    return 0;
}

/** --keep and --portal: says how to reach what runs, then serves until interrupted (a real network stays up). */
async function keepServing(network: StoryNetwork, portals: DemoPortals | undefined): Promise<void> {
    say(cliHint(network));
    if (portals !== undefined) {
        say(portals.describe());
    }
    if (network.kind === 'fabric' && portals === undefined) {
        return;
    }
    say('Press Ctrl-C to stop.');
    await untilSignal();
    await portals?.close();
    if (network.kind === 'devnet') {
        await network.stop();
    }
}

function untilSignal(): Promise<void> {
    return new Promise((resolve) => {
        process.once('SIGINT', () => {
            resolve();
        });
        process.once('SIGTERM', () => {
            resolve();
        });
    });
}

function describe(error: unknown): string {
    if (!(error instanceof Error)) {
        return String(error);
    }
    const cause =
        error.cause instanceof Error && !error.message.includes(error.cause.message)
            ? `\n  cause: ${describe(error.cause)}`
            : '';
    return `${error.message}${cause}`;
}

function seconds(ms: number): string {
    return `${(ms / 1000).toFixed(1)} s`;
}

main().then(
    (code) => {
        process.exit(code);
    },
    (error: unknown) => {
        process.stderr.write(`founding day failed: ${describe(error)}\n`);
        process.exit(1);
    },
);

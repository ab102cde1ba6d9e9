#!/usr/bin/env node
// Command line: starts the devnet, prints where its connection files are and stays up until SIGINT or SIGTERM.
// With no arguments it runs the association's chaincode with its data in .devnet at the repository root
// (see cli-options.ts for the flags).
import { relative } from 'node:path';
import { parseDevnetArgs, usage } from './cli-options';
import { startDevnet, type Devnet, type DevnetOptions } from './devnet';
import { DEFAULT_STATE_DATABASE } from './ledger';

function main(): void {
    let options: DevnetOptions;
    try {
        const command = parseDevnetArgs(process.argv.slice(2));
        if (command.help) {
            process.stdout.write(`${usage}\n`);
            return;
        }
        options = command.options;
    } catch (error) {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
        process.exitCode = 2;
        return;
    }
    const chaincodes = (options.chaincodes ?? []).map((cc) => cc.name).join(', ');
    process.stdout.write(
        `starting the devnet in ${options.dataDir} (chaincode ${chaincodes}, state database ${options.stateDatabase ?? DEFAULT_STATE_DATABASE})\n`,
    );
    startDevnet(options).then(
        (devnet) => {
            report(devnet);
            const shutdown = (signal: string): void => {
                process.stdout.write(`${signal}: stopping the devnet\n`);
                devnet.stop().then(
                    () => process.exit(0),
                    (error: unknown) => {
                        process.stderr.write(`devnet stopped with errors: ${String(error)}\n`);
                        process.exit(1);
                    },
                );
            };
            process.once('SIGINT', shutdown);
            process.once('SIGTERM', shutdown);
        },
        (error: unknown) => {
            const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
            const hint = text.includes('EADDRINUSE')
                ? '\na port the devnet needs is taken (another network running?): stop it, or use --ephemeral-ports or --base-port N'
                : '';
            process.stderr.write(`devnet failed to start: ${text}${hint}\n`);
            process.exitCode = 1;
        },
    );
}

/** One line per organisation (scripts parse "  <org>: <endpoint>  connection file <path>"), then how to use them. */
function report(devnet: Devnet): void {
    process.stdout.write(`devnet running on channel '${devnet.topology.channel}', data in ${devnet.dataDir}\n`);
    for (const [org, path] of devnet.connectionFiles) {
        process.stdout.write(`  ${org}: ${devnet.peerEndpoint(org)}  connection file ${path}\n`);
    }
    const first = [...devnet.connectionFiles.values()][0];
    if (first !== undefined) {
        const shown = relative(process.cwd(), first);
        process.stdout.write(
            `connect with @bia/client: connect({ connectionFile: '${shown.startsWith('..') ? first : shown}', identity: 'User1' }); Ctrl-C stops the devnet\n`,
        );
    }
}

main();

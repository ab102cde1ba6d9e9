// Entry point run by the scripts (node --require tsx/cjs network/tools/src/main.ts ...).
import { join } from 'node:path';
import { runCli } from './cli';

try {
    for (const line of runCli(process.argv.slice(2), join(__dirname, '..', '..', 'config', 'topology.json'))) {
        process.stdout.write(`${line}\n`);
    }
} catch (error) {
    process.stderr.write(`network-config: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
}

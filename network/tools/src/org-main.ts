// Entry point run by scripts/lib/org.sh (node --require tsx/cjs network/tools/src/org-main.ts ...).
import { runOrgCli } from './org-cli';

try {
    for (const line of runOrgCli(process.argv.slice(2))) {
        process.stdout.write(`${line}\n`);
    }
} catch (error) {
    process.stderr.write(`org-config: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
}

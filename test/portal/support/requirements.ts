// What the portal suites need that a machine may lack: Node's built-in SQLite (Node 22.13+) and Chromium.
// Missing either, the suite reports itself skipped and says why.
import { existsSync } from 'node:fs';

export function hasNodeSqlite(): boolean {
    return (process.getBuiltinModule('node:sqlite') as object | undefined) !== undefined;
}

export function skipWithoutNodeSqlite(suite: Mocha.Suite): void {
    suite.beforeAll(function () {
        if (!hasNodeSqlite()) {
            console.log(
                `      SKIPPED: the portal keeps its accounts in node:sqlite, which Node ${process.version} lacks (Node 22.13+ has it)`,
            );
            this.skip();
        }
    });
}

export const chromiumPath = process.env.BIA_CHROMIUM ?? '/usr/bin/chromium';

export function skipWithoutChromium(suite: Mocha.Suite): void {
    suite.beforeAll(function () {
        if (!existsSync(chromiumPath)) {
            console.log(
                `      SKIPPED: no Chromium at ${chromiumPath} (apt-get install chromium, or set BIA_CHROMIUM)`,
            );
            this.skip();
        }
    });
}

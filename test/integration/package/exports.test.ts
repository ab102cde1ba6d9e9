// Golden files of each package's runtime exports: adding or removing a public value is a deliberate act.
// (Types are checked by the packed-artifact test, which compiles a program against the published declarations.)
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect } from 'chai';
import { repositoryRoot } from './association-devnet';

/** Loads a package the way an application's require does: its published entry point, not its sources. */
const load = createRequire(__filename);

const packages = [
    { name: '@bia/client', golden: 'client-exports.json' },
    { name: '@bia/model', golden: 'model-exports.json' },
    { name: '@bia/devnet', golden: 'devnet-exports.json' },
];

describe('runtime exports of each package', () => {
    for (const { name, golden } of packages) {
        it(`${name} exports exactly what test/golden/${golden} lists`, async () => {
            const expected = JSON.parse(
                await readFile(join(repositoryRoot, 'test/golden', golden), 'utf8'),
            ) as string[];
            const exported = Object.keys(load(name) as object).sort();

            expect(exported).to.deep.equal(expected);
        });
    }
});

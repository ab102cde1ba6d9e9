// The README's client example is client/examples/quickstart.ts, verbatim, and it runs against a devnet.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { type AssociationDevnet, repositoryRoot, startAssociationDevnet, uniqueId } from './association-devnet';

const run = promisify(execFile);
const examplePath = join(repositoryRoot, 'client/examples/quickstart.ts');
const block =
    /<!-- quickstart:begin[^>]*-->\n<!-- prettier-ignore-start -->\n```ts\n([\s\S]*?)```\n<!-- prettier-ignore-end -->\n<!-- quickstart:end -->/;

async function quickstartBlock(readme: string): Promise<string | undefined> {
    return block.exec(await readFile(join(repositoryRoot, readme), 'utf8'))?.[1];
}

describe('the README quickstart', function () {
    this.timeout(120_000);
    let network: AssociationDevnet | undefined;

    after(async () => {
        await network?.stop();
    });

    it('is client/examples/quickstart.ts, verbatim, in the root and the package README', async () => {
        const example = await readFile(examplePath, 'utf8');

        expect(await quickstartBlock('README.md')).to.equal(example);
        expect(await quickstartBlock('client/README.md')).to.equal(example);
    });

    it('runs against a devnet: reads a member, and reports an unknown one as not found', async () => {
        network = await startAssociationDevnet();
        const connectionFile = network.connectionFile('healthco');
        const example = (memberId: string) =>
            run(process.execPath, ['--require', 'tsx/cjs', examplePath, connectionFile, memberId], {
                cwd: repositoryRoot,
            });

        const found = await example('healthco');
        const missing = await example(uniqueId('nobody'));

        expect(found.stdout).to.match(/^signed in as HealthcoMSP identity .*User1@healthco/);
        expect(found.stdout).to.include('healthco: Healthcare company (enterprise, active)');
        expect(missing.stdout).to.match(/no member nobody-/);
    });
});

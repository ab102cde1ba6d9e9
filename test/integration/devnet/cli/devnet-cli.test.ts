// The devnet's command line: a bare `npm run devnet` starts the association's network (its chaincode, data in .devnet
// at the repository root, the topology's ports); flags override each default.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import * as chai from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { parseDevnetArgs, repositoryDefaults } from '../../../../network/devnet/src/cli-options';
import { loadTopology, type DevnetOptions } from '../../../../network/devnet/src';

chai.use(chaiAsPromised);
const { expect } = chai;

const root = resolve(__dirname, '../../../..');
const topology = loadTopology();

function optionsOf(args: string[]): DevnetOptions {
    const command = parseDevnetArgs(args);
    if (command.help) {
        throw new Error('unexpected --help');
    }
    return command.options;
}

describe('devnet command line options', () => {
    it("defaults to the association's chaincode, .devnet at the repository root, the topology's ports and goleveldb", () => {
        const options = optionsOf([]);

        expect(options.dataDir).to.equal(join(root, '.devnet'));
        expect(options.chaincodes).to.deep.equal([
            {
                name: topology.chaincode,
                packageDir: join(root, 'chaincode'),
                endorsementPolicy: topology.endorsementPolicy,
                collectionsConfig: join(root, 'chaincode', 'collections_config.json'),
            },
        ]);
        expect(options.ports).to.deep.equal(
            Object.fromEntries(topology.organizations.map((org) => [org.name, org.peer.port])),
        );
        expect(options.stateDatabase).to.equal('goleveldb');
    });

    it('keeps .devnet git-ignored', () => {
        expect(repositoryDefaults(root).dataDir).to.equal(join(root, '.devnet'));
        // The repository's .gitignore names it at the root.
        const ignored = readFileSync(join(root, '.gitignore'), 'utf8');
        expect(ignored.split('\n')).to.include('/.devnet/');
    });

    it('takes the chaincodes, data folder, ports and state database from the flags', () => {
        const options = optionsOf([
            '--data-dir',
            'some/dir',
            '--chaincode',
            'kv=test/fixtures/chaincode/kv',
            '--chaincode-server',
            'ext=127.0.0.1:9999',
            '--endorsement-policy',
            "kv=OR('HealthcoMSP.peer')",
            '--state-database',
            'CouchDB',
            '--ephemeral-ports',
        ]);

        expect(options.dataDir).to.equal(resolve('some/dir'));
        expect(options.chaincodes).to.deep.equal([
            {
                name: 'kv',
                endorsementPolicy: "OR('HealthcoMSP.peer')",
                packageDir: resolve('test/fixtures/chaincode/kv'),
                build: false,
            },
            { name: 'ext', address: '127.0.0.1:9999' },
        ]);
        expect(options.ports).to.equal(undefined);
        expect(options.stateDatabase).to.equal('CouchDB');
    });

    it('takes one chaincode server per organisation with NAME@ORG=HOST:PORT', () => {
        const args = topology.organizations.flatMap((org, index) => [
            '--chaincode-server',
            `ext@${org.name}=127.0.0.1:${String(9000 + index)}`,
        ]);

        expect(optionsOf(args).chaincodes).to.deep.equal([
            {
                name: 'ext',
                addresses: Object.fromEntries(
                    topology.organizations.map((org, index) => [org.name, `127.0.0.1:${String(9000 + index)}`]),
                ),
            },
        ]);
    });

    it('refuses what it cannot use, naming the flag', () => {
        expect(() => parseDevnetArgs(['--state-database', 'couchdb'])).to.throw(
            "--state-database expects goleveldb or CouchDB (as core.yaml's stateDatabase), got 'couchdb'",
        );
        expect(() => parseDevnetArgs(['--chaincode-server', 'ext@nowhere=127.0.0.1:1'])).to.throw(
            "--chaincode-server ext@nowhere: no organisation 'nowhere' in the topology",
        );
        expect(() => parseDevnetArgs(['--chaincode', 'kv'])).to.throw("--chaincode expects NAME=VALUE, got 'kv'");
        expect(() => parseDevnetArgs(['--chaincode', 'kv=a', '--chaincode', 'kv=b'])).to.throw(
            '--chaincode: kv is given more than once',
        );
        expect(() => parseDevnetArgs(['--base-port', '7O51'])).to.throw(
            "--base-port expects a non-negative integer, got '7O51'",
        );
        expect(() => parseDevnetArgs(['stray'])).to.throw(/Unexpected argument 'stray'/);
    });
});

describe('devnet command line', function () {
    this.timeout(120_000);
    let dataDir: string;
    let child: ChildProcess | undefined;

    before(async () => {
        dataDir = await mkdtemp(join(tmpdir(), 'devnet-cli-'));
    });

    after(async () => {
        if (child && child.exitCode === null && child.signalCode === null) {
            const exited = once(child, 'exit');
            child.kill('SIGTERM');
            await exited;
        }
        await rm(dataDir, { recursive: true, force: true });
    });

    it("starts the association's chaincode when no chaincode is named, and prints the connection files", async () => {
        child = spawn(
            process.execPath,
            ['--import', 'tsx', join(root, 'network/devnet/src/cli.ts'), '--data-dir', dataDir, '--ephemeral-ports'],
            { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
        );
        const stderr: string[] = [];
        child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
        const files = new Map<string, string>();
        const lines = createInterface({ input: child.stdout! });
        for await (const line of lines) {
            const match = /^\s+(\S+): \S+\s+connection file (.+)$/.exec(line);
            if (match?.[1] !== undefined && match[2] !== undefined) {
                files.set(match[1], match[2]);
            }
            if (files.size === topology.organizations.length) {
                break;
            }
        }

        expect([...files.keys()], stderr.join('')).to.deep.equal(topology.organizations.map((org) => org.name));
        for (const [org, file] of files) {
            expect(file).to.equal(join(dataDir, 'connections', `${org}.json`));
            expect(existsSync(file)).to.equal(true);
        }
        for (const org of topology.organizations) {
            expect(existsSync(join(dataDir, 'logs', `chaincode-${topology.chaincode}-${org.name}.log`))).to.equal(true);
        }
    });
});

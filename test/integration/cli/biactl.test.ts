// The biactl binary (client/dist/cli/main.js, built by `tsc -b`) against a devnet: results, refusals, exit codes.
import { execFile } from 'node:child_process';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { expect } from 'chai';
import {
    type AssociationDevnet,
    repositoryRoot,
    startAssociationDevnet,
    uniqueId,
} from '../package/association-devnet';
import { freePort } from '../../unit/devnet/chaincode/fixtures';

const binary = join(repositoryRoot, 'client/dist/cli/main.js');

interface Outcome {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

describe('the biactl binary against a devnet', function () {
    this.timeout(120_000);
    let network: AssociationDevnet;
    let scratch: string;

    /** Runs the binary with the devnet's connections folder in BIA_CONNECTIONS unless `env` unsets it. */
    function biactl(
        args: readonly string[],
        env: Readonly<Record<string, string | undefined>> = {},
        cwd = repositoryRoot,
    ): Promise<Outcome> {
        return new Promise((resolve) => {
            execFile(
                process.execPath,
                [binary, ...args],
                { cwd, env: { ...process.env, BIA_CONNECTIONS: network.connectionsDir, COLUMNS: '100', ...env } },
                (error, stdout, stderr) => {
                    resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
                },
            );
        });
    }

    before(async () => {
        await access(binary).catch(() => {
            throw new Error(`${binary} is missing: build the client first (npx tsc -b client)`);
        });
        scratch = await mkdtemp(join(tmpdir(), 'bia-biactl-'));
        network = await startAssociationDevnet();
    });

    after(async () => {
        await network.stop();
        await rm(scratch, { recursive: true, force: true });
    });

    it('answers whoami as JSON for the organisation and identity named', async () => {
        const outcome = await biactl(['membership', 'whoami', '--org', 'healthco', '--identity', 'User1', '--json']);

        expect(outcome.code, outcome.stderr).to.equal(0);
        expect(JSON.parse(outcome.stdout)).to.include({ mspId: 'HealthcoMSP' });
    });

    it('submits an application from a file, then reads it back as a table', async () => {
        const memberId = uniqueId('cli');
        const applicationFile = join(scratch, `${memberId}.json`);
        await writeFile(
            applicationFile,
            JSON.stringify({
                memberId,
                hostMspId: 'SecretariatMSP',
                legalName: 'Command line institute',
                kind: 'research-institute',
                sectors: ['healthcare'],
                website: 'https://example.org',
                contact: { name: 'Desk', email: 'desk@example.org' },
            }),
        );

        const applied = await biactl([
            'membership',
            'apply',
            '--file',
            applicationFile,
            '--org',
            'secretariat',
            '--identity',
            'User3',
        ]);
        const read = await biactl(['membership', 'get-member', memberId], { BIA_ORG: 'healthco' });

        expect(applied.code, applied.stderr).to.equal(0);
        expect(applied.stdout)
            .to.match(new RegExp(`memberId\\s+${memberId}`))
            .and.match(/status\s+applied/);
        expect(read.code, read.stderr).to.equal(0);
        expect(read.stdout).to.match(/legalName\s+Command line institute/);
    });

    it('exits 3 with the refusal when the chaincode rejects the transaction', async () => {
        const unauthorised = await biactl(['membership', 'vote', 'admit-nobody', 'yes', '--org', 'carrier']);
        const missing = await biactl(['membership', 'get-member', uniqueId('nobody'), '--org', 'healthco', '--json']);

        expect(unauthorised.code).to.equal(3);
        expect(unauthorised.stderr).to.match(/^refused \(UNAUTHORIZED\): /);
        expect(missing.code).to.equal(3);
        expect(JSON.parse(missing.stderr)).to.have.nested.property('error.code', 'NOT_FOUND');
    });

    it('exits 2 on a usage error and 4 when the peer cannot be reached', async () => {
        const profile = JSON.parse(await readFile(network.connectionFile('healthco'), 'utf8')) as Record<
            string,
            unknown
        >;
        await writeFile(
            join(scratch, 'offline.json'),
            JSON.stringify({
                ...profile,
                // Paths in a connection file are relative to it: point them back at the devnet's material.
                tlsCACert: resolvePath(network.connectionsDir, String(profile.tlsCACert)),
                identities: Object.fromEntries(
                    Object.entries(
                        profile.identities as Record<string, { certificate: string; privateKey: string }>,
                    ).map(([name, files]) => [
                        name,
                        {
                            certificate: resolvePath(network.connectionsDir, files.certificate),
                            privateKey: resolvePath(network.connectionsDir, files.privateKey),
                        },
                    ]),
                ),
                peerEndpoint: `127.0.0.1:${await freePort()}`,
            }),
        );

        const usage = await biactl(['deals', 'sign', 'DEAL-1', '--org', 'healthco']);
        const unreachable = await biactl(['membership', 'charter', '--org', 'offline', '--connections', scratch]);

        expect(usage.code).to.equal(2);
        expect(usage.stderr).to.include('missing option --terms-hash');
        expect(unreachable.code, unreachable.stderr).to.equal(4);
    });

    it('prints the package version', async () => {
        const manifest = JSON.parse(await readFile(join(repositoryRoot, 'client/package.json'), 'utf8')) as {
            version: string;
        };

        const outcome = await biactl(['--version']);

        expect(outcome.code, outcome.stderr).to.equal(0);
        expect(outcome.stdout).to.equal(`${manifest.version}\n`);
    });

    for (const columns of [80, 160]) {
        it(`fits a record and a list to a ${columns}-column terminal`, async () => {
            const env = { COLUMNS: String(columns) };
            const record = await biactl(['membership', 'get-member', 'healthco', '--org', 'healthco'], env);
            const list = await biactl(['membership', 'query-members', '--page-size', '20', '--org', 'healthco'], env);

            expect(record.code, record.stderr).to.equal(0);
            expect(record.stdout).to.match(/^memberId +healthco$/m);
            expect(record.stdout).to.match(/^legalName +Healthcare company$/m);
            expect(record.stdout).to.match(/^transitions +\d+: /m);
            expect(record.stdout, 'no JSON in cells').not.to.match(/[{"]/);
            expect(list.code, list.stderr).to.equal(0);
            const [header = ''] = list.stdout.split('\n');
            expect(header).to.match(/^memberId +/);
            expect(header).to.include('status');
            expect(list.stdout).to.match(/^healthco +/m);
            for (const outcome of [record, list]) {
                const widest = Math.max(...outcome.stdout.split('\n').map((line) => line.length));
                expect(widest, outcome.stdout).to.be.at.most(columns);
            }
            if (columns === 80) {
                expect(list.stdout).to.match(/^not shown: .*\(--json shows all\)$/m);
            }
        });
    }

    it('prints --json unchanged whatever the width', async () => {
        const narrow = await biactl(['membership', 'get-member', 'healthco', '--org', 'healthco', '--json'], {
            COLUMNS: '80',
        });
        const wide = await biactl(['membership', 'get-member', 'healthco', '--org', 'healthco', '--json'], {
            COLUMNS: '160',
        });

        expect(narrow.stdout).to.equal(wide.stdout);
        expect(JSON.parse(narrow.stdout)).to.include({ memberId: 'healthco', legalName: 'Healthcare company' });
    });

    it('lists the connection files there are when the organisation has none', async () => {
        const outcome = await biactl(['membership', 'charter', '--org', 'nobody']);

        expect(outcome.code).to.equal(2);
        expect(outcome.stderr).to.include(
            `no connection file for organisation 'nobody' in ${network.connectionsDir} (from BIA_CONNECTIONS)`,
        );
        expect(outcome.stderr).to.match(/connection files there: .*healthco\.json/);
    });

    it('finds the default connections folder from the repository, whatever the current directory', async () => {
        const expected = join(repositoryRoot, 'network/generated/connections');

        const outcome = await biactl(
            ['membership', 'charter', '--org', 'nobody'],
            { BIA_CONNECTIONS: undefined },
            scratch,
        );

        // Whether or not a real network has written that folder, the message names it and where it came from.
        expect(outcome.code).to.equal(2);
        expect(outcome.stderr).to.include(`${expected} (from the repository ${repositoryRoot})`);
    });

    it('passes a comma-separated list of IDs to the index maintenance transaction', async () => {
        const outcome = await biactl([
            'membership',
            'rebuild-indexes',
            'secretariat,healthco',
            '--org',
            'secretariat',
            '--identity',
            'Admin',
        ]);

        expect(outcome.code, outcome.stderr).to.equal(0);
        expect(outcome.stdout).to.equal('2\n');
    });
});

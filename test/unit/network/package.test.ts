import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '..', '..', '..');

/** Runs the scripts' deterministic_tar on a folder and returns the sha256 of the tarball (what a package ID hashes). */
function packageHash(work: string, source: string): string {
    const out = join(work, `package-${Date.now()}-${Math.random().toString(16).slice(2)}.tar.gz`);
    execFileSync(
        'bash',
        [
            '-c',
            'set -euo pipefail; source "$1/scripts/lib/common.sh"; source "$1/scripts/lib/chaincode.sh"; deterministic_tar "$2" "$3" .',
            '_',
            repoRoot,
            out,
            source,
        ],
        { env: { ...process.env, BIA_GENERATED: join(work, 'generated') } },
    );
    return createHash('sha256').update(readFileSync(out)).digest('hex');
}

describe('chaincode package', () => {
    let work: string;
    let source: string;

    beforeEach(() => {
        work = mkdtempSync(join(tmpdir(), 'bia-package-'));
        source = join(work, 'code');
        mkdirSync(join(source, 'META-INF'), { recursive: true });
        writeFileSync(join(source, 'connection.json'), '{"address":"127.0.0.1:9999"}');
        writeFileSync(join(source, 'META-INF', 'index.json'), '{}');
    });

    afterEach(() => {
        rmSync(work, { recursive: true, force: true });
    });

    it('has the same bytes, hence the same package ID, when only timestamps change', () => {
        const first = packageHash(work, source);
        const later = new Date('2031-05-06T07:08:09Z');
        utimesSync(join(source, 'connection.json'), later, later);
        utimesSync(join(source, 'META-INF'), later, later);

        expect(packageHash(work, source)).to.equal(first);
    });

    it('changes when a file changes', () => {
        const first = packageHash(work, source);
        writeFileSync(join(source, 'connection.json'), '{"address":"127.0.0.1:10000"}');

        expect(packageHash(work, source)).to.not.equal(first);
    });
});

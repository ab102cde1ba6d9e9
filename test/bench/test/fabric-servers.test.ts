// Which chaincode each server that scripts/bia started runs, from its PID file and its .name record.
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fabricChaincodePids } from '../fabric-servers';

describe('bench: chaincode servers on the real network', () => {
    let generated: string;

    beforeEach(() => {
        generated = mkdtempSync(join(tmpdir(), 'bia-bench-servers-'));
        mkdirSync(join(generated, 'pids'));
        mkdirSync(join(generated, 'chaincode'));
    });

    afterEach(() => {
        rmSync(generated, { recursive: true, force: true });
    });

    function server(port: number, pid: number, chaincode?: string): void {
        writeFileSync(join(generated, 'pids', `chaincode-${String(port)}.pid`), `${String(pid)} /usr/bin/node\n`);
        if (chaincode !== undefined) {
            writeFileSync(join(generated, 'chaincode', `chaincode-${String(port)}.name`), `${chaincode}\n`);
        }
    }

    it('names each running server by the chaincode recorded beside it', () => {
        server(9999, process.pid, 'bia');
        server(10001, process.ppid, 'bench-baseline');

        expect([...fabricChaincodePids(generated)]).to.have.deep.members([
            ['bia', [process.pid]],
            ['bench-baseline', [process.ppid]],
        ]);
    });

    it('groups the servers of one chaincode', () => {
        server(9999, process.pid, 'bia');
        server(10001, process.ppid, 'bia');

        expect(fabricChaincodePids(generated).get('bia')).to.have.members([process.pid, process.ppid]);
    });

    it('takes a server without a .name record for the association chaincode', () => {
        server(10000, process.pid);

        expect(fabricChaincodePids(generated).get('bia')).to.deep.equal([process.pid]);
    });

    it('leaves out servers that are not running and PID files of other processes', () => {
        server(9999, 2 ** 22 + 1, 'bia');
        writeFileSync(join(generated, 'pids', 'peer0.healthco.pid'), `${String(process.pid)} /opt/fabric/bin/peer\n`);

        expect(fabricChaincodePids(generated).size).to.equal(0);
    });

    it('finds nothing when the network has no PID folder', () => {
        rmSync(join(generated, 'pids'), { recursive: true });

        expect(fabricChaincodePids(generated).size).to.equal(0);
    });
});

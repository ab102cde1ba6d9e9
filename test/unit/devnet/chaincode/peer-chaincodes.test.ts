// One chaincode process per organisation's peer: each started with its organisation's MSP ID, each organisation's
// runtime executing on its own process only, and nothing left running when a start fails.
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chai from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { after, before, describe, it } from 'mocha';
import { startPeerChaincodes, type PeerChaincodes } from '../../../../network/devnet/src/chaincode';
import { BROKEN_CHAINCODE_DIR, ORGS_CHAINCODE_DIR } from './fixtures';
import { InMemorySimulation, InMemoryWorldState } from './in-memory-simulation';
import { newCertificatePem, newExecuteRequest, newTxId } from './proposal';

chai.use(chaiAsPromised);
const { expect } = chai;

const CHANNEL = 'c';
const organizations = [
    { name: 'alpha', mspId: 'AlphaMSP' },
    { name: 'beta', mspId: 'BetaMSP' },
];

/** Chaincode processes this test process started that are still running. */
function runningChaincodeChildren(): number[] {
    return readdirSync('/proc')
        .map(Number)
        .filter((pid) => Number.isInteger(pid) && pid > 0)
        .filter((pid) => {
            try {
                const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
                const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
                const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
                return (
                    parent === process.pid &&
                    state !== 'Z' &&
                    readFileSync(`/proc/${String(pid)}/cmdline`, 'utf8').includes('--chaincode-id-name')
                );
            } catch {
                return false;
            }
        });
}

describe('chaincode processes per organisation', function () {
    this.timeout(60_000);
    let logDir: string;
    let started: PeerChaincodes | undefined;
    let certificatePem: string;

    before(async () => {
        logDir = await mkdtemp(join(tmpdir(), 'devnet-peer-chaincodes-'));
        certificatePem = await newCertificatePem('User1@alpha.example.com');
        started = await startPeerChaincodes({
            organizations,
            chaincodes: [{ name: 'orgs', packageDir: ORGS_CHAINCODE_DIR }],
            host: '127.0.0.1',
            logDir,
            readyTimeoutMs: 30_000,
            dialTimeoutMs: 1_000,
        });
    });

    after(async () => {
        await started?.stop();
        await rm(logDir, { recursive: true, force: true });
    });

    async function peerMspIdAt(mspId: string): Promise<string> {
        const txId = newTxId();
        const simulation = new InMemorySimulation(new InMemoryWorldState(), {
            channel: CHANNEL,
            txId,
            namespace: 'orgs',
        });
        const request = newExecuteRequest({
            channel: CHANNEL,
            chaincode: 'orgs',
            args: ['peerMspId'],
            mspId: 'AlphaMSP',
            certificatePem,
            timestamp: new Date('2026-03-01T10:00:00Z'),
            txId,
        });
        const result = await started!.runtime(mspId).execute('orgs', request, simulation);
        return Buffer.from(result.response.payload).toString();
    }

    it('starts one process per organisation, each with its own log', () => {
        const processes = started!.processes;
        expect(processes.map(({ organization, mspId }) => ({ organization, mspId }))).to.have.deep.members([
            { organization: 'alpha', mspId: 'AlphaMSP' },
            { organization: 'beta', mspId: 'BetaMSP' },
        ]);
        expect(new Set(processes.map((process) => process.pid)).size).to.equal(2);
        expect(readdirSync(logDir).sort()).to.deep.equal(['chaincode-orgs-alpha.log', 'chaincode-orgs-beta.log']);
    });

    it("executes each organisation's proposals on the process started with its MSP ID", async () => {
        expect(await peerMspIdAt('AlphaMSP')).to.equal('AlphaMSP');
        expect(await peerMspIdAt('BetaMSP')).to.equal('BetaMSP');
    });

    it('has no runtime for an organisation it was not started for', () => {
        expect(() => started!.runtime('GammaMSP')).to.throw('no chaincode runtime for GammaMSP');
    });
});

describe('chaincode processes per organisation that fail to start', function () {
    this.timeout(60_000);
    let logDir: string;

    before(async () => {
        logDir = await mkdtemp(join(tmpdir(), 'devnet-peer-chaincodes-'));
    });

    after(async () => {
        await rm(logDir, { recursive: true, force: true });
    });

    it('stops the processes that did start before rejecting', async () => {
        await expect(
            startPeerChaincodes({
                organizations,
                chaincodes: [
                    { name: 'orgs', packageDir: ORGS_CHAINCODE_DIR },
                    { name: 'broken', packageDir: BROKEN_CHAINCODE_DIR },
                ],
                host: '127.0.0.1',
                logDir,
                readyTimeoutMs: 30_000,
                dialTimeoutMs: 1_000,
            }),
        ).to.be.rejectedWith(/exited \(1\) before it was ready[\s\S]*broken fixture chaincode fails at load/);

        expect(runningChaincodeChildren()).to.deep.equal([]);
        // The good chaincode did start for both organisations (it logged), and was stopped again.
        expect(readdirSync(logDir)).to.include.members(['chaincode-orgs-alpha.log', 'chaincode-orgs-beta.log']);
    });

    it('refuses a chaincode that names no way to run it, or two', async () => {
        const options = { organizations, host: '127.0.0.1', logDir, readyTimeoutMs: 1_000, dialTimeoutMs: 1_000 };
        await expect(startPeerChaincodes({ ...options, chaincodes: [{ name: 'none' }] })).to.be.rejectedWith(
            'chaincode none needs exactly one of packageDir, address or addresses',
        );
        await expect(
            startPeerChaincodes({
                ...options,
                chaincodes: [{ name: 'two', packageDir: ORGS_CHAINCODE_DIR, address: '127.0.0.1:1' }],
            }),
        ).to.be.rejectedWith('chaincode two needs exactly one of packageDir, address or addresses');
    });
});

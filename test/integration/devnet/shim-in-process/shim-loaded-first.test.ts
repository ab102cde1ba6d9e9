// A process that has loaded fabric-shim (which bundles its own, older copy of the Fabric protos) and then runs the
// devnet: google-protobuf's generated classes share one global namespace, so the devnet must not rely on
// `instanceof` or on the generated services' class checks. Run in its own mocha process: it loads fabric-shim.
import 'fabric-shim';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type ChaincodeEvent, type Contract } from '@hyperledger/fabric-gateway';
import { common, peer } from '@hyperledger/fabric-protos';
import * as chai from 'chai';
import { startDevnet, type Devnet } from '../../../../network/devnet/src';
import { launchChaincodeServer, type LaunchedChaincode } from '../../../../network/devnet/src/chaincode';
import { freePort } from '../../../unit/devnet/chaincode/fixtures';
import { connectClient, type ConnectedClient } from '../protocol/client';

const { expect } = chai;

const CHANNEL = 'association';
const kvFixture = resolve(__dirname, '../../../fixtures/chaincode/kv');
const utf8 = (bytes: Uint8Array): string => Buffer.from(bytes).toString();
const unique = (label: string): string => `${label}-${randomUUID()}`;

describe('devnet in a process that loaded fabric-shim first', function () {
    // The devnet starts each chaincode once per organisation: on a busy 2-core machine that takes a while.
    this.timeout(120_000);

    let dataDir: string;
    let server: LaunchedChaincode | undefined;
    let devnet: Devnet | undefined;
    let client: ConnectedClient | undefined;

    before(async () => {
        dataDir = await mkdtemp(join(tmpdir(), 'devnet-shim-first-'));
        const address = `127.0.0.1:${String(await freePort())}`;
        server = await launchChaincodeServer({ chaincodeId: 'kvserver_1.0:00', packageDir: kvFixture, address });
        devnet = await startDevnet({
            dataDir,
            chaincodes: [
                { name: 'kv', packageDir: kvFixture },
                { name: 'kvserver', address },
            ],
            batch: { maxMessageCount: 10, batchTimeoutMs: 50 },
        });
        const connectionFile = devnet.connectionFiles.get('healthco');
        if (connectionFile === undefined) {
            throw new Error('no connection file for healthco');
        }
        client = connectClient(connectionFile);
    });

    after(async () => {
        client?.close();
        await devnet?.stop();
        await server?.stop();
        await rm(dataDir, { recursive: true, force: true });
    });

    function contract(name: string): Contract {
        if (!client) {
            throw new Error('not connected');
        }
        return client.gateway.getNetwork(CHANNEL).getContract(name);
    }

    it('has two copies of the protos loaded, so that the test means something', () => {
        const shimProtos = require.resolve('@hyperledger/fabric-protos', {
            paths: [resolve(require.resolve('fabric-shim'), '..')],
        });
        expect(shimProtos).to.not.equal(require.resolve('@hyperledger/fabric-protos'));
        expect(require.cache[shimProtos], 'fabric-shim has loaded its copy').to.not.equal(undefined);
    });

    for (const name of ['kv', 'kvserver']) {
        it(`submits and evaluates on a chaincode that ${name === 'kv' ? 'dialled the devnet' : 'the devnet dialled'}`, async () => {
            const key = unique('key');
            expect(utf8(await contract(name).submitTransaction('put', key, 'value'))).to.equal('value');
            expect(utf8(await contract(name).evaluateTransaction('get', key))).to.equal('value');
        });
    }

    it('streams chaincode events and block events from the committed block', async () => {
        const eventName = unique('event');
        const commit = await contract('kv').submitAsync('putWithEvent', {
            arguments: [unique('key'), 'payload', eventName],
        });
        const status = await commit.getStatus();
        expect(status.code).to.equal(peer.TxValidationCode.VALID);

        const network = client?.gateway.getNetwork(CHANNEL);
        const events = await network?.getChaincodeEvents('kv', { startBlock: status.blockNumber });
        try {
            const next = await events?.[Symbol.asyncIterator]().next();
            const event = next?.value as ChaincodeEvent;
            expect([event.eventName, event.transactionId, utf8(event.payload)]).to.deep.equal([
                eventName,
                commit.getTransactionId(),
                'payload',
            ]);
        } finally {
            events?.close();
        }

        const blocks = await network?.getBlockEvents({ startBlock: status.blockNumber });
        try {
            const next = await blocks?.[Symbol.asyncIterator]().next();
            const block = next?.value as common.Block;
            expect(block.getHeader()?.getNumber()).to.equal(Number(status.blockNumber));
        } finally {
            blocks?.close();
        }
    });
});

// Mode (b): chaincode-as-a-service. The devnet dials a running `fabric-chaincode-node server`.
import * as chai from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { after, before, describe, it } from 'mocha';
import {
    ChaincodeExecutionError,
    type DevnetChaincodeRuntime,
    type LaunchedChaincode,
    createChaincodeRuntime,
    launchChaincodeServer,
} from '../../../../network/devnet/src/chaincode';
import { CHANNEL, MSP_ID, describeChaincodeBehaviour } from './chaincode-behaviour';
import { ECHO_CHAINCODE_DIR, freePort } from './fixtures';
import { InMemorySimulation, InMemoryWorldState } from './in-memory-simulation';
import { newCertificatePem, newExecuteRequest, uniquePrefix } from './proposal';

chai.use(chaiAsPromised);
const { expect } = chai;

const CHAINCODE_NAME = 'echo';
const PACKAGE_ID = 'echo_1.0:0b5e7d41aa90';

describe('chaincode runtime: the devnet dials a chaincode server', function () {
    this.timeout(60_000);
    let runtime: DevnetChaincodeRuntime | undefined;
    let server: LaunchedChaincode | undefined;
    let address: string;

    before(async () => {
        address = `127.0.0.1:${await freePort()}`;
        server = await launchChaincodeServer({ chaincodeId: PACKAGE_ID, packageDir: ECHO_CHAINCODE_DIR, address });
        runtime = await createChaincodeRuntime();
        await runtime.connectChaincodeServer(CHAINCODE_NAME, { address });
    });

    after(async () => {
        // Stop the child process first, so that it is killed even if the runtime never came up.
        await server?.stop();
        await runtime?.close();
    });

    describeChaincodeBehaviour(() => ({ runtime: runtime!, chaincodeName: CHAINCODE_NAME }));

    describe('with a second devnet connected to the same server', () => {
        let certificatePem: string;
        let other: DevnetChaincodeRuntime;

        before(async () => {
            certificatePem = await newCertificatePem('User2@healthco.bia.example');
            other = await createChaincodeRuntime({ executeTimeoutMs: 300 });
            await other.connectChaincodeServer(CHAINCODE_NAME, { address });
        });

        after(async () => {
            await other.close();
        });

        function heldRead(): { simulation: InMemorySimulation; release: () => void; done: Promise<unknown> } {
            const key = `${uniquePrefix()}-held`;
            const request = newExecuteRequest({
                channel: CHANNEL,
                chaincode: CHAINCODE_NAME,
                args: ['get', key],
                mspId: MSP_ID,
                certificatePem,
                timestamp: new Date('2026-03-01T00:00:00Z'),
            });
            const simulation = new InMemorySimulation(new InMemoryWorldState(), {
                channel: CHANNEL,
                txId: request.txId,
                namespace: CHAINCODE_NAME,
            });
            const release = simulation.holdOn(key);
            return { simulation, release, done: other.execute(CHAINCODE_NAME, request, simulation) };
        }

        it('fails a transaction the chaincode does not finish within the execute timeout', async () => {
            const held = heldRead();
            try {
                await expect(held.done).to.be.rejectedWith(
                    ChaincodeExecutionError,
                    'error sending: timeout expired while executing transaction',
                );
            } finally {
                held.release();
            }
        });

        it('fails transactions in flight when the stream ends', async () => {
            const held = heldRead();
            await other.close();

            await expect(held.done).to.be.rejectedWith(ChaincodeExecutionError, 'chaincode stream terminated');
            held.release();
        });
    });
});

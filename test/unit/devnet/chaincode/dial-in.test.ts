// Mode (a): the chaincode process dials the devnet (fabric-chaincode-node start --peer.address ...).
import * as chai from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { after, before, describe, it } from 'mocha';
import {
    type DevnetChaincodeRuntime,
    type LaunchedChaincode,
    createChaincodeRuntime,
    launchChaincode,
} from '../../../../network/devnet/src/chaincode';
import { describeChaincodeBehaviour } from './chaincode-behaviour';
import { BROKEN_CHAINCODE_DIR, ECHO_CHAINCODE_DIR } from './fixtures';
import { newTxId } from './proposal';
import { InMemorySimulation, InMemoryWorldState } from './in-memory-simulation';

chai.use(chaiAsPromised);
const { expect } = chai;

const CHAINCODE_NAME = 'echo';
const PACKAGE_ID = 'echo_1.0:5f1c0a7e9b3d';

describe('chaincode runtime: chaincode dials the devnet', function () {
    this.timeout(60_000);
    let runtime: DevnetChaincodeRuntime | undefined;
    let chaincode: LaunchedChaincode | undefined;

    before(async () => {
        runtime = await createChaincodeRuntime({
            listenAddress: '127.0.0.1:0',
            chaincodes: [{ name: CHAINCODE_NAME, chaincodeIds: [PACKAGE_ID] }],
        });
        chaincode = await launchChaincode({
            name: PACKAGE_ID,
            packageDir: ECHO_CHAINCODE_DIR,
            peerAddress: runtime.peerAddress ?? '',
        });
    });

    after(async () => {
        await chaincode?.stop();
        await runtime?.close();
    });

    it('maps the package ID the chaincode registered with to the chaincode name', async () => {
        await runtime!.waitReady(CHAINCODE_NAME, 1_000);
    });

    describeChaincodeBehaviour(() => ({ runtime: runtime!, chaincodeName: CHAINCODE_NAME }));
});

describe('chaincode runtime without a running chaincode', () => {
    it('rejects waitReady after the timeout', async () => {
        const runtime = await createChaincodeRuntime();
        try {
            await expect(runtime.waitReady('absent', 20)).to.be.rejectedWith(
                'chaincode absent did not register with the devnet within 20 ms',
            );
        } finally {
            await runtime.close();
        }
    });

    it('rejects execute for a chaincode that is not running', async () => {
        const runtime = await createChaincodeRuntime();
        const txId = newTxId();
        const simulation = new InMemorySimulation(new InMemoryWorldState(), {
            channel: 'c',
            txId,
            namespace: 'absent',
        });
        try {
            await expect(
                runtime.execute(
                    'absent',
                    { channel: 'c', txId, signedProposal: new Uint8Array(), input: new Uint8Array() },
                    simulation,
                ),
            ).to.be.rejectedWith('chaincode absent is not running on the devnet');
        } finally {
            await runtime.close();
        }
    });
});

describe('launchChaincode', function () {
    this.timeout(60_000);

    it('rejects with the tail of the output when the chaincode exits before registering', async () => {
        const runtime = await createChaincodeRuntime({ listenAddress: '127.0.0.1:0' });
        try {
            await expect(
                launchChaincode({
                    name: 'broken:1.0',
                    packageDir: BROKEN_CHAINCODE_DIR,
                    peerAddress: runtime.peerAddress ?? '',
                }),
            ).to.be.rejectedWith(/exited \(1\) before it was ready[\s\S]*broken fixture chaincode fails at load/);
        } finally {
            await runtime.close();
        }
    });
});

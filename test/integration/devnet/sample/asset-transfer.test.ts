// The shape of Fabric's asset-transfer-basic sample on the devnet: the test network's organisations and names
// (Org1MSP/Org2MSP, org1.example.com, mychannel, basic), the default endorsement policy (MAJORITY of the
// organisations), a client wired from cryptogen paths as the sample application wires it, and the sample's
// sequence of calls. The sample itself was run unmodified against the devnet once by hand (network/devnet/README.md);
// this keeps the same interaction under test without depending on sample code.
import { createPrivateKey, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { connect, EndorseError, hash, signers, type Contract, type Gateway } from '@hyperledger/fabric-gateway';
import { common, msp, peer } from '@hyperledger/fabric-protos';
import * as chai from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { startDevnet, type Devnet, type OrganizationSpec, type Topology } from '../../../../network/devnet/src';

chai.use(chaiAsPromised);
const { expect } = chai;

const CHANNEL = 'mychannel';
const CHAINCODE = 'basic';
const fixture = resolve(__dirname, '../../../fixtures/chaincode/assets');
const utf8 = (bytes: Uint8Array): string => Buffer.from(bytes).toString();

function sampleOrganization(index: number): OrganizationSpec {
    return {
        name: `org${String(index)}`,
        mspId: `Org${String(index)}MSP`,
        domain: `org${String(index)}.example.com`,
        role: 'test network organisation',
        peer: { name: 'peer0', port: 0, chaincodePort: 0, operationsPort: 0 },
        ca: { port: 0, operationsPort: 0 },
        userCount: 1,
    };
}

/** The test network's names; the endorsement policy is the channel's default, as `deployCC` leaves it. */
const testNetwork: Topology = {
    domain: 'example.com',
    channel: CHANNEL,
    chaincode: CHAINCODE,
    ordererOrganization: {
        name: 'orderer',
        mspId: 'OrdererMSP',
        domain: 'example.com',
        ca: { port: 0, operationsPort: 0 },
        orderers: [{ name: 'orderer', port: 0, adminPort: 0, operationsPort: 0 }],
    },
    organizations: [sampleOrganization(1), sampleOrganization(2)],
    chaincodeServer: { port: 0 },
    endorsementPolicy: '/Channel/Application/Endorsement',
    batch: { maxMessageCount: 10, batchTimeoutMs: 50 },
};

interface SampleClient {
    readonly gateway: Gateway;
    close(): void;
}

/** Wired as the sample application wires itself: cryptogen paths, first file of keystore/signcerts, deadlines. */
function connectLikeTheSample(devnet: Devnet, org: string, mspId: string): SampleClient {
    const cryptoPath = join(devnet.dataDir, 'organizations', 'peerOrganizations', `${org}.example.com`);
    const userMsp = join(cryptoPath, 'users', `User1@${org}.example.com`, 'msp');
    const firstFile = (dir: string): string => {
        const name = readdirSync(dir)[0];
        if (name === undefined) {
            throw new Error(`no files in ${dir}`);
        }
        return join(dir, name);
    };
    const client = new grpc.Client(
        devnet.peerEndpoint(org),
        grpc.credentials.createSsl(
            readFileSync(join(cryptoPath, 'peers', `peer0.${org}.example.com`, 'tls', 'ca.crt')),
        ),
        { 'grpc.ssl_target_name_override': `peer0.${org}.example.com` },
    );
    const gateway = connect({
        client,
        identity: { mspId, credentials: readFileSync(firstFile(join(userMsp, 'signcerts'))) },
        signer: signers.newPrivateKeySigner(createPrivateKey(readFileSync(firstFile(join(userMsp, 'keystore'))))),
        hash: hash.sha256,
        evaluateOptions: () => ({ deadline: Date.now() + 5_000 }),
        endorseOptions: () => ({ deadline: Date.now() + 15_000 }),
        submitOptions: () => ({ deadline: Date.now() + 5_000 }),
        commitStatusOptions: () => ({ deadline: Date.now() + 60_000 }),
    });
    return {
        gateway,
        close() {
            gateway.close();
            client.close();
        },
    };
}

interface Asset {
    readonly ID: string;
    readonly Owner: string;
    readonly Value: number;
}

describe('devnet running an asset-transfer-basic shaped chaincode and application', function () {
    this.timeout(60_000);

    let dataDir: string;
    let devnet: Devnet | undefined;
    let org1: SampleClient;
    let contract: Contract;
    const newAssetId = (): string => `asset-${randomUUID()}`;

    before(async () => {
        dataDir = await mkdtemp(join(tmpdir(), 'devnet-sample-'));
        devnet = await startDevnet({
            dataDir,
            topology: testNetwork,
            chaincodes: [{ name: CHAINCODE, packageDir: fixture }],
        });
        org1 = connectLikeTheSample(devnet, 'org1', 'Org1MSP');
        contract = org1.gateway.getNetwork(CHANNEL).getContract(CHAINCODE);
    });

    after(async () => {
        org1.close();
        await devnet?.stop();
        await rm(dataDir, { recursive: true, force: true });
    });

    it('writes the crypto material where the sample looks for it', () => {
        const users = readdirSync(
            join(dataDir, 'organizations', 'peerOrganizations', 'org2.example.com', 'users'),
        ).sort();
        expect(users).to.deep.equal(['Admin@org2.example.com', 'User1@org2.example.com']);
    });

    it('seeds the ledger and lists every asset through an open range query', async () => {
        await contract.submitTransaction('InitLedger');
        const assets = JSON.parse(utf8(await contract.evaluateTransaction('GetAllAssets'))) as Asset[];
        expect(assets.map((asset) => asset.ID)).to.include.members(['seed1', 'seed2', 'seed3']);
    });

    it('creates an asset and gets it endorsed by a majority of the organisations', async () => {
        const assetId = newAssetId();
        const commit = await contract.submitAsync('CreateAsset', {
            arguments: [assetId, 'yellow', '5', 'Tom', '1300'],
        });
        const status = await commit.getStatus();
        expect(status.code).to.equal(peer.TxValidationCode.VALID);
        const endorsers = await endorsingMspIds(commit.getTransactionId(), status.blockNumber);
        expect(endorsers.sort(), 'MAJORITY of two organisations is both').to.deep.equal(['Org1MSP', 'Org2MSP']);
    });

    it('transfers the asset asynchronously, returning the previous owner before the commit', async () => {
        const assetId = newAssetId();
        await contract.submitTransaction('CreateAsset', assetId, 'yellow', '5', 'Tom', '1300');
        const commit = await contract.submitAsync('TransferAsset', { arguments: [assetId, 'Saptha'] });
        expect(utf8(commit.getResult())).to.equal('Tom');
        const status = await commit.getStatus();
        expect(status.successful).to.equal(true);
        const asset = JSON.parse(utf8(await contract.evaluateTransaction('ReadAsset', assetId))) as Asset;
        expect(asset).to.include({ ID: assetId, Owner: 'Saptha', Value: 1300 });
    });

    it('shows the second organisation the same state through its own peer', async () => {
        const assetId = newAssetId();
        await contract.submitTransaction('CreateAsset', assetId, 'green', '10', 'Jin Soo', '500');
        const org2 = connectLikeTheSample(devnet as Devnet, 'org2', 'Org2MSP');
        try {
            const org2Contract = org2.gateway.getNetwork(CHANNEL).getContract(CHAINCODE);
            const asset = JSON.parse(utf8(await org2Contract.evaluateTransaction('ReadAsset', assetId))) as Asset;
            expect(asset).to.include({ ID: assetId, Owner: 'Jin Soo' });
        } finally {
            org2.close();
        }
    });

    it('refuses to update a missing asset with the endorsing peer in the error details', async () => {
        const missing = newAssetId();
        const error: unknown = await expect(
            contract.submitTransaction('UpdateAsset', missing, 'blue', '5', 'Tomoko', '300'),
        ).to.be.rejectedWith(EndorseError);
        const endorseError = error as EndorseError;
        expect(endorseError.code).to.equal(grpc.status.ABORTED);
        expect(endorseError.details.map((detail) => [detail.mspId, detail.address, detail.message])).to.deep.equal([
            [
                'Org1MSP',
                `peer0.org1.example.com:${devnet?.peerEndpoint('org1').split(':')[1] ?? ''}`,
                `chaincode response 500, asset ${missing} does not exist`,
            ],
        ]);
    });

    /** The MSP IDs of the endorsers of a committed transaction, read from its block. */
    async function endorsingMspIds(txId: string, blockNumber: bigint): Promise<string[]> {
        const blocks = await org1.gateway.getNetwork(CHANNEL).getBlockEvents({ startBlock: blockNumber });
        try {
            const next = await blocks[Symbol.asyncIterator]().next();
            const block = next.value as common.Block;
            for (const bytes of block.getData()?.getDataList_asU8() ?? []) {
                const payload = common.Payload.deserializeBinary(
                    common.Envelope.deserializeBinary(bytes).getPayload_asU8(),
                );
                const channelHeader = common.ChannelHeader.deserializeBinary(
                    payload.getHeader()?.getChannelHeader_asU8() ?? new Uint8Array(),
                );
                if (channelHeader.getTxId() === txId) {
                    return endorsersOf(payload);
                }
            }
            throw new Error(`transaction ${txId} is not in block ${String(blockNumber)}`);
        } finally {
            blocks.close();
        }
    }
});

function endorsersOf(payload: common.Payload): string[] {
    const transaction = peer.Transaction.deserializeBinary(payload.getData_asU8());
    return transaction.getActionsList().flatMap(
        (action) =>
            peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8())
                .getAction()
                ?.getEndorsementsList()
                .map((endorsement) =>
                    msp.SerializedIdentity.deserializeBinary(endorsement.getEndorser_asU8()).getMspid(),
                ) ?? [],
    );
}

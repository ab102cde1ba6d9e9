// Deliver with private data (fabric-gateway's getBlockAndPrivateDataEvents) and blockToLive, on a devnet running the
// private data fixture chaincode, driven by unmodified @hyperledger/fabric-gateway clients of each organisation.
import { createPrivateKey, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { connect, hash, signers, type Contract, type Gateway, type Network } from '@hyperledger/fabric-gateway';
import { ledger, type peer } from '@hyperledger/fabric-protos';
import * as chai from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { startDevnet, type ConnectionFile, type Devnet } from '../../../../network/devnet/src';

chai.use(chaiAsPromised);
const { expect } = chai;

const CHANNEL = 'association';
const CHAINCODE = 'private';
const fixture = resolve(__dirname, '../../../fixtures/chaincode/private');
const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString();
const unique = (label: string): string => `${label}-${randomUUID()}`;

interface Client {
    readonly gateway: Gateway;
    readonly network: Network;
    readonly contract: Contract;
    close(): void;
}

/** What one transaction's private data in a BlockAndPrivateData holds: collection → key → value. */
type TxPrivateWrites = Record<string, Record<string, string>>;

function privateWrites(event: peer.BlockAndPrivateData, txIndex: number): TxPrivateWrites | undefined {
    const txPvtRwSet = event.getPrivateDataMapMap().get(txIndex);
    if (!txPvtRwSet) {
        return undefined;
    }
    const result: TxPrivateWrites = {};
    for (const ns of txPvtRwSet.getNsPvtRwsetList()) {
        expect(ns.getNamespace()).to.equal(CHAINCODE);
        for (const collection of ns.getCollectionPvtRwsetList()) {
            const kv = ledger.rwset.kvrwset.KVRWSet.deserializeBinary(collection.getRwset_asU8());
            result[collection.getCollectionName()] = Object.fromEntries(
                kv.getWritesList().map((write) => [write.getKey(), text(write.getValue_asU8())]),
            );
        }
    }
    return result;
}

describe('devnet Deliver with private data and blockToLive (fabric-gateway client)', function () {
    this.timeout(90_000);

    let dataDir: string;
    let devnet: Devnet;
    const clients: Client[] = [];

    before(async () => {
        dataDir = await mkdtemp(join(tmpdir(), 'devnet-private-'));
        devnet = await startDevnet({
            dataDir,
            chaincodes: [
                {
                    name: CHAINCODE,
                    packageDir: fixture,
                    collectionsConfig: join(fixture, 'collections_config.json'),
                    // One endorsement suffices, so that a collection's members alone can endorse its writes.
                    endorsementPolicy:
                        "OR('SecretariatMSP.peer', 'HealthcoMSP.peer', 'HealthCentresMSP.peer', 'CarrierMSP.peer')",
                },
            ],
            batch: { maxMessageCount: 10, batchTimeoutMs: 50 },
        });
    });

    after(async () => {
        clients.forEach((client) => {
            client.close();
        });
        await devnet.stop();
        await rm(dataDir, { recursive: true, force: true });
    });

    function connectionFile(org: string): { path: string; file: ConnectionFile } {
        const path = devnet.connectionFiles.get(org);
        if (!path) {
            throw new Error(`no connection file for ${org}`);
        }
        return { path, file: JSON.parse(readFileSync(path, 'utf8')) as ConnectionFile };
    }

    /** A client with an identity of identityOrg, connected to the peer of peerOrg (its own by default). */
    function client(identityOrg: string, peerOrg = identityOrg): Client {
        const identity = connectionFile(identityOrg);
        const target = connectionFile(peerOrg);
        const user = identity.file.identities[identity.file.defaultIdentity];
        if (!user) {
            throw new Error(`no default identity in ${identity.path}`);
        }
        const fromIdentity = (path: string): Buffer => readFileSync(resolve(dirname(identity.path), path));
        const grpcClient = new grpc.Client(
            target.file.peerEndpoint,
            grpc.credentials.createSsl(readFileSync(resolve(dirname(target.path), target.file.tlsCACert))),
            { 'grpc.ssl_target_name_override': target.file.peerHostAlias },
        );
        const gateway = connect({
            client: grpcClient,
            identity: { mspId: identity.file.mspId, credentials: fromIdentity(user.certificate) },
            signer: signers.newPrivateKeySigner(createPrivateKey(fromIdentity(user.privateKey))),
            hash: hash.sha256,
        });
        const network = gateway.getNetwork(CHANNEL);
        const connected: Client = {
            gateway,
            network,
            contract: network.getContract(CHAINCODE),
            close() {
                gateway.close();
                grpcClient.close();
            },
        };
        clients.push(connected);
        return connected;
    }

    /** Submits a private write through the secretariat's peer; returns its block and index in the block. */
    async function putPrivate(
        collection: string,
        key: string,
        value: string,
    ): Promise<{ block: bigint; txIndex: number }> {
        const commit = await client('secretariat').contract.submitAsync('putPrivate', {
            arguments: [collection, key],
            transientData: { value },
        });
        const status = await commit.getStatus();
        expect(status.successful, `commit of ${collection}/${key}`).to.equal(true);
        return { block: status.blockNumber, txIndex: 0 };
    }

    /** The block and its private data as the client's peer delivers it to the client. */
    async function blockAndPrivateData(reader: Client, block: bigint): Promise<peer.BlockAndPrivateData> {
        const events = await reader.network.getBlockAndPrivateDataEvents({ startBlock: block });
        try {
            for await (const event of events) {
                return event;
            }
        } finally {
            events.close();
        }
        throw new Error(`no block ${block} delivered`);
    }

    describe('private write sets in delivered blocks', () => {
        it('gives a member organisation the write set of its collection, at the transaction index', async () => {
            const key = unique('pair');
            const { block, txIndex } = await putPrivate('pair', key, 'for both members');

            for (const org of ['secretariat', 'healthco']) {
                const event = await blockAndPrivateData(client(org), block);
                expect(event.getBlock()?.getHeader()?.getNumber(), org).to.equal(Number(block));
                expect(privateWrites(event, txIndex), org).to.deep.equal({ pair: { [key]: 'for both members' } });
            }
        });

        it('gives a non-member organisation the block without that collection', async () => {
            const { block, txIndex } = await putPrivate('pair', unique('pair'), 'not for carrier');

            const event = await blockAndPrivateData(client('carrier'), block);

            expect(event.getBlock()?.getHeader()?.getNumber()).to.equal(Number(block));
            expect(privateWrites(event, txIndex)).to.equal(undefined);
            expect(event.getPrivateDataMapMap().getLength()).to.equal(0);
        });

        it("gives a member peer's private data to another organisation only for collections that are not memberOnlyRead", async () => {
            const pairKey = unique('pair');
            const openKey = unique('open');
            const pair = await putPrivate('pair', pairKey, 'member only');
            const open = await putPrivate('open', openKey, 'readable by any client of a member peer');
            const carrierAtSecretariat = client('carrier', 'secretariat');

            expect(privateWrites(await blockAndPrivateData(carrierAtSecretariat, pair.block), 0)).to.equal(undefined);
            expect(privateWrites(await blockAndPrivateData(carrierAtSecretariat, open.block), 0)).to.deep.equal({
                open: { [openKey]: 'readable by any client of a member peer' },
            });
        });

        it('fails the stream, as a Fabric 2.5 peer does, on private data of an implicit collection it holds', async () => {
            const { block } = await putPrivate('_implicit_org_SecretariatMSP', unique('implicit'), 'own');

            await expect(blockAndPrivateData(client('secretariat'), block)).to.be.rejectedWith(
                /Unexpected status response: 500/, // common.Status.INTERNAL_SERVER_ERROR
            );
            // A peer that holds none of it (not a member of the implicit collection) serves the block.
            expect(privateWrites(await blockAndPrivateData(client('healthco'), block), 0)).to.equal(undefined);
        });
    });

    describe('blockToLive', () => {
        const commitBlock = async (): Promise<bigint> => {
            const commit = await client('secretariat').contract.submitAsync('put', {
                arguments: [unique('tick'), 'x'],
            });
            return (await commit.getStatus()).blockNumber;
        };
        const read = async (reader: Client, key: string) => ({
            value: text(await reader.contract.evaluateTransaction('getPrivate', 'brief', key)),
            hash: text(await reader.contract.evaluateTransaction('getPrivateHash', 'brief', key)),
        });

        it('keeps private data readable through block N + blockToLive and purges it at N + blockToLive + 1', async () => {
            const key = unique('brief');
            const { block: committedIn } = await putPrivate('brief', key, 'lives two blocks');
            const [secretariat, healthco] = [client('secretariat'), client('healthco')];
            const stored = await read(secretariat, key);
            expect(stored.value).to.equal('lives two blocks');
            expect(stored.hash).to.match(/^[0-9a-f]{64}$/);

            // blockToLive is 2: blocks N+1 and N+2 still see it.
            for (const expected of [committedIn + 1n, committedIn + 2n]) {
                expect(await commitBlock()).to.equal(expected);
                expect(await read(secretariat, key), `after block ${expected}`).to.deep.equal(stored);
                expect(await read(healthco, key), `at healthco after block ${expected}`).to.deep.equal(stored);
            }
            expect(privateWrites(await blockAndPrivateData(secretariat, committedIn), 0)).to.deep.equal({
                brief: { [key]: 'lives two blocks' },
            });

            expect(await commitBlock()).to.equal(committedIn + 3n);

            expect(await read(secretariat, key)).to.deep.equal({ value: '', hash: '' });
            expect(await read(healthco, key)).to.deep.equal({ value: '', hash: '' });
            const expired = await blockAndPrivateData(secretariat, committedIn);
            expect(privateWrites(expired, 0)).to.equal(undefined);
            // The transaction, with the hashes of the key and value, stays on the public ledger.
            expect(expired.getBlock()?.getData()?.getDataList()).to.have.length(1);
        });
    });
});

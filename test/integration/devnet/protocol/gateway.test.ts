// The devnet driven by the unmodified @hyperledger/fabric-gateway client, as an application drives real Fabric.
import { createPrivateKey, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import {
    checkpointers,
    connect,
    EndorseError,
    GatewayError,
    hash,
    signers,
    type ChaincodeEvent,
    type Contract,
} from '@hyperledger/fabric-gateway';
import { common, peer } from '@hyperledger/fabric-protos';
import * as chai from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { startDevnet, type Devnet, type DevnetOptions } from '../../../../network/devnet/src';
import { connectClient, type ConnectedClient } from './client';

chai.use(chaiAsPromised);
const { expect } = chai;

const Code = peer.TxValidationCode;
const CHANNEL = 'association';
const fixture = resolve(__dirname, '../../../fixtures/chaincode/kv');
const utf8 = (bytes: Uint8Array): string => Buffer.from(bytes).toString();
const unique = (label: string): string => `${label}-${randomUUID()}`;

describe('devnet gateway protocol (fabric-gateway client)', function () {
    this.timeout(60_000);

    let dataDir: string;
    let devnet: Devnet | undefined;
    let client: ConnectedClient;
    let contract: Contract;

    const options = (): DevnetOptions => ({
        dataDir,
        chaincodes: [{ name: 'kv', packageDir: fixture }],
        batch: { maxMessageCount: 10, batchTimeoutMs: 50 },
    });

    before(async () => {
        dataDir = await mkdtemp(join(tmpdir(), 'devnet-protocol-'));
        devnet = await startDevnet(options());
        client = connectClient(connectionFile('secretariat'));
        contract = client.gateway.getNetwork(CHANNEL).getContract('kv');
    });

    after(async () => {
        client.close();
        await devnet?.stop();
        await rm(dataDir, { recursive: true, force: true });
    });

    function connectionFile(org: string): string {
        const path = devnet?.connectionFiles.get(org);
        if (!path) {
            throw new Error(`no connection file for ${org}`);
        }
        return path;
    }

    describe('evaluate and submit', () => {
        it('commits a submitted transaction and evaluates the committed value', async () => {
            const key = unique('key');
            const result = await contract.submitTransaction('put', key, 'first value');
            expect(utf8(result)).to.equal('first value');
            expect(utf8(await contract.evaluateTransaction('get', key))).to.equal('first value');
        });

        it('reports commit status VALID with the block number', async () => {
            const commit = await contract.submitAsync('put', { arguments: [unique('key'), 'v'] });
            const status = await commit.getStatus();
            expect(status.code).to.equal(Code.VALID);
            expect(status.successful).to.equal(true);
            expect(status.transactionId).to.equal(commit.getTransactionId());
            expect(status.blockNumber > 0n, 'block 0 is the genesis block').to.equal(true);
        });

        it('returns a chaincode error from evaluate with the endorser detail', async () => {
            const message = unique('evaluate failure');
            const error: unknown = await expect(contract.evaluateTransaction('fail', message)).to.be.rejectedWith(
                GatewayError,
            );
            const gatewayError = error as GatewayError;
            expect(gatewayError.code).to.equal(grpc.status.UNKNOWN);
            expect(gatewayError.message).to.include(
                `evaluate call to endorser returned error: chaincode response 500, ${message}`,
            );
            expect(gatewayError.details.map((detail) => [detail.mspId, detail.message])).to.deep.equal([
                ['SecretariatMSP', `chaincode response 500, ${message}`],
            ]);
        });

        it('returns a chaincode error from endorsement as an EndorseError', async () => {
            const message = unique('endorse failure');
            const error: unknown = await expect(contract.submitTransaction('fail', message)).to.be.rejectedWith(
                EndorseError,
            );
            const endorseError = error as EndorseError;
            expect(endorseError.code).to.equal(grpc.status.ABORTED);
            expect(endorseError.message).to.include(
                'failed to endorse transaction, see attached details for more info',
            );
            expect(endorseError.details[0]?.message).to.equal(`chaincode response 500, ${message}`);
        });
    });

    describe('chaincode events', () => {
        it('streams a committed event from its block, and resumes after a checkpoint', async () => {
            const firstName = unique('first');
            const secondName = unique('second');
            const first = await contract.submitAsync('putWithEvent', { arguments: [unique('key'), 'one', firstName] });
            const firstStatus = await first.getStatus();
            const second = await contract.submitAsync('putWithEvent', {
                arguments: [unique('key'), 'two', secondName],
            });
            await second.getStatus();

            const events = await client.gateway
                .getNetwork(CHANNEL)
                .getChaincodeEvents('kv', { startBlock: firstStatus.blockNumber });
            const checkpointer = checkpointers.inMemory();
            try {
                for await (const event of events) {
                    if (event.eventName === firstName) {
                        expect(event.transactionId).to.equal(first.getTransactionId());
                        expect(event.blockNumber).to.equal(firstStatus.blockNumber);
                        expect(event.chaincodeName).to.equal('kv');
                        expect(utf8(event.payload)).to.equal('one');
                        await checkpointer.checkpointChaincodeEvent(event);
                        break;
                    }
                }
            } finally {
                events.close();
            }

            const resumed = await client.gateway
                .getNetwork(CHANNEL)
                .getChaincodeEvents('kv', { checkpoint: checkpointer });
            try {
                const next: IteratorResult<ChaincodeEvent> = await resumed[Symbol.asyncIterator]().next();
                expect(next.done).to.equal(false);
                const event = next.value as ChaincodeEvent;
                expect(event.eventName, 'the event right after the checkpoint').to.equal(secondName);
                expect(event.transactionId).to.equal(second.getTransactionId());
            } finally {
                resumed.close();
            }
        });

        it('delivers events of transactions committed after the stream opened', async () => {
            const name = unique('live');
            const events = await client.gateway.getNetwork(CHANNEL).getChaincodeEvents('kv');
            try {
                const commit = await contract.submitAsync('putWithEvent', { arguments: [unique('key'), 'live', name] });
                for await (const event of events) {
                    if (event.eventName === name) {
                        expect(event.transactionId).to.equal(commit.getTransactionId());
                        break;
                    }
                }
            } finally {
                events.close();
            }
        });

        it('does not emit events of invalid transactions', async () => {
            const key = unique('contended');
            await contract.submitTransaction('put', key, '0');
            const name = unique('invalid');
            // Endorsed by one org only: the OutOf(2, ...) policy fails at commit.
            const invalid = await contract
                .newProposal('putWithEvent', {
                    arguments: [key, 'x', name],
                    endorsingOrganizations: ['SecretariatMSP'],
                })
                .endorse();
            const invalidStatus = await (await invalid.submit()).getStatus();
            expect(invalidStatus.code).to.equal(Code.ENDORSEMENT_POLICY_FAILURE);
            const marker = unique('marker');
            await contract.submitTransaction('putWithEvent', unique('key'), 'm', marker);

            const events = await client.gateway
                .getNetwork(CHANNEL)
                .getChaincodeEvents('kv', { startBlock: invalidStatus.blockNumber });
            const seen: string[] = [];
            try {
                for await (const event of events) {
                    seen.push(event.eventName);
                    if (event.eventName === marker) {
                        break;
                    }
                }
            } finally {
                events.close();
            }
            expect(seen).to.include(marker);
            expect(seen).not.to.include(name);
        });
    });

    describe('validation codes', () => {
        it('marks the second of two concurrent read-modify-writes of one key MVCC_READ_CONFLICT', async () => {
            const key = unique('counter');
            await contract.submitTransaction('put', key, '0');
            const first = await contract.newProposal('increment', { arguments: [key] }).endorse();
            const second = await contract.newProposal('increment', { arguments: [key] }).endorse();
            const statuses = await Promise.all([
                (await first.submit()).getStatus(),
                (await second.submit()).getStatus(),
            ]);
            expect(statuses.map((status) => status.code)).to.deep.equal([Code.VALID, Code.MVCC_READ_CONFLICT]);
            expect(utf8(await contract.evaluateTransaction('get', key))).to.equal('1');
        });

        it('marks a transaction endorsed by too few organisations ENDORSEMENT_POLICY_FAILURE', async () => {
            const key = unique('key');
            const transaction = await contract
                .newProposal('put', { arguments: [key, 'value'], endorsingOrganizations: ['SecretariatMSP'] })
                .endorse();
            const status = await (await transaction.submit()).getStatus();
            expect(status.code).to.equal(Code.ENDORSEMENT_POLICY_FAILURE);
            expect(status.successful).to.equal(false);
            await expect(contract.evaluateTransaction('get', key)).to.be.rejectedWith(GatewayError, 'does not exist');
        });

        it('enforces a key-level endorsement policy and lets the gateway pick endorsers that satisfy it', async () => {
            const key = unique('restricted');
            await contract.submitTransaction('put', key, 'original');
            await contract.submitTransaction('restrictKey', key, 'CarrierMSP');

            const withoutCarrier = await contract
                .newProposal('put', {
                    arguments: [key, 'changed without carrier'],
                    endorsingOrganizations: ['SecretariatMSP', 'HealthcoMSP'],
                })
                .endorse();
            const refused = await (await withoutCarrier.submit()).getStatus();
            expect(refused.code, 'chaincode policy met, key policy not').to.equal(Code.ENDORSEMENT_POLICY_FAILURE);
            expect(utf8(await contract.evaluateTransaction('get', key))).to.equal('original');

            await contract.submitTransaction('put', key, 'changed with carrier');
            expect(utf8(await contract.evaluateTransaction('get', key))).to.equal('changed with carrier');
        });

        it('refuses a duplicate transaction ID at endorsement and marks a resubmission DUPLICATE_TXID', async () => {
            const proposal = contract.newProposal('put', { arguments: [unique('key'), 'once'] });
            const transaction = await proposal.endorse();
            const status = await (await transaction.submit()).getStatus();
            expect(status.code).to.equal(Code.VALID);

            const reproposed = client.gateway.newProposal(proposal.getBytes());
            const error: unknown = await expect(reproposed.endorse()).to.be.rejectedWith(EndorseError);
            expect((error as EndorseError).details[0]?.message).to.match(
                new RegExp(
                    `^duplicate transaction found \\[${transaction.getTransactionId()}\\]\\. Creator \\[[0-9a-f]+\\]$`,
                ),
            );

            await client.gateway.newTransaction(transaction.getBytes()).submit();
            // Commit status reports the first occurrence, as Fabric's block index does; the block shows code 9.
            const codes = await validationCodesOf(transaction.getTransactionId(), status.blockNumber);
            expect(codes).to.deep.equal([Code.VALID, Code.DUPLICATE_TXID]);
        });
    });

    describe('refusals', () => {
        it('refuses a proposal from an identity of an unknown MSP', async () => {
            const stranger = connectWithIdentity({ mspId: 'StrangerMSP' });
            try {
                const error: unknown = await expect(
                    stranger.gateway.getNetwork(CHANNEL).getContract('kv').evaluateTransaction('get', 'any'),
                ).to.be.rejectedWith(GatewayError);
                expect((error as GatewayError).code).to.equal(grpc.status.FAILED_PRECONDITION);
                expect((error as GatewayError).message).to.include(
                    `access denied: channel [${CHANNEL}] creator org unknown, creator is malformed`,
                );
            } finally {
                stranger.close();
            }
        });

        it('refuses a proposal whose signature does not match the creator', async () => {
            const forger = connectWithIdentity({ signerOrg: 'healthco' });
            try {
                const error: unknown = await expect(
                    forger.gateway.getNetwork(CHANNEL).getContract('kv').submitTransaction('put', unique('key'), 'v'),
                ).to.be.rejectedWith(EndorseError);
                expect((error as EndorseError).details[0]?.message).to.equal(
                    `error validating proposal: access denied: channel [${CHANNEL}] creator org [SecretariatMSP]`,
                );
            } finally {
                forger.close();
            }
        });

        it('refuses endorsing organisations that have no peer', async () => {
            const error: unknown = await expect(
                contract
                    .newProposal('put', { arguments: [unique('key'), 'v'], endorsingOrganizations: ['NoSuchMSP'] })
                    .endorse(),
            ).to.be.rejectedWith(EndorseError);
            expect((error as EndorseError).code).to.equal(grpc.status.UNAVAILABLE);
            expect((error as EndorseError).message).to.include(
                'failed to find any endorsing peers for org(s): NoSuchMSP',
            );
        });

        it('keeps transient data within the collection members, refusing a plan that needs other orgs', async () => {
            const collection = '_implicit_org_SecretariatMSP';
            const proposal = contract.newProposal('putPrivate', {
                arguments: [collection, unique('secret')],
                transientData: { value: Buffer.from('confidential') },
            });
            const error: unknown = await expect(proposal.endorse()).to.be.rejectedWith(EndorseError);
            expect((error as EndorseError).code).to.equal(grpc.status.FAILED_PRECONDITION);
            expect((error as EndorseError).message).to.include(
                `requires endorsement from organisation(s) that are not in the distribution policy of the private data collection(s): [${collection}]; retry specifying trusted endorsing organizations to protect transient data`,
            );
        });

        it('refuses an unknown chaincode', async () => {
            const other = client.gateway.getNetwork(CHANNEL).getContract('nosuchchaincode');
            await expect(other.evaluateTransaction('get', 'x')).to.be.rejectedWith(
                GatewayError,
                `no peers available to evaluate chaincode nosuchchaincode in channel ${CHANNEL}`,
            );
        });
    });

    describe('restart', () => {
        it('keeps the ledger when restarted on the same data directory', async () => {
            const key = unique('durable');
            const before = await (await contract.submitAsync('put', { arguments: [key, 'kept'] })).getStatus();
            client.close();
            await devnet?.stop();
            devnet = undefined;

            devnet = await startDevnet(options());
            client = connectClient(connectionFile('healthco'));
            contract = client.gateway.getNetwork(CHANNEL).getContract('kv');
            expect(utf8(await contract.evaluateTransaction('get', key))).to.equal('kept');
            const after = await (await contract.submitAsync('put', { arguments: [unique('key'), 'new'] })).getStatus();
            expect(after.code).to.equal(Code.VALID);
            expect(after.blockNumber > before.blockNumber, 'the chain continues').to.equal(true);
        });
    });

    /** Validation codes of every occurrence of a transaction ID, read from block events from a block on. */
    async function validationCodesOf(txId: string, fromBlock: bigint): Promise<number[]> {
        const blocks = await client.gateway.getNetwork(CHANNEL).getBlockEvents({ startBlock: fromBlock });
        const codes: number[] = [];
        try {
            for await (const block of blocks) {
                const filter = block.getMetadata()?.getMetadataList_asU8()[
                    common.BlockMetadataIndex.TRANSACTIONS_FILTER
                ];
                block
                    .getData()
                    ?.getDataList_asU8()
                    .forEach((envelope, index) => {
                        const payload = common.Payload.deserializeBinary(
                            common.Envelope.deserializeBinary(envelope).getPayload_asU8(),
                        );
                        const channelHeader = common.ChannelHeader.deserializeBinary(
                            payload.getHeader()?.getChannelHeader_asU8() ?? new Uint8Array(),
                        );
                        if (channelHeader.getTxId() === txId) {
                            codes.push(filter?.[index] ?? -1);
                        }
                    });
                if (codes.length >= 2) {
                    break;
                }
            }
        } finally {
            blocks.close();
        }
        return codes;
    }

    /** A client of the secretariat's peer with a tampered identity: another MSP ID, or another org's signing key. */
    function connectWithIdentity(tamper: { mspId?: string; signerOrg?: string }): ConnectedClient {
        const honest = JSON.parse(readFileSync(connectionFile('secretariat'), 'utf8')) as {
            peerEndpoint: string;
            peerHostAlias: string;
            tlsCACert: string;
            mspId: string;
            identities: Record<string, { certificate: string; privateKey: string }>;
        };
        const base = resolve(connectionFile('secretariat'), '..');
        const user = honest.identities.User1!;
        const keyPath = tamper.signerOrg
            ? resolve(
                  base,
                  (JSON.parse(readFileSync(connectionFile(tamper.signerOrg), 'utf8')) as typeof honest).identities
                      .User1!.privateKey,
              )
            : resolve(base, user.privateKey);
        const grpcClient = new grpc.Client(
            honest.peerEndpoint,
            grpc.credentials.createSsl(readFileSync(resolve(base, honest.tlsCACert))),
            {
                'grpc.ssl_target_name_override': honest.peerHostAlias,
            },
        );
        const gateway = connect({
            client: grpcClient,
            identity: {
                mspId: tamper.mspId ?? honest.mspId,
                credentials: readFileSync(resolve(base, user.certificate)),
            },
            signer: signers.newPrivateKeySigner(createPrivateKey(readFileSync(keyPath))),
            hash: hash.sha256,
        });
        return {
            gateway,
            mspId: tamper.mspId ?? honest.mspId,
            client: grpcClient,
            close() {
                gateway.close();
                grpcClient.close();
            },
        };
    }
});

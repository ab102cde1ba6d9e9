// Requests no well-behaved client sends — malformed proposals, unsigned or forged envelopes, garbage commit status
// requests — sent over raw gRPC, answered with the status codes and messages of Fabric 2.5's gateway
// (internal/pkg/gateway), endorser (core/endorser) and orderer (orderer/common/broadcast).
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import type { Contract } from '@hyperledger/fabric-gateway';
import { common, gateway, peer } from '@hyperledger/fabric-protos';
import * as chai from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { startDevnet, type Devnet } from '../../../../network/devnet/src';
import { connectClient, type ConnectedClient } from './client';

chai.use(chaiAsPromised);
const { expect } = chai;

const CHANNEL = 'association';
const fixture = resolve(__dirname, '../../../fixtures/chaincode/kv');
const WIRE_FORMAT_ERROR = 'proto: cannot parse invalid wire-format data';
/** A well-formed DER ECDSA signature (r = 1, s = 1) that verifies against no key. */
const FORGED_SIGNATURE = Buffer.from('3006020101020101', 'hex');

interface CallOutcome {
    readonly code: grpc.status;
    readonly details: string;
}

/** Sends already-serialised request bytes to a gateway method and returns the call's status. */
function callGateway(client: grpc.Client, method: string, request: Uint8Array): Promise<CallOutcome> {
    const identity = (bytes: Buffer): Buffer => bytes;
    return new Promise((resolvePromise) => {
        client.makeUnaryRequest(
            `/gateway.Gateway/${method}`,
            identity,
            identity,
            Buffer.from(request),
            (error: grpc.ServiceError | null) => {
                resolvePromise(
                    error ? { code: error.code, details: error.details } : { code: grpc.status.OK, details: '' },
                );
            },
        );
    });
}

describe('devnet refusing malformed requests as a Fabric 2.5 peer does', function () {
    this.timeout(60_000);

    let dataDir: string;
    let devnet: Devnet | undefined;
    let client: ConnectedClient;
    let contract: Contract;

    before(async () => {
        dataDir = await mkdtemp(join(tmpdir(), 'devnet-malformed-'));
        devnet = await startDevnet({
            dataDir,
            chaincodes: [{ name: 'kv', packageDir: fixture }],
            batch: { maxMessageCount: 10, batchTimeoutMs: 50 },
        });
        const connectionFile = devnet.connectionFiles.get('secretariat');
        if (connectionFile === undefined) {
            throw new Error('no connection file for secretariat');
        }
        client = connectClient(connectionFile);
        contract = client.gateway.getNetwork(CHANNEL).getContract('kv');
    });

    after(async () => {
        client.close();
        await devnet?.stop();
        await rm(dataDir, { recursive: true, force: true });
    });

    /** A correctly signed proposal to write a fresh key, as the client library would send it. */
    async function signedProposal(): Promise<{ txId: string; signed: peer.SignedProposal }> {
        const proposal = contract.newProposal('put', { arguments: [`key-${randomUUID()}`, 'v'] });
        // Endorsing signs the proposal; the signed copy is then read back from the serialised proposal.
        await proposal.endorse();
        const proposed = gateway.ProposedTransaction.deserializeBinary(proposal.getBytes());
        const signed = proposed.getProposal();
        if (!signed) {
            throw new Error('the client built no signed proposal');
        }
        return { txId: proposed.getTransactionId(), signed };
    }

    function evaluateRequest(signed: peer.SignedProposal, txId = ''): Uint8Array {
        const request = new gateway.EvaluateRequest();
        request.setChannelId(CHANNEL);
        request.setTransactionId(txId);
        request.setProposedTransaction(signed);
        return request.serializeBinary();
    }

    function endorseRequest(signed: peer.SignedProposal, txId = ''): Uint8Array {
        const request = new gateway.EndorseRequest();
        request.setChannelId(CHANNEL);
        request.setTransactionId(txId);
        request.setProposedTransaction(signed);
        return request.serializeBinary();
    }

    function garbageProposal(): peer.SignedProposal {
        const signed = new peer.SignedProposal();
        signed.setProposalBytes(Buffer.from(`not a proposal ${randomUUID()}`));
        signed.setSignature(FORGED_SIGNATURE);
        return signed;
    }

    describe('proposals', () => {
        it('refuses an undecodable proposal to Evaluate with INVALID_ARGUMENT', async () => {
            expect(await callGateway(client.client, 'Evaluate', evaluateRequest(garbageProposal()))).to.deep.equal({
                code: grpc.status.INVALID_ARGUMENT,
                details: `failed to unpack transaction proposal: error unmarshalling Proposal: ${WIRE_FORMAT_ERROR}`,
            });
        });

        it('refuses an undecodable proposal to Endorse with INVALID_ARGUMENT', async () => {
            expect(await callGateway(client.client, 'Endorse', endorseRequest(garbageProposal()))).to.deep.equal({
                code: grpc.status.INVALID_ARGUMENT,
                details: `error unmarshalling Proposal: ${WIRE_FORMAT_ERROR}`,
            });
        });

        it('refuses an Endorse request without a proposal', async () => {
            expect(
                await callGateway(client.client, 'Endorse', endorseRequest(new peer.SignedProposal())),
            ).to.deep.equal({
                code: grpc.status.INVALID_ARGUMENT,
                details: 'the proposed transaction must contain a signed proposal',
            });
        });

        it('refuses an unsigned proposal with FAILED_PRECONDITION from the endorser', async () => {
            const { txId, signed } = await signedProposal();
            const unsigned = new peer.SignedProposal();
            unsigned.setProposalBytes(signed.getProposalBytes_asU8());
            expect(await callGateway(client.client, 'Evaluate', evaluateRequest(unsigned, txId))).to.deep.equal({
                code: grpc.status.FAILED_PRECONDITION,
                details: 'evaluate call to endorser returned error: error validating proposal: empty signature bytes',
            });
        });

        it('refuses a forged signature to Evaluate with FAILED_PRECONDITION', async () => {
            const { txId, signed } = await signedProposal();
            signed.setSignature(FORGED_SIGNATURE);
            expect(await callGateway(client.client, 'Evaluate', evaluateRequest(signed, txId))).to.deep.equal({
                code: grpc.status.FAILED_PRECONDITION,
                details: `evaluate call to endorser returned error: error validating proposal: access denied: channel [${CHANNEL}] creator org [SecretariatMSP]`,
            });
        });
    });

    describe('prepared transactions', () => {
        async function preparedEnvelope(): Promise<{ txId: string; envelope: common.Envelope }> {
            const transaction = await contract
                .newProposal('put', { arguments: [`key-${randomUUID()}`, 'v'] })
                .endorse();
            const envelope = gateway.PreparedTransaction.deserializeBinary(transaction.getBytes()).getEnvelope();
            if (!envelope) {
                throw new Error('the gateway prepared no envelope');
            }
            return { txId: transaction.getTransactionId(), envelope };
        }

        function submitRequest(txId: string, envelope?: common.Envelope): Uint8Array {
            const request = new gateway.SubmitRequest();
            request.setChannelId(CHANNEL);
            request.setTransactionId(txId);
            if (envelope) {
                request.setPreparedTransaction(envelope);
            }
            return request.serializeBinary();
        }

        function resigned(envelope: common.Envelope, signature: Uint8Array, payload?: Uint8Array): common.Envelope {
            const copy = new common.Envelope();
            copy.setPayload(payload ?? envelope.getPayload_asU8());
            copy.setSignature(signature);
            return copy;
        }

        it('refuses a Submit request without a prepared transaction', async () => {
            expect(await callGateway(client.client, 'Submit', submitRequest(randomUUID()))).to.deep.equal({
                code: grpc.status.INVALID_ARGUMENT,
                details: 'a prepared transaction is required',
            });
        });

        it('refuses an unsigned prepared transaction', async () => {
            const { txId, envelope } = await preparedEnvelope();
            const request = submitRequest(txId, resigned(envelope, new Uint8Array()));
            expect(await callGateway(client.client, 'Submit', request)).to.deep.equal({
                code: grpc.status.INVALID_ARGUMENT,
                details: 'prepared transaction must be signed',
            });
        });

        it("passes on the orderer's FORBIDDEN for a forged signature as ABORTED", async () => {
            const { txId, envelope } = await preparedEnvelope();
            const request = submitRequest(txId, resigned(envelope, FORGED_SIGNATURE));
            expect(await callGateway(client.client, 'Submit', request)).to.deep.equal({
                code: grpc.status.ABORTED,
                details:
                    "received unsuccessful response from orderer: status=FORBIDDEN, info=implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Writers' sub-policies to be satisfied: permission denied",
            });
        });

        it("passes on the orderer's BAD_REQUEST for an undecodable payload as ABORTED", async () => {
            const { txId, envelope } = await preparedEnvelope();
            const request = submitRequest(txId, resigned(envelope, FORGED_SIGNATURE, Buffer.from([0xff, 0xff])));
            expect(await callGateway(client.client, 'Submit', request)).to.deep.equal({
                code: grpc.status.ABORTED,
                details: `received unsuccessful response from orderer: status=BAD_REQUEST, info=could not determine channel ID: error unmarshalling Payload: ${WIRE_FORMAT_ERROR}`,
            });
        });
    });

    describe('commit status requests', () => {
        it('refuses an undecodable request with INVALID_ARGUMENT', async () => {
            const signed = new gateway.SignedCommitStatusRequest();
            signed.setRequest(Buffer.from([0xff, 0x01]));
            expect(await callGateway(client.client, 'CommitStatus', signed.serializeBinary())).to.deep.equal({
                code: grpc.status.INVALID_ARGUMENT,
                details: `invalid status request: ${WIRE_FORMAT_ERROR}`,
            });
        });

        it('refuses a request signed by no channel member with PERMISSION_DENIED', async () => {
            const request = new gateway.CommitStatusRequest();
            request.setChannelId(CHANNEL);
            request.setTransactionId(randomUUID());
            request.setIdentity(Buffer.from('not an identity'));
            const signed = new gateway.SignedCommitStatusRequest();
            signed.setRequest(request.serializeBinary());
            signed.setSignature(FORGED_SIGNATURE);
            const outcome = await callGateway(client.client, 'CommitStatus', signed.serializeBinary());
            expect(outcome.code).to.equal(grpc.status.PERMISSION_DENIED);
            expect(outcome.details).to.equal(
                `Failed evaluating policy on signed data during check policy on channel [${CHANNEL}] with policy [/Channel/Application/Readers]: [implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Readers' sub-policies to be satisfied]`,
            );
        });
    });
});

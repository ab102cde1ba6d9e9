// Builds the ExecuteRequest an endorser hands the runtime: ChaincodeInput plus a SignedProposal the shim can parse
// (creator identity with a real X.509 certificate, transaction timestamp, transient data).
import 'reflect-metadata';
import { randomBytes, randomUUID, webcrypto } from 'node:crypto';
import { common, msp, peer } from '@hyperledger/fabric-protos';
import * as x509 from '@peculiar/x509';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import type { ExecuteRequest } from '../../../../network/devnet/src/chaincode/runtime';

export interface Invocation {
    readonly channel: string;
    readonly chaincode: string;
    readonly args: readonly string[];
    readonly mspId: string;
    readonly certificatePem: string;
    readonly timestamp: Date;
    readonly transient?: Readonly<Record<string, string>>;
    readonly txId?: string;
}

/** A self-signed ECDSA P-256 certificate, like the ones a Fabric CA issues to users. */
export async function newCertificatePem(commonName: string): Promise<string> {
    const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
    const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
    const certificate = await x509.X509CertificateGenerator.createSelfSigned(
        {
            serialNumber: randomBytes(8).toString('hex'),
            name: `CN=${commonName}, O=Devnet Test`,
            notBefore: new Date('2020-01-01T00:00:00Z'),
            notAfter: new Date('2040-01-01T00:00:00Z'),
            keys,
            signingAlgorithm: algorithm,
        },
        webcrypto,
    );
    return certificate.toString('pem');
}

export function newTxId(): string {
    return randomBytes(32).toString('hex');
}

export function chaincodeInput(args: readonly string[]): Uint8Array {
    const input = new peer.ChaincodeInput();
    input.setArgsList(args.map((arg) => Buffer.from(arg)));
    return input.serializeBinary();
}

function header(invocation: Invocation, txId: string): common.Header {
    const identity = new msp.SerializedIdentity();
    identity.setMspid(invocation.mspId);
    identity.setIdBytes(Buffer.from(invocation.certificatePem));
    const signatureHeader = new common.SignatureHeader();
    signatureHeader.setCreator(identity.serializeBinary());
    signatureHeader.setNonce(randomBytes(24));

    const chaincodeId = new peer.ChaincodeID();
    chaincodeId.setName(invocation.chaincode);
    const extension = new peer.ChaincodeHeaderExtension();
    extension.setChaincodeId(chaincodeId);
    const timestamp = new Timestamp();
    timestamp.fromDate(invocation.timestamp);
    const channelHeader = new common.ChannelHeader();
    channelHeader.setType(common.HeaderType.ENDORSER_TRANSACTION);
    channelHeader.setChannelId(invocation.channel);
    channelHeader.setTxId(txId);
    channelHeader.setTimestamp(timestamp);
    channelHeader.setExtension$(extension.serializeBinary());

    const result = new common.Header();
    result.setChannelHeader(channelHeader.serializeBinary());
    result.setSignatureHeader(signatureHeader.serializeBinary());
    return result;
}

function proposalPayload(invocation: Invocation, input: Uint8Array): Uint8Array {
    const spec = new peer.ChaincodeSpec();
    spec.setType(peer.ChaincodeSpec.Type.NODE);
    const chaincodeId = new peer.ChaincodeID();
    chaincodeId.setName(invocation.chaincode);
    spec.setChaincodeId(chaincodeId);
    spec.setInput(peer.ChaincodeInput.deserializeBinary(input));
    const invocationSpec = new peer.ChaincodeInvocationSpec();
    invocationSpec.setChaincodeSpec(spec);

    const payload = new peer.ChaincodeProposalPayload();
    payload.setInput(invocationSpec.serializeBinary());
    for (const [name, value] of Object.entries(invocation.transient ?? {})) {
        payload.getTransientmapMap().set(name, Buffer.from(value));
    }
    return payload.serializeBinary();
}

export function newExecuteRequest(invocation: Invocation): ExecuteRequest {
    const txId = invocation.txId ?? newTxId();
    const input = chaincodeInput(invocation.args);
    const proposal = new peer.Proposal();
    proposal.setHeader(header(invocation, txId).serializeBinary());
    proposal.setPayload(proposalPayload(invocation, input));
    const signed = new peer.SignedProposal();
    signed.setProposalBytes(proposal.serializeBinary());
    signed.setSignature(randomBytes(64));
    return { channel: invocation.channel, txId, signedProposal: signed.serializeBinary(), input };
}

/** A unique prefix so that keys written by one test run never meet another's. */
export function uniquePrefix(): string {
    return `t${randomUUID().slice(0, 8)}`;
}

// Unpacking and checking a SignedProposal the way Fabric's endorser does (core/endorser/msgvalidation.go).
import { createHash, X509Certificate } from 'node:crypto';
import { common, msp as mspproto, peer } from '@hyperledger/fabric-protos';
import { computeTxId } from '../committer/transaction';
import type { Identity, Msp } from '../ports';
import { WIRE_FORMAT_ERROR } from '../wire-errors';

export interface UnpackedProposal {
    readonly signedProposal: peer.SignedProposal;
    readonly header: common.Header;
    readonly channelHeader: common.ChannelHeader;
    readonly signatureHeader: common.SignatureHeader;
    readonly proposalPayload: peer.ChaincodeProposalPayload;
    readonly chaincodeName: string;
    /** peer.ChaincodeInput bytes. */
    readonly input: Uint8Array;
    /** SHA-256 over channel header, signature header and the payload without its transient map. */
    readonly proposalHash: Uint8Array;
    readonly hasTransientData: boolean;
}

export class ProposalError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'ProposalError';
    }
}

/** Decodes every layer of the proposal; throws ProposalError naming the first part that is missing. */
export function unpackProposal(signedProposal: peer.SignedProposal): UnpackedProposal {
    const proposal = decode('Proposal', () => peer.Proposal.deserializeBinary(signedProposal.getProposalBytes_asU8()));
    const header = decode('Header', () => common.Header.deserializeBinary(proposal.getHeader_asU8()));
    const channelHeader = decode('ChannelHeader', () =>
        common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8()),
    );
    const signatureHeader = decode('SignatureHeader', () =>
        common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8()),
    );
    const extension = decode('ChaincodeHeaderExtension', () =>
        peer.ChaincodeHeaderExtension.deserializeBinary(channelHeader.getExtension_asU8()),
    );
    const chaincodeId = extension.getChaincodeId();
    if (!chaincodeId) {
        throw new ProposalError('ChaincodeHeaderExtension.ChaincodeId is nil');
    }
    if (chaincodeId.getName() === '') {
        throw new ProposalError('ChaincodeHeaderExtension.ChaincodeId.Name is empty');
    }
    const proposalPayload = decode('ChaincodeProposalPayload', () =>
        peer.ChaincodeProposalPayload.deserializeBinary(proposal.getPayload_asU8()),
    );
    const invocation = decode('ChaincodeInvocationSpec', () =>
        peer.ChaincodeInvocationSpec.deserializeBinary(proposalPayload.getInput_asU8()),
    );
    const spec = invocation.getChaincodeSpec();
    if (!spec) {
        throw new ProposalError('chaincode invocation spec did not contain chaincode spec');
    }
    const input = spec.getInput();
    if (!input) {
        throw new ProposalError('chaincode input did not contain any input');
    }
    return {
        signedProposal,
        header,
        channelHeader,
        signatureHeader,
        proposalPayload,
        chaincodeName: chaincodeId.getName(),
        input: input.serializeBinary(),
        proposalHash: proposalHash(header, proposalPayload),
        hasTransientData: proposalPayload.getTransientmapMap().getLength() > 0,
    };
}

/** The payload as it goes into the transaction: the transient map is never part of it. */
export function payloadWithoutTransient(payload: peer.ChaincodeProposalPayload): Uint8Array {
    const copy = new peer.ChaincodeProposalPayload();
    copy.setInput(payload.getInput_asU8());
    return copy.serializeBinary();
}

function proposalHash(header: common.Header, payload: peer.ChaincodeProposalPayload): Uint8Array {
    return createHash('sha256')
        .update(header.getChannelHeader_asU8())
        .update(header.getSignatureHeader_asU8())
        .update(payloadWithoutTransient(payload))
        .digest();
}

/** Fabric's checks on header fields, txid and creator signature; returns the creator or throws ProposalError. */
export function validateProposal<I extends Identity>(proposal: UnpackedProposal, msp: Msp<I>): I {
    const { channelHeader, signatureHeader, signedProposal } = proposal;
    const type = channelHeader.getType();
    if (type !== common.HeaderType.ENDORSER_TRANSACTION && type !== common.HeaderType.CONFIG) {
        throw new ProposalError(`invalid header type ${headerTypeName(type)}`);
    }
    if (channelHeader.getEpoch() !== 0) {
        throw new ProposalError('epoch is non-zero');
    }
    const nonce = signatureHeader.getNonce_asU8();
    const creator = signatureHeader.getCreator_asU8();
    if (nonce.length === 0) {
        throw new ProposalError('nonce is empty');
    }
    if (creator.length === 0) {
        throw new ProposalError('creator is empty');
    }
    const expectedTxId = computeTxId(nonce, creator);
    if (channelHeader.getTxId() !== expectedTxId) {
        throw new ProposalError(`incorrectly computed txid '${channelHeader.getTxId()}' -- expected '${expectedTxId}'`);
    }
    if (signedProposal.getProposalBytes_asU8().length === 0) {
        throw new ProposalError('empty proposal bytes');
    }
    if (signedProposal.getSignature_asU8().length === 0) {
        throw new ProposalError('empty signature bytes');
    }
    const channel = channelHeader.getChannelId();
    let identity: I;
    try {
        identity = msp.deserialize(creator);
    } catch {
        // Fabric tells an identity it cannot decode (unknown org) from one its MSP rejects (e.g. foreign CA).
        const knownOrg = wellFormedIdentityMspId(creator, msp);
        throw new ProposalError(
            knownOrg === undefined
                ? `access denied: channel [${channel}] creator org unknown, creator is malformed`
                : `access denied: channel [${channel}] creator org [${knownOrg}]`,
        );
    }
    if (!msp.verifySignature(identity, signedProposal.getProposalBytes_asU8(), signedProposal.getSignature_asU8())) {
        throw new ProposalError(`access denied: channel [${channel}] creator org [${identity.mspId}]`);
    }
    return identity;
}

/** The MSP ID of a serialized identity that names a known MSP and holds a parseable certificate. */
function wellFormedIdentityMspId<I extends Identity>(serialized: Uint8Array, msp: Msp<I>): string | undefined {
    try {
        const identity = mspproto.SerializedIdentity.deserializeBinary(serialized);
        new X509Certificate(identity.getIdBytes_asU8());
        return msp.mspIds().includes(identity.getMspid()) ? identity.getMspid() : undefined;
    } catch {
        return undefined;
    }
}

function headerTypeName(type: number): string {
    const entry = Object.entries(common.HeaderType).find(([, value]) => value === type);
    return entry ? entry[0] : String(type);
}

function decode<T>(what: string, decoder: () => T): T {
    try {
        return decoder();
    } catch {
        throw new ProposalError(`error unmarshalling ${what}: ${WIRE_FORMAT_ERROR}`);
    }
}

// Unpacks an endorser transaction Envelope into the parts the committer checks, naming the validation code
// Fabric assigns when a part is missing or malformed.
import { createHash } from 'node:crypto';
import { common, peer } from '@hyperledger/fabric-protos';
import type { Timestamp } from '../ports';

const Code = peer.TxValidationCode;

export interface EndorsementParts {
    readonly endorser: Uint8Array;
    readonly signature: Uint8Array;
}

export interface EndorserTransaction {
    readonly kind: 'endorser';
    readonly txId: string;
    readonly channelId: string;
    readonly timestamp: Timestamp;
    readonly creator: Uint8Array;
    readonly nonce: Uint8Array;
    readonly payload: Uint8Array;
    readonly signature: Uint8Array;
    readonly chaincodeName: string;
    readonly proposalResponsePayload: Uint8Array;
    readonly endorsements: readonly EndorsementParts[];
    readonly results: Uint8Array;
    /** peer.ChaincodeEvent bytes, empty when the chaincode set none. */
    readonly events: Uint8Array;
}

export interface ConfigTransaction {
    readonly kind: 'config';
    readonly txId: string;
    readonly channelId: string;
    readonly timestamp: Timestamp;
}

export interface MalformedTransaction {
    readonly kind: 'malformed';
    readonly code: number;
    readonly txId: string;
    readonly timestamp: Timestamp;
    readonly reason: string;
}

export type ParsedTransaction = EndorserTransaction | ConfigTransaction | MalformedTransaction;

/** Fabric's transaction ID: hex SHA-256 of nonce followed by creator (protoutil.ComputeTxID). */
export function computeTxId(nonce: Uint8Array, creator: Uint8Array): string {
    return createHash('sha256').update(nonce).update(creator).digest('hex');
}

export function toTimestamp(value: { getSeconds(): number; getNanos(): number } | undefined): Timestamp {
    return { seconds: BigInt(value?.getSeconds() ?? 0), nanos: value?.getNanos() ?? 0 };
}

const NO_TIME: Timestamp = { seconds: 0n, nanos: 0 };

export function parseTransaction(envelopeBytes: Uint8Array): ParsedTransaction {
    let stage: { code: number; txId: string; timestamp: Timestamp } = {
        code: Code.BAD_PAYLOAD,
        txId: '',
        timestamp: NO_TIME,
    };
    try {
        const envelope = common.Envelope.deserializeBinary(envelopeBytes);
        const payloadBytes = envelope.getPayload_asU8();
        const payload = common.Payload.deserializeBinary(payloadBytes);
        const header = payload.getHeader();
        if (!header) {
            return malformed(Code.BAD_COMMON_HEADER, '', NO_TIME, 'missing payload header');
        }
        stage = { code: Code.BAD_CHANNEL_HEADER, txId: '', timestamp: NO_TIME };
        const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
        stage = {
            code: Code.BAD_COMMON_HEADER,
            txId: channelHeader.getTxId(),
            timestamp: toTimestamp(channelHeader.getTimestamp()),
        };
        const signatureHeader = common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8());
        const base = { txId: stage.txId, channelId: channelHeader.getChannelId(), timestamp: stage.timestamp };
        switch (channelHeader.getType()) {
            case common.HeaderType.CONFIG:
                return { kind: 'config', ...base };
            case common.HeaderType.ENDORSER_TRANSACTION:
                break;
            default:
                return malformed(
                    Code.UNKNOWN_TX_TYPE,
                    base.txId,
                    base.timestamp,
                    `unsupported header type ${channelHeader.getType()}`,
                );
        }
        stage = { ...stage, code: Code.BAD_HEADER_EXTENSION };
        const extension = peer.ChaincodeHeaderExtension.deserializeBinary(channelHeader.getExtension_asU8());
        stage = { ...stage, code: Code.INVALID_ENDORSER_TRANSACTION };
        const action = endorsedAction(payload.getData_asU8());
        if (!action) {
            return malformed(Code.NIL_TXACTION, base.txId, base.timestamp, 'transaction has no endorsed action');
        }
        stage = { ...stage, code: Code.BAD_RESPONSE_PAYLOAD };
        const responsePayload = peer.ProposalResponsePayload.deserializeBinary(
            action.getProposalResponsePayload_asU8(),
        );
        const chaincodeAction = peer.ChaincodeAction.deserializeBinary(responsePayload.getExtension_asU8());
        return {
            kind: 'endorser',
            ...base,
            creator: signatureHeader.getCreator_asU8(),
            nonce: signatureHeader.getNonce_asU8(),
            payload: payloadBytes,
            signature: envelope.getSignature_asU8(),
            chaincodeName: extension.getChaincodeId()?.getName() ?? chaincodeAction.getChaincodeId()?.getName() ?? '',
            proposalResponsePayload: action.getProposalResponsePayload_asU8(),
            endorsements: action.getEndorsementsList().map((endorsement) => ({
                endorser: endorsement.getEndorser_asU8(),
                signature: endorsement.getSignature_asU8(),
            })),
            results: chaincodeAction.getResults_asU8(),
            events: chaincodeAction.getEvents_asU8(),
        };
    } catch (error) {
        return malformed(
            stage.code,
            stage.txId,
            stage.timestamp,
            error instanceof Error ? error.message : String(error),
        );
    }
}

function endorsedAction(transactionBytes: Uint8Array): peer.ChaincodeEndorsedAction | undefined {
    const transaction = peer.Transaction.deserializeBinary(transactionBytes);
    const actions = transaction.getActionsList();
    // Fabric accepts exactly one action per endorser transaction.
    if (actions.length !== 1 || !actions[0]) {
        return undefined;
    }
    const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(actions[0].getPayload_asU8());
    return actionPayload.getAction();
}

function malformed(code: number, txId: string, timestamp: Timestamp, reason: string): MalformedTransaction {
    return { kind: 'malformed', code, txId, timestamp, reason };
}

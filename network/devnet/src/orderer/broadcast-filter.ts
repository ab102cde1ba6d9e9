// The orderer's checks on a broadcast envelope (format, channel, creator signature against the channel Writers),
// with the status and info a Fabric 2.5 orderer returns (orderer/common/broadcast, multichannel, msgprocessor).
import { common } from '@hyperledger/fabric-protos';
import type { Identity, Msp } from '../ports';
import { WIRE_FORMAT_ERROR } from '../wire-errors';
import type { BroadcastStatus } from './ordering-service';

export interface BroadcastFilterOptions<I extends Identity> {
    readonly channel: string;
    readonly msp: Msp<I>;
    /** MSP IDs whose members may write to the channel. */
    readonly writerMspIds: readonly string[];
}

/** Without a system channel, an envelope for an unknown channel is taken for a channel creation request. */
const UNKNOWN_CHANNEL = 'channel creation request not allowed because the orderer system channel is not defined';
const CONFIG_MESSAGE = 'message is of type that cannot be processed directly';
const WRITERS_NOT_SATISFIED =
    "implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Writers' sub-policies to be satisfied: permission denied";

interface DecodedEnvelope {
    readonly envelope: common.Envelope;
    readonly channelHeader: common.ChannelHeader;
    readonly signatureHeader: common.SignatureHeader;
}

export function newBroadcastFilter<I extends Identity>(
    options: Readonly<BroadcastFilterOptions<I>>,
): (envelope: Uint8Array) => BroadcastStatus | undefined {
    return (envelopeBytes) => {
        const decoded = decodeEnvelope(envelopeBytes);
        if (typeof decoded === 'string') {
            return badRequest(`could not determine channel ID: ${decoded}`);
        }
        const { envelope, channelHeader, signatureHeader } = decoded;
        if (channelHeader.getChannelId() !== options.channel) {
            return badRequest(UNKNOWN_CHANNEL);
        }
        if (channelHeader.getType() === common.HeaderType.CONFIG) {
            return badRequest(CONFIG_MESSAGE);
        }
        if (channelHeader.getType() !== common.HeaderType.ENDORSER_TRANSACTION) {
            // Fabric would order it and let the peers mark it invalid; the devnet has no use for other types.
            return badRequest(`unsupported header type ${String(channelHeader.getType())}`);
        }
        const forbidden: BroadcastStatus = { status: common.Status.FORBIDDEN, info: WRITERS_NOT_SATISFIED };
        try {
            const creator = options.msp.deserialize(signatureHeader.getCreator_asU8());
            const signed = options.msp.verifySignature(
                creator,
                envelope.getPayload_asU8(),
                envelope.getSignature_asU8(),
            );
            return signed && options.writerMspIds.includes(creator.mspId) ? undefined : forbidden;
        } catch {
            return forbidden;
        }
    };
}

/** The envelope and its headers, or why they cannot be read, in protoutil.ChannelHeader's words. */
function decodeEnvelope(envelopeBytes: Uint8Array): DecodedEnvelope | string {
    let envelope: common.Envelope;
    let payload: common.Payload;
    try {
        envelope = common.Envelope.deserializeBinary(envelopeBytes);
        payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
    } catch {
        return `error unmarshalling Payload: ${WIRE_FORMAT_ERROR}`;
    }
    const header = payload.getHeader();
    if (!header) {
        return 'header not set';
    }
    if (header.getChannelHeader_asU8().length === 0) {
        return 'channel header not set';
    }
    try {
        return {
            envelope,
            channelHeader: common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8()),
            signatureHeader: common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8()),
        };
    } catch {
        return `error unmarshalling channel header: error unmarshalling ChannelHeader: ${WIRE_FORMAT_ERROR}`;
    }
}

function badRequest(info: string): BroadcastStatus {
    return { status: common.Status.BAD_REQUEST, info };
}

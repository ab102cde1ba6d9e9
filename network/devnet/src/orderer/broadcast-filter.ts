// The orderer's checks on a broadcast envelope (format, channel, creator signature against the channel Writers),
// with the status and info a Fabric orderer returns.
import { common } from '@hyperledger/fabric-protos';
import type { Identity, Msp } from '../committer/ports';
import type { BroadcastStatus } from './ordering-service';

export interface BroadcastFilterOptions<I extends Identity> {
    readonly channel: string;
    readonly msp: Msp<I>;
    /** MSP IDs whose members may write to the channel. */
    readonly writerMspIds: readonly string[];
}

export function newBroadcastFilter<I extends Identity>(
    options: Readonly<BroadcastFilterOptions<I>>,
): (envelope: Uint8Array) => BroadcastStatus | undefined {
    return (envelopeBytes) => {
        let envelope: common.Envelope;
        let channelHeader: common.ChannelHeader;
        let signatureHeader: common.SignatureHeader;
        try {
            envelope = common.Envelope.deserializeBinary(envelopeBytes);
            const header = common.Payload.deserializeBinary(envelope.getPayload_asU8()).getHeader();
            if (!header) {
                return badRequest('bad payload header: missing header');
            }
            channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
            signatureHeader = common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8());
        } catch (error) {
            return badRequest(`bad payload: ${error instanceof Error ? error.message : String(error)}`);
        }
        if (channelHeader.getChannelId() !== options.channel) {
            return { status: common.Status.NOT_FOUND, info: `channel ${channelHeader.getChannelId()} not found` };
        }
        if (channelHeader.getType() !== common.HeaderType.ENDORSER_TRANSACTION) {
            return badRequest(`unsupported header type ${channelHeader.getType()}`);
        }
        const forbidden: BroadcastStatus = {
            status: common.Status.FORBIDDEN,
            info: "implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Writers' sub-policies to be satisfied",
        };
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

function badRequest(info: string): BroadcastStatus {
    return { status: common.Status.BAD_REQUEST, info };
}

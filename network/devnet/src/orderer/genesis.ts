// The channel's genesis block content: a CONFIG transaction, so that application transactions start at block 1
// as on a real channel. The devnet does not interpret channel configuration; the config itself is left empty.
import { common } from '@hyperledger/fabric-protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';

export function genesisEnvelope(channel: string, now: Date = new Date()): Uint8Array {
    const channelHeader = new common.ChannelHeader();
    channelHeader.setType(common.HeaderType.CONFIG);
    channelHeader.setChannelId(channel);
    channelHeader.setTimestamp(Timestamp.fromDate(now));

    const header = new common.Header();
    header.setChannelHeader(channelHeader.serializeBinary());
    header.setSignatureHeader(new common.SignatureHeader().serializeBinary());

    const config = new common.Config();
    config.setSequence(0);
    config.setChannelGroup(new common.ConfigGroup());
    const configEnvelope = new common.ConfigEnvelope();
    configEnvelope.setConfig(config);

    const payload = new common.Payload();
    payload.setHeader(header);
    payload.setData(configEnvelope.serializeBinary());

    const envelope = new common.Envelope();
    envelope.setPayload(payload.serializeBinary());
    return envelope.serializeBinary();
}

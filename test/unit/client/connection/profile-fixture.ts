// A connection profile for unit tests that never reach a peer: the paths are read through a ChannelFactory double.
import type { ConnectionProfile } from '../../../../client/src/connection/profile';

export const healthcoProfile: ConnectionProfile = {
    name: 'healthco',
    mspId: 'HealthcoMSP',
    channel: 'association',
    chaincode: 'bia',
    peerEndpoint: '127.0.0.1:7051',
    peerHostAlias: 'peer0.healthco',
    tlsCACert: '/ca.pem',
    identities: { User1: { certificate: '/cert.pem', privateKey: '/key.pem' } },
    defaultIdentity: 'User1',
};

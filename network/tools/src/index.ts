// Public API of the network configuration tool (used by the scripts' CLI and by the tests).
export { runCli } from './cli';
export { channelProfile, configtx, selectedOrderers, type OrderingOptions } from './configtx';
export {
    ccaasConnection,
    ccaasMetadata,
    ccaasServerTlsConnection,
    packageLabel,
    type CcaasConnection,
    type CcaasMetadata,
} from './ccaas';
export {
    composeEnvFile,
    composeEnvPath,
    composeProjectEnvironment,
    composeProjectName,
    type ComposeProjectOptions,
} from './compose';
export { caHome, caLines, caName, caOrganizations, nodeOusConfig, type CaOrganization } from './fabric-ca';
export { patchCoreYaml, type CoreYamlOptions } from './core-yaml';
export { connectionProfile, identityFiles, type ConnectionProfile, type IdentityFiles } from './connection-profile';
export { cryptoConfig, localSans, type CryptoConfig } from './crypto-config';
export {
    Placement,
    chaincodeServerHost,
    initialPlacement,
    parseInventory,
    parsePlacement,
    readInventory,
    readPlacement,
    withPlacedOrganization,
    type HostAssignment,
    type Inventory,
} from './hosts';
export { Layout, identityNames, ordererHost, peerHost, peerHostOf, peerNodeName, peerNodeNameOf } from './layout';
export { environmentFile, ordererEnvironment, peerEnvironment, type Environment, type PeerOptions } from './node-env';
export { ordererLines, peerAdminEnvironment, peerLines, renderNetwork, type RenderOptions } from './render';
export {
    allPorts,
    loadTopology,
    parseTopology,
    type CaServer,
    type OrdererSpec,
    type PeerSpec,
    type OrganizationSpec,
    type Topology,
} from '@bia/devnet/topology';

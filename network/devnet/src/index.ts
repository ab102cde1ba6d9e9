// Public API of @bia/devnet: start a devnet; the topology it runs; the connection file format it writes.
export { startDevnet, type Devnet, type DevnetChaincode, type DevnetOptions } from './devnet';
export {
    allPorts,
    defaultTopologyPath,
    loadTopology,
    parseTopology,
    type CaServer,
    type OrdererSpec,
    type OrganizationSpec,
    type PeerSpec,
    type Topology,
} from './topology';
export { type ConnectionFile, type ConnectionIdentity } from './crypto';
export { type BatchSettings } from './orderer';
export { type StateDatabase } from './ledger';

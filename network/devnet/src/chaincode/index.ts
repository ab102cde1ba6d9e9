// Public API of the devnet's chaincode runtime.
export type { ChaincodeEventRecord, ChaincodeRuntime, ExecuteRequest, ExecuteResult } from './runtime';
export { type ChaincodeRuntimeOptions, type DevnetChaincodeRuntime, createChaincodeRuntime } from './devnet-runtime';
export type { ChaincodeDefinition } from './chaincode-registry';
export type { ChaincodeServerEndpoint, ChaincodeServerTlsOptions } from './ccaas-connector';
export type { ServerTlsOptions } from './support-server';
export { ChaincodeExecutionError } from './errors';
export { QUERY_BATCH_SIZE, DEFAULT_TOTAL_QUERY_LIMIT } from './query-registry';
export {
    type LaunchOptions,
    type LaunchedChaincode,
    type ServerLaunchOptions,
    launchChaincode,
    launchChaincodeServer,
} from './launcher';
export {
    type PeerChaincodeProcess,
    type PeerChaincodeSpec,
    type PeerChaincodes,
    type PeerChaincodesOptions,
    type PeerOrganization,
    startPeerChaincodes,
} from './peer-chaincodes';

export { Endorser, type ChaincodeDefinition, type EndorserOptions, type ProposalOutcome } from './endorser';
export { GatewayService, type CancelSignal, type GatewayServiceOptions } from './gateway-service';
export { startPeerServer, type PeerServer, type PeerServerOptions } from './server';
export { RpcError, type EndpointError } from './rpc-error';
export { planEndorsingOrgs, type PlanInput } from './endorsement-plan';
export { blockChaincodeEvents, chaincodeEventMatcher, type BlockChaincodeEvents } from './chaincode-events';
export type { EndorsementSimulation, EndorserLedger, PeerSigner, SimulationContext, SimulationPurpose } from './ports';
export { DeliverService, type DeliverKind, type DeliverOptions } from './deliver';

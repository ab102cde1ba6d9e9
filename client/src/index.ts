// @bia/client: the association's typed client library. Interfaces are exported as types, built by `connect`;
// error classes are exported as values so applications can test them with instanceof.
export { connect, defaultDeadlines } from './connection/connect';
export type { AssociationClient, BlockStream, ConnectOptions, Deadlines, InlineIdentity } from './connection/connect';
export type { BlockSummary, TransactionSummary } from './ledger/block-summary';
export { readConnectionProfile, ConnectionProfileError } from './connection/profile';
export type { ConnectionProfile, IdentityFiles, PeerGateway } from './connection/profile';
export { GrpcClientPool } from './connection/grpc-pool';
export type { ChannelFactory, EndpointTls } from './connection/grpc-pool';
export { openPeerClient } from './connection/peer-client';
export type { PeerClientOptions } from './connection/peer-client';
export { FailoverClient } from './connection/failover-client';
export type { FailoverNotice, PeerRoute } from './connection/failover-client';
export type { MembershipClient, WhoAmI } from './contracts/membership';
export type { ScenariosClient, MilestoneInput } from './contracts/scenarios';
export type { DealsClient, StoredTerms } from './contracts/deals';
export type { ShipmentsClient } from './contracts/shipments';
export type { AssociationEvent, EventHandler, EventSubscription, ListenOptions } from './events/events';
export type { RetryOptions } from './transactions/retry';
export type { RetryNotice, RetryReason } from './transactions/invoker';
export {
    BiaError,
    ChaincodeError,
    CommitError,
    CommitStatusError,
    ConflictError,
    EndorseError,
    EventListenerError,
    GatewayError,
    InvalidStateError,
    NotFoundError,
    SubmitError,
    UnauthorizedError,
    ValidationError,
    validationCodes,
} from './errors';
export type {
    BiaErrorProperties,
    ChaincodeErrorProperties,
    CommitErrorProperties,
    ErrorDetail,
    EventFailure,
    EventListenerErrorProperties,
    GatewayErrorProperties,
    Stage,
    TransactionGatewayErrorProperties,
} from './errors';
export type * from '@bia/model';

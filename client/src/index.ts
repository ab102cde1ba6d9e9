// @bia/client: the association's typed client library. Interfaces are exported as types, built by `connect`;
// error classes are exported as values so applications can test them with instanceof.
export { connect, defaultDeadlines } from './connection/connect';
export type { AssociationClient, ConnectOptions, Deadlines, InlineIdentity } from './connection/connect';
export { readConnectionProfile, ConnectionProfileError } from './connection/profile';
export type { ConnectionProfile, IdentityFiles } from './connection/profile';
export { GrpcClientPool } from './connection/grpc-pool';
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
    InvalidStateError,
    NotFoundError,
    SubmitError,
    UnauthorizedError,
    UnavailableError,
    ValidationError,
    validationCodes,
} from './errors';
export type { BiaErrorProperties, ChaincodeErrorProperties, CommitErrorProperties, PeerDetail, Stage } from './errors';
export type * from '@bia/model';

// @bia/model: the one definition of every record, request, event and error format, shared by chaincode and client.
export { canonicalJson } from './canonical-json';
export type { ConnectionProfile, IdentityFiles, PeerGateway } from './connection';
export type { CalendarDate, Evidence, Instant, Page, Stamp, StatusTransition } from './common';
export { maxPageSize } from './common';
export type { NumberBounds } from './bounds';
export { numberBounds } from './bounds';
export type { CertificateIdentity, NodeRole } from './identity';
export { certificateIdentity, identityIdOf, isIdentityId, nodeRoles } from './identity';
export type { ChaincodeErrorPayload, ErrorCode, ErrorDetails } from './errors';
export { decodeChaincodeError, encodeChaincodeError, errorCodes, errorMarker, isErrorCode } from './errors';
export type {
    BootstrapRequest,
    Charter,
    CharterTerms,
    Contact,
    FoundingMember,
    IdentityBinding,
    IdentityInfo,
    Member,
    MemberHistoryEntry,
    MemberKind,
    MemberProfile,
    MemberQuery,
    MemberStatus,
    MembershipApplication,
} from './membership';
export { memberKinds, memberStatuses } from './membership';
export type { Motion, MotionKind, MotionRequest, MotionStatus, Tally, Vote, VoteChoice } from './governance';
export { motionKinds, motionStatuses, voteChoices } from './governance';
export type {
    Evaluation,
    EvaluationAcknowledgement,
    EvaluationReport,
    Kpi,
    Milestone,
    ParticipationAction,
    ParticipationRequest,
    Scenario,
    ScenarioDossier,
    ScenarioProposal,
    ScenarioQuery,
    ScenarioStatus,
} from './scenarios';
export { participationActions, scenarioStatuses } from './scenarios';
export type {
    Deal,
    DealDraft,
    DealKind,
    DealParty,
    DealQuery,
    DealSignature,
    DealStatus,
    DealTerms,
    DealTermsCopy,
    TermsCheck,
} from './deals';
export { dealKinds, dealStatuses, termsCollectionName } from './deals';
export type {
    Checkpoint,
    CheckpointReading,
    ContentCategory,
    DeliveryOutcome,
    Handover,
    Provenance,
    RequiredConditions,
    Shipment,
    ShipmentContents,
    ShipmentQuery,
    ShipmentRequest,
    ShipmentStatus,
} from './shipments';
export { contentCategories, shipmentStatuses } from './shipments';
export type {
    CustodyHandedOverEvent,
    DealStatusChangedEvent,
    EventName,
    EventPayloads,
    ExcursionRecordedEvent,
    MemberStatusChangedEvent,
    MotionClosedEvent,
    MotionOpenedEvent,
    ScenarioStatusChangedEvent,
    ShipmentClosedEvent,
    VoteCastEvent,
} from './events';
export { eventNames, isEventName } from './events';

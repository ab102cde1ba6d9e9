// The seams shared by the devnet's committer, gateway and orderer (interfaces only): each of those folders depends on
// this module and on the layers below it (ledger, policy, crypto), never on each other's seams.
export type { Identity, Msp, PolicyCheck } from './identity';
export type { ChannelPolicies, CollectionInfo } from './policies';
export type {
    BlockLedger,
    CollectionPrivateData,
    CommitLedger,
    CommittedTransaction,
    EndorsementSimulation,
    EndorserLedger,
    PrivateDataLedger,
    SimulationContext,
    SimulationPurpose,
    Timestamp,
    TxStatus,
    WrittenKey,
} from './ledger';
export type { BlockEvents, BlockListener, CommittedBlock } from './block-events';

// The committer's seams live in ../ports, shared with the gateway and the orderer; re-exported here for the
// committer's own modules.
export type {
    BlockLedger,
    ChannelPolicies,
    CollectionInfo,
    CommitLedger,
    CommittedTransaction,
    Identity,
    Msp,
    PolicyCheck,
    Timestamp,
    TxStatus,
    WrittenKey,
} from '../ports';

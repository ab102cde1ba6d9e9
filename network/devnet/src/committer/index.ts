export { BlockCommitter, type BlockCommitterOptions } from './block-committer';
export { CommitNotifier, type BlockListener, type CommittedBlock } from './commit-notifier';
export { checkLedger, LedgerIntegrityError, type LedgerCheck } from './ledger-check';
export { EndorsementValidator, type EndorsementValidatorOptions } from './endorsement-validator';
export {
    overlayKey,
    requiredPolicies,
    type RequiredPoliciesInput,
    type ValidationParameterOverlay,
} from './required-policies';
export { summarizeResults, type NamespaceSummary } from './rwset';
export { computeTxId, parseTransaction, type ParsedTransaction, type EndorserTransaction } from './transaction';
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

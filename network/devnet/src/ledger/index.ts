// Public API of the devnet's ledger: the on-disk store, transaction simulation, read-set validation and commit.
export { LedgerStore, type StateCursor, type StateEntry } from './store';
export type { HistoryEntry, Timestamp, TxRecord, VersionedValue } from './store-records';
export type { Version } from './version';
export { implicitCollection, type CollectionDefinition } from './collections';
export { newSimulation, type SimulationContext, type TxSimulation } from './simulator';
export type { SimulationResults } from './rwset-builder';
export {
    decodeTxRwSet,
    type PrivateCollectionWrites,
    type PrivateWriteSet,
    type NsRwSet,
    type TxRwSet,
    type RangeQueryInfo,
    type KeyWrite,
    type MetadataWrite,
    type CollectionHashedRwSet,
} from './rwset';
export { validateReadSets, type TxToValidate } from './validator';
export { commitBlock, type BlockToCommit, type TxToCommit } from './committer';
export { VALIDATION_PARAMETER, writtenKeysWithValidationParameters, type WrittenKey } from './endorsement-keys';
export {
    SimulationError,
    type Collection,
    type KeyModification,
    type KeyValue,
    type PageMetadata,
    type PageRequest,
    type QueryIterator,
    type Simulation,
} from './simulation';

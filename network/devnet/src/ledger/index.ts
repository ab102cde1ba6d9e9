// Public API of the devnet's ledger: the on-disk store, transaction simulation, read-set validation and commit.
export { LedgerStore, type StateCursor, type StateEntry } from './store';
export type { HistoryEntry, StoredWriteSet, Timestamp, TxRecord, VersionedValue } from './store-records';
export type { Version } from './version';
export { implicitCollection, type CollectionDefinition } from './collections';
export {
    DEFAULT_STATE_DATABASE,
    newSimulation,
    type SimulationContext,
    type StateDatabase,
    type TxSimulation,
} from './simulator';
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
export { expiringBlock, type BlockToLive } from './expiry';
export { blockPrivateData } from './private-data';
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

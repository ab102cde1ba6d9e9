// The devnet in memory, for chaincode unit tests: one channel's ledger, policies and chaincode protocol handling
// without network, processes or disk. Not part of @bia/devnet's main entry point.
export {
    InMemoryChannel,
    type AttachedChaincode,
    type InMemoryChannelOptions,
    type ObserveMessage,
    type ProposalToSimulate,
    type SimulatedTransaction,
    type TransactionToCommit,
} from './in-memory-channel';
export type { ChaincodeEnd, SerializableMessage } from './message-pipe';
export type { HistoryEntry, VersionedValue } from '../ledger/store-records';
export { decodePrivateRwSet, decodeTxRwSet, type NsRwSet, type PrivateWriteSet, type TxRwSet } from '../ledger/rwset';
export { keyHash } from '../ledger/bytes';
export type { StateDatabase } from '../ledger';

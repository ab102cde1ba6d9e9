export {
    blockDataHash,
    blockHeaderBytes,
    blockHeaderHash,
    headerFields,
    newBlock,
    type BlockHeaderFields,
} from './block';
export { BlockCutter, type BatchSettings, type BatchSink } from './block-cutter';
export { OrderingService, type BroadcastStatus, type OrderingServiceOptions } from './ordering-service';
export { newBroadcastFilter, type BroadcastFilterOptions } from './broadcast-filter';
export { genesisEnvelope } from './genesis';

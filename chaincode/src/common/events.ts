// Emits the transaction's one chaincode event (Fabric keeps only the last one set).
import type { Context } from 'fabric-contract-api';
import type { EventName, EventPayloads } from '@bia/model';
import { toBytes } from './canonical-json';

export function emitEvent<N extends EventName>(ctx: Context, name: N, payload: EventPayloads[N]): void {
    ctx.stub.setEvent(name, toBytes(payload));
}

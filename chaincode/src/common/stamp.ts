// Who did something and when, for every recorded transition.
import type { Context } from 'fabric-contract-api';
import type { Stamp } from '@bia/model';
import { txInstant } from './time';

export function stamp(ctx: Context, byMemberId: string): Stamp {
    return { at: txInstant(ctx), byMemberId, byMspId: ctx.clientIdentity.getMSPID(), txId: ctx.stub.getTxID() };
}

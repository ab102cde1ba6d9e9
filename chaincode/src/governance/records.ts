// Storage of motions and votes: one key per vote, so concurrent voters never touch the same key.
import type { Context } from 'fabric-contract-api';
import type { Motion, Vote } from '@bia/model';
import { getRecord, listRecords, writeRecord } from '../common/state';

export const motionRecord = 'motion';
export const voteRecord = 'vote';

export function getMotion(ctx: Context, motionId: string): Promise<Motion> {
    return getRecord<Motion>(ctx, motionRecord, [motionId]);
}

export function saveMotion(ctx: Context, motion: Motion): Promise<void> {
    return writeRecord(ctx, motionRecord, [motion.motionId], motion);
}

/** All votes on a motion: a partial composite key read, so a vote racing a close fails phantom-read validation. */
export function listVotes(ctx: Context, motionId: string): Promise<Vote[]> {
    return listRecords<Vote>(ctx, voteRecord, [motionId]);
}

export function saveVote(ctx: Context, vote: Vote): Promise<void> {
    return writeRecord(ctx, voteRecord, [vote.motionId, vote.memberId], vote);
}

// Membership queries: listings by status, kind and sector; a member's history; who the caller is.
import type { Context } from 'fabric-contract-api';
import type { IdentityInfo, Member, MemberHistoryEntry, MemberQuery, Page } from '@bia/model';
import { caller } from '../common/identity';
import { planQuery } from '../common/indexes';
import { type PageRequest, readPage } from '../common/paging';
import { withoutDocType } from '../common/state';
import { getMember, memberIndexes, memberKey, readBinding, readMember, sectorKey } from './records';

export type MemberPageRequest = Omit<MemberQuery, 'pageSize' | 'bookmark'> & PageRequest;

/**
 * Members by status, kind and sector (sectors are stored in lower case), in any combination: each combination
 * reads the composite-key index whose leading fields it fixes, so it runs on LevelDB and CouchDB alike.
 */
export function queryMembers(ctx: Context, query: MemberPageRequest): Promise<Page<Member>> {
    const { status, kind, sector } = query;
    const plan = planQuery(memberIndexes, { status, kind, sector });
    const matches = (member: Member): boolean =>
        (status === undefined || member.status === status) &&
        (kind === undefined || member.kind === kind) &&
        (sector === undefined || member.sectors.some((each) => sectorKey(each) === sector));
    return readPage(ctx, plan, query, 'query.bookmark', (memberId) => readMember(ctx, memberId), matches);
}

/** Every committed version of a member record, as the peer's history database returns them. */
export async function memberHistory(ctx: Context, memberId: string): Promise<MemberHistoryEntry[]> {
    await getMember(ctx, memberId);
    const iterator = await ctx.stub.getHistoryForKey(memberKey(ctx, memberId));
    const entries: MemberHistoryEntry[] = [];
    try {
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
            const modification = next.value;
            entries.push({
                txId: modification.txId,
                at: timestampInstant(modification.timestamp),
                deleted: modification.isDelete,
                member: modification.isDelete ? null : withoutDocType<Member>(modification.value),
            });
        }
    } finally {
        await iterator.close();
    }
    return entries;
}

/** The shim gives the seconds as a number (typed as Long). */
function timestampInstant(timestamp: { seconds: unknown; nanos: number }): string {
    const seconds = Number(timestamp.seconds);
    return new Date(seconds * 1000 + Math.floor(timestamp.nanos / 1_000_000)).toISOString();
}

export async function whoAmI(ctx: Context): Promise<IdentityInfo> {
    const who = caller(ctx);
    const binding = await readBinding(ctx, who.identityKey);
    return {
        identityId: who.identityId,
        mspId: who.mspId,
        ...(binding === undefined ? {} : { memberId: binding.memberId }),
    };
}

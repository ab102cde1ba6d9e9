// Membership queries: listings by status, kind and sector; a member's history; who the caller is.
import type { Context } from 'fabric-contract-api';
import type { IdentityInfo, Member, MemberHistoryEntry, MemberQuery, Page } from '@bia/model';
import { caller } from '../common/identity';
import { checkPageSize, pageByIndex, withoutDocType } from '../common/state';
import { type CouchIndex, pageByRichQuery } from '../common/rich-query';
import {
    getMember,
    memberByKind,
    memberBySector,
    memberByStatus,
    memberKey,
    memberRecord,
    readBinding,
    readMember,
} from './records';

/** CouchDB indexes of the combined-filter listings (chaincode/META-INF/statedb/couchdb/indexes/). */
export const memberIndexes = {
    statusKind: { ddoc: 'indexMemberStatusKindDoc', name: 'indexMemberStatusKind' },
    status: { ddoc: 'indexMemberStatusDoc', name: 'indexMemberStatus' },
    kind: { ddoc: 'indexMemberKindDoc', name: 'indexMemberKind' },
} as const satisfies Record<string, CouchIndex>;

/**
 * Members by status, kind or sector (sectors are stored in lower case). One filter or none reads a composite-key
 * index (LevelDB or CouchDB); two or more make a CouchDB rich query.
 */
export function queryMembers(ctx: Context, query: MemberQuery): Promise<Page<Member>> {
    const pageSize = checkPageSize(query.pageSize, 'query.pageSize');
    const bookmark = query.bookmark ?? '';
    const { status, kind, sector } = query;
    const filters = [status, kind, sector].filter((filter) => filter !== undefined).length;
    if (filters >= 2) {
        const selector = {
            docType: memberRecord,
            ...(status === undefined ? {} : { status }),
            ...(kind === undefined ? {} : { kind }),
            ...(sector === undefined ? {} : { sectors: { $elemMatch: { $eq: sector } } }),
        };
        const index =
            status !== undefined && kind !== undefined
                ? memberIndexes.statusKind
                : status !== undefined
                  ? memberIndexes.status
                  : memberIndexes.kind;
        return pageByRichQuery<Member>(ctx, selector, index, pageSize, bookmark);
    }
    const byMemberIdAt = (position: number) => (key: string[]) => readMember(ctx, key[position] ?? '');
    if (status !== undefined) {
        return pageByIndex(ctx, memberByStatus, [status], pageSize, bookmark, byMemberIdAt(1));
    }
    if (kind !== undefined) {
        return pageByIndex(ctx, memberByKind, [kind], pageSize, bookmark, byMemberIdAt(1));
    }
    if (sector !== undefined) {
        return pageByIndex(ctx, memberBySector, [sector], pageSize, bookmark, byMemberIdAt(1));
    }
    return pageByIndex(ctx, memberRecord, [], pageSize, bookmark, byMemberIdAt(0));
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

// Storage of members, the charter and identity bindings, with the indexes that list members.
import type { Context } from 'fabric-contract-api';
import type { Charter, IdentityBinding, Member } from '@bia/model';
import { unauthorizedError } from '../common/errors';
import { type IndexedRecords, updateIndexEntries } from '../common/indexes';
import { getRecord, readRecord, recordKey, writeRecord } from '../common/state';

export const memberRecord = 'member';
export const charterRecord = 'charter';
export const bindingRecord = 'binding';

/**
 * The listings of members (status, kind and sector in every combination; a member has several sectors, so the
 * sector leads the indexes it is in). Status is in one index of each pair, so a status change moves few entries.
 */
export const memberIndexes: IndexedRecords<Member, MemberFilter> = {
    recordType: memberRecord,
    indexes: [
        { name: 'member-kind', fields: ['kind'] },
        { name: 'member-status-kind', fields: ['status', 'kind'] },
        { name: 'member-sector-kind', fields: ['sector', 'kind'] },
        { name: 'member-sector-status-kind', fields: ['sector', 'status', 'kind'] },
    ],
    // The first chaincode version listed members by status alone and by sector alone.
    retired: [
        { name: 'member-status', fields: ['status'] },
        { name: 'member-sector', fields: ['sector'] },
    ],
    id: (member) => member.memberId,
    fieldValues: (member) => ({ status: [member.status], kind: [member.kind], sector: member.sectors.map(sectorKey) }),
};

export type MemberFilter = 'status' | 'kind' | 'sector';

/** Sector names are free text; the index uses a normalised form so "Healthcare" and "healthcare" list together. */
export function sectorKey(sector: string): string {
    return sector.trim().toLowerCase();
}

export function readMember(ctx: Context, memberId: string): Promise<Member | undefined> {
    return readRecord<Member>(ctx, memberRecord, [memberId]);
}

export function getMember(ctx: Context, memberId: string): Promise<Member> {
    return getRecord<Member>(ctx, memberRecord, [memberId]);
}

/** Writes a member and keeps its index entries in step with its status, kind and sectors. */
export async function saveMember(ctx: Context, before: Member | undefined, after: Member): Promise<void> {
    await writeRecord(ctx, memberRecord, [after.memberId], after);
    await updateIndexEntries(ctx, memberIndexes, before, after);
}

export function readCharter(ctx: Context): Promise<Charter | undefined> {
    return readRecord<Charter>(ctx, charterRecord, []);
}

export async function getCharter(ctx: Context): Promise<Charter> {
    const charter = await readCharter(ctx);
    if (charter === undefined) {
        throw unauthorizedError('the association has not been bootstrapped: the secretariat records the charter first');
    }
    return charter;
}

export function readBinding(ctx: Context, identityKey: string): Promise<IdentityBinding | undefined> {
    return readRecord<IdentityBinding>(ctx, bindingRecord, [identityKey]);
}

export function saveBinding(ctx: Context, identityKey: string, binding: IdentityBinding): Promise<void> {
    return writeRecord(ctx, bindingRecord, [identityKey], binding);
}

export function deleteBinding(ctx: Context, identityKey: string): Promise<void> {
    return ctx.stub.deleteState(recordKey(ctx, bindingRecord, [identityKey]));
}

export function saveCharter(ctx: Context, charter: Charter): Promise<void> {
    return writeRecord(ctx, charterRecord, [], charter);
}

/** The member record's ledger key (for its history). */
export function memberKey(ctx: Context, memberId: string): string {
    return recordKey(ctx, memberRecord, [memberId]);
}

// Storage of members, the charter and identity bindings, with the indexes that list members.
import type { Context } from 'fabric-contract-api';
import type { Charter, IdentityBinding, Member } from '@bia/model';
import { unauthorizedError } from '../common/errors';
import { getRecord, moveIndex, putIndex, readRecord, recordKey, writeRecord } from '../common/state';

export const memberRecord = 'member';
export const charterRecord = 'charter';
export const bindingRecord = 'binding';
export const memberByStatus = 'member-status';
export const memberByKind = 'member-kind';
export const memberBySector = 'member-sector';

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
    if (before === undefined) {
        await putIndex(ctx, memberByStatus, [after.status, after.memberId]);
        await putIndex(ctx, memberByKind, [after.kind, after.memberId]);
        for (const sector of new Set(after.sectors.map(sectorKey))) {
            await putIndex(ctx, memberBySector, [sector, after.memberId]);
        }
        return;
    }
    await moveIndex(ctx, memberByStatus, [before.status, before.memberId], [after.status, after.memberId]);
    await moveIndex(ctx, memberByKind, [before.kind, before.memberId], [after.kind, after.memberId]);
    const oldSectors = new Set(before.sectors.map(sectorKey));
    const newSectors = new Set(after.sectors.map(sectorKey));
    for (const sector of [...oldSectors].filter((s) => !newSectors.has(s)).sort()) {
        await ctx.stub.deleteState(ctx.stub.createCompositeKey(memberBySector, [sector, after.memberId]));
    }
    for (const sector of [...newSectors].filter((s) => !oldSectors.has(s)).sort()) {
        await putIndex(ctx, memberBySector, [sector, after.memberId]);
    }
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

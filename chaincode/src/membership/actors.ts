// Who acts for a member: an identity of the member's hosting MSP, bound to the member by that MSP's admin.
import type { Context } from 'fabric-contract-api';
import type { Charter, Member } from '@bia/model';
import { type Caller, caller } from '../common/identity';
import { unauthorizedError } from '../common/errors';
import { getCharter, readBinding, readMember } from './records';

export interface Actor {
    readonly caller: Caller;
    readonly member: Member;
}

/** The member the calling identity acts for; any status. */
export async function actingMember(ctx: Context): Promise<Actor> {
    const who = caller(ctx);
    const binding = await readBinding(ctx, who.identityKey);
    if (binding === undefined) {
        throw unauthorizedError(
            'the calling identity is not bound to a member: an admin of its MSP binds it with membership:BindIdentity',
            { mspId: who.mspId },
        );
    }
    const member = await readMember(ctx, binding.memberId);
    if (member === undefined || member.hostMspId !== who.mspId) {
        throw unauthorizedError("the calling identity is not issued by its member's hosting MSP", {
            mspId: who.mspId,
            memberId: binding.memberId,
        });
    }
    return { caller: who, member };
}

/** The active member the calling identity acts for. */
export async function activeMember(ctx: Context): Promise<Actor> {
    const actor = await actingMember(ctx);
    if (actor.member.status !== 'active') {
        throw unauthorizedError(
            `member ${actor.member.memberId} must be active to do this (it is ${actor.member.status})`,
            {
                memberId: actor.member.memberId,
                status: actor.member.status,
            },
        );
    }
    return actor;
}

/** The active council member the calling identity acts for, with the charter. */
export async function councilMember(ctx: Context): Promise<Actor & { charter: Charter }> {
    const actor = await activeMember(ctx);
    const charter = await getCharter(ctx);
    if (!charter.council.includes(actor.member.memberId)) {
        throw unauthorizedError(`member ${actor.member.memberId} does not sit on the council`, {
            memberId: actor.member.memberId,
        });
    }
    return { ...actor, charter };
}

/** Requires an admin identity (NodeOU admin) of its own MSP: it binds and unbinds that MSP's identities. */
export function requireAdmin(ctx: Context): Caller {
    const who = caller(ctx);
    if (!who.isAdmin) {
        throw unauthorizedError(`only an admin identity of ${who.mspId} may do this`, {
            mspId: who.mspId,
            role: who.role ?? 'none',
        });
    }
    return who;
}

/** Requires an admin identity of the given MSP. */
export function requireMspAdmin(ctx: Context, mspId: string): Caller {
    const who = caller(ctx);
    if (who.mspId !== mspId || !who.isAdmin) {
        throw unauthorizedError(`only an admin identity of ${mspId} may do this`, { mspId: who.mspId });
    }
    return who;
}

/**
 * The ID of the member the calling identity acts for, from its binding alone: the binding's key is derived from the
 * identity's own MSP, and a member's hosting MSP never changes, so no read of the member record is needed. For hot
 * paths (sensor checkpoints) whose rules check the member's role on the record they act on, not its status.
 */
export async function actingMemberId(ctx: Context): Promise<string> {
    const memberId = await boundMemberId(ctx);
    if (memberId === undefined) {
        throw unauthorizedError(
            'the calling identity is not bound to a member: an admin of its MSP binds it with membership:BindIdentity',
            { mspId: caller(ctx).mspId },
        );
    }
    return memberId;
}

/** The ID stamped on what a caller not bound to a member does (closing a motion, an admin's act). */
export function mspStampId(mspId: string): string {
    return `msp:${mspId}`;
}

/** The member the calling identity is bound to, if any, without requiring anything of it. */
export async function boundMemberId(ctx: Context): Promise<string | undefined> {
    const binding = await readBinding(ctx, caller(ctx).identityKey);
    return binding?.memberId;
}

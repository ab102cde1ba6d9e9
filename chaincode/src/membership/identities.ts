// Identity bindings: an admin of a member's hosting MSP says which of its identities act for the member.
import type { Context } from 'fabric-contract-api';
import type { IdentityBinding, MemberStatus } from '@bia/model';
import { conflictError, invalidStateError, notFoundError, unauthorizedError } from '../common/errors';
import { type Caller, identityKey } from '../common/identity';
import { txInstant } from '../common/time';
import { bindingRecord, deleteBinding, getMember, readBinding, saveBinding } from './records';

/** Members that have left (or never joined) get no new identities. */
const closedStatuses: readonly MemberStatus[] = ['rejected', 'withdrawn', 'expelled'];

/** Binds an identity of the admin's MSP to a member it hosts; binding it again to the same member changes nothing. */
export async function bindIdentity(
    ctx: Context,
    admin: Caller,
    memberId: string,
    identityId: string,
): Promise<IdentityBinding> {
    const member = await getMember(ctx, memberId);
    if (member.hostMspId !== admin.mspId) {
        throw unauthorizedError(
            `member ${memberId} is hosted by ${member.hostMspId}: only its admins bind identities`,
            {
                memberId,
                mspId: admin.mspId,
            },
        );
    }
    if (closedStatuses.includes(member.status)) {
        throw invalidStateError(`member ${memberId} is ${member.status}`, { memberId, status: member.status });
    }
    const key = identityKey(admin.mspId, identityId);
    const existing = await readBinding(ctx, key);
    if (existing !== undefined) {
        if (existing.memberId === memberId) {
            return existing;
        }
        throw conflictError(bindingRecord, `of ${identityId} to member ${existing.memberId}`);
    }
    const binding: IdentityBinding = {
        identityId,
        mspId: admin.mspId,
        memberId,
        boundAt: txInstant(ctx),
        boundBy: admin.identityId,
    };
    await saveBinding(ctx, key, binding);
    return binding;
}

/** Removes the binding of an identity of the admin's MSP; returns what was removed. */
export async function unbindIdentity(ctx: Context, admin: Caller, identityId: string): Promise<IdentityBinding> {
    const key = identityKey(admin.mspId, identityId);
    const binding = await readBinding(ctx, key);
    if (binding === undefined) {
        throw notFoundError(bindingRecord, identityId);
    }
    await deleteBinding(ctx, key);
    return binding;
}

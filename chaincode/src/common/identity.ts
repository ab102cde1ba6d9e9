// The caller, taken only from ctx.clientIdentity, never from an argument.
import { createHash } from 'node:crypto';
import type { Context } from 'fabric-contract-api';

export interface Caller {
    readonly mspId: string;
    /** Fabric's identity ID: x509::<subject DN>::<issuer DN>. */
    readonly identityId: string;
    /** A fixed-length key for the identity, safe to use in composite keys. */
    readonly identityKey: string;
    readonly isAdmin: boolean;
}

export function caller(ctx: Context): Caller {
    const mspId = ctx.clientIdentity.getMSPID();
    const identityId = ctx.clientIdentity.getID();
    return { mspId, identityId, identityKey: identityKey(mspId, identityId), isAdmin: hasAdminRole(identityId) };
}

export function identityKey(mspId: string, identityId: string): string {
    return createHash('sha256').update(`${mspId}\n${identityId}`).digest('hex');
}

/** An MSP admin carries OU=admin in its certificate subject (Fabric's NodeOU classification). */
function hasAdminRole(identityId: string): boolean {
    const subject = identityId.split('::')[1] ?? '';
    return subject.split('/').some((component) => component === 'OU=admin');
}

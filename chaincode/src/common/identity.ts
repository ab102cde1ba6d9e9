// The caller, taken only from the creator's certificate (ctx.clientIdentity), never from an argument or from the
// shim's getID() string: its ID and NodeOU role are read from the certificate's DER names by @bia/model.
import { createHash } from 'node:crypto';
import type { Context } from 'fabric-contract-api';
import { type NodeRole, certificateIdentity } from '@bia/model';
import { unauthorizedError } from './errors';

export interface Caller {
    readonly mspId: string;
    /** The identity ID of @bia/model's identityIdOf: x509::<subject>::<issuer>, unambiguous. */
    readonly identityId: string;
    /** A fixed-length key for the identity within its MSP, safe to use in composite keys. */
    readonly identityKey: string;
    /** The certificate's one NodeOU role (undefined when it has none or several, which Fabric's MSP refuses). */
    readonly role: NodeRole | undefined;
    readonly isAdmin: boolean;
}

export function caller(ctx: Context): Caller {
    const mspId = ctx.clientIdentity.getMSPID();
    let identity: ReturnType<typeof certificateIdentity>;
    try {
        identity = certificateIdentity(ctx.clientIdentity.getIDBytes());
    } catch (error) {
        throw unauthorizedError(`the creator certificate cannot be read unambiguously: ${(error as Error).message}`, {
            mspId,
        });
    }
    const { identityId, role } = identity;
    return { mspId, identityId, identityKey: identityKey(mspId, identityId), role, isAdmin: role === 'admin' };
}

/** Identity IDs hold no line break (every control character is escaped), so MSP ID and ID cannot run together. */
export function identityKey(mspId: string, identityId: string): string {
    return createHash('sha256').update(`${mspId}\n${identityId}`).digest('hex');
}

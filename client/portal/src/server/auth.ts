// Who is signed in, and what they may do. The session holds only the username; the account (role, identity) is read
// from the store on every request, so a role changed or an account removed from the command line takes effect at
// once.
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { Account, AccountStore, Role } from './accounts/accounts';
import type { Permission } from './api/route-spec';
import { PortalProblem } from './api/problem';

declare module 'fastify' {
    interface Session {
        username?: string;
    }
}

const allowed: Readonly<Record<Permission, readonly Role[]>> = {
    read: ['viewer', 'operator', 'administrator'],
    act: ['operator', 'administrator'],
    administer: ['administrator'],
};

export function signedInAccount(request: FastifyRequest, accounts: AccountStore): Account {
    const username = request.session.username;
    const account = username === undefined ? undefined : accounts.find(username);
    if (account === undefined) {
        throw new PortalProblem({
            title: 'Sign in first',
            status: 401,
            detail: 'no session, or it has expired: sign in again',
            code: 'SESSION',
        });
    }
    return account;
}

export function requirePermission(account: Account, permission: Permission): void {
    if (!allowed[permission].includes(account.role)) {
        throw new PortalProblem({
            title: 'Not allowed for this account',
            status: 403,
            detail: `${account.role === 'operator' ? 'an' : 'a'} ${account.role} account may not ${permission === 'administer' ? 'administer' : 'submit transactions'}`,
            code: 'ROLE',
        });
    }
}

/** @fastify/csrf-protection's check as a hook: the synchroniser token in x-csrf-token must match the session's. */
export function csrfCheck(app: FastifyInstance): onRequestHookHandler {
    return (request, reply, done) => {
        app.csrfProtection(request, reply, done);
    };
}

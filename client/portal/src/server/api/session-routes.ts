// Signing in and out. Sign-in is rate-limited per address and username, regenerates the session (no fixation) and
// is CSRF-protected like every other state change (no login CSRF).
import type { FastifyInstance } from 'fastify';
import type { AccountStore } from '../accounts/accounts';
import type { Organization } from '../organization';
import { csrfCheck } from '../auth';
import { PortalProblem } from './problem';
import { LoginBody } from './schemas';

export interface SessionRouteOptions {
    readonly accounts: AccountStore;
    readonly organization: Organization;
    readonly loginAttemptsPerMinute: number;
}

export function registerSessionRoutes(app: FastifyInstance, options: SessionRouteOptions): void {
    const { accounts, organization } = options;
    const describe = (username: string | undefined): object => {
        const account = username === undefined ? undefined : accounts.find(username);
        return {
            organization: { name: organization.name, mspId: organization.mspId },
            ...(account === undefined
                ? {}
                : { account: { username: account.username, role: account.role, identity: account.identity } }),
        };
    };

    app.get(
        '/api/session',
        {
            schema: {
                operationId: 'GetSession',
                summary: 'The signed-in account, if any, and a CSRF token',
                tags: ['session'],
            },
        },
        async (request, reply) => {
            const csrfToken = reply.generateCsrf();
            return { ...describe(request.session.username), csrfToken };
        },
    );

    app.post(
        '/api/session',
        {
            schema: {
                operationId: 'SignIn',
                summary: 'Sign in with a username and password',
                tags: ['session'],
                body: LoginBody,
            },
            onRequest: csrfCheck(app),
            config: {
                rateLimit: {
                    // After the body is parsed, so attempts are counted per username as well as per address.
                    hook: 'preHandler',
                    max: options.loginAttemptsPerMinute,
                    timeWindow: 60_000,
                    keyGenerator: (request) => `${request.ip}|${usernameOf(request.body)}`,
                    errorResponseBuilder: (_request, context) =>
                        new PortalProblem({
                            title: 'Too many sign-in attempts',
                            status: 429,
                            detail: `too many sign-in attempts; try again in ${Math.ceil(context.ttl / 1000)} s`,
                            code: 'RATE_LIMIT',
                        }),
                },
            },
        },
        async (request, reply) => {
            const { username, password } = request.body as { username: string; password: string };
            const account = await accounts.authenticate(username, password);
            if (account === undefined) {
                throw new PortalProblem({
                    title: 'Sign-in failed',
                    status: 401,
                    detail: 'unknown username or wrong password',
                    code: 'CREDENTIALS',
                });
            }
            await request.session.regenerate();
            request.session.username = account.username;
            const csrfToken = reply.generateCsrf();
            return { ...describe(account.username), csrfToken };
        },
    );

    app.delete(
        '/api/session',
        { schema: { operationId: 'SignOut', summary: 'Sign out', tags: ['session'] }, onRequest: csrfCheck(app) },
        async (request, reply) => {
            await request.session.destroy();
            return reply.code(204).send();
        },
    );
}

/** The username as sent, read defensively. */
function usernameOf(body: unknown): string {
    const username = (body as { username?: unknown } | undefined)?.username;
    return typeof username === 'string' ? username.slice(0, 64) : '';
}

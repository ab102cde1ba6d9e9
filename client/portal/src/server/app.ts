// The portal's HTTP server: one organisation, its operator accounts and sessions, a JSON API for every transaction
// and query (described at /api/openapi.json), live updates, and the web application's files.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import { AccountStore } from './accounts/accounts';
import { csrfCheck, signedInAccount, requirePermission } from './auth';
import { PortalProblem, problemContentType, problemFor } from './api/problem';
import type { RouteSpec } from './api/route-spec';
import { allRoutes } from './api/routes';
import { registerSessionRoutes } from './api/session-routes';
import { registerOverviewRoutes } from './api/overview-routes';
import { registerEventStream } from './events/event-stream';
import { EventLog } from './events/event-log';
import { BlockLog } from './ledger/block-log';
import type { Organization } from './organization';
import { SqliteSessionStore } from './sessions/session-store';
import type { PortalDatabase } from './store';
import { jsonReplacer } from './json';

export interface PortalOptions {
    readonly organization: Organization;
    readonly database: PortalDatabase;
    /** Built web application (index.html and assets); the API works without it. */
    readonly webDir?: string;
    /** How long a session lasts without use, in seconds (default 8 hours). */
    readonly sessionSeconds?: number;
    /** Sign-in attempts per minute from one address for one username (default 5). */
    readonly loginAttemptsPerMinute?: number;
    /** Trust X-Forwarded-* from a TLS-terminating proxy in front of the portal (default false). */
    readonly trustProxy?: boolean;
    readonly logger?: boolean;
    /** TLS for the portal itself; without it the portal should listen on loopback only (see main.ts). */
    readonly https?: { readonly cert: Buffer; readonly key: Buffer };
}

export interface Portal {
    readonly app: FastifyInstance;
    readonly accounts: AccountStore;
    readonly events: EventLog;
    readonly blocks: BlockLog;
}

/** The cookie-signing secret: made once per data folder and kept, so sessions survive a restart. */
function sessionSecret(database: PortalDatabase): string {
    const existing = database.setting('session-secret');
    if (existing !== undefined) {
        return existing;
    }
    const secret = randomBytes(48).toString('base64url');
    database.saveSetting('session-secret', secret);
    return secret;
}

export async function buildPortal(options: PortalOptions): Promise<Portal> {
    const { organization, database } = options;
    const app = Fastify({
        logger: options.logger ?? false,
        trustProxy: options.trustProxy ?? false,
        ...(options.https === undefined ? {} : { https: options.https }),
        ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    });
    const accounts = new AccountStore(database, organization.identities);
    const events = new EventLog(database);
    const blocks = new BlockLog(database);
    const sessions = new SqliteSessionStore(database);

    app.setReplySerializer((payload) => JSON.stringify(payload, jsonReplacer));
    app.setErrorHandler((error, request, reply) => sendProblem(request, reply, error));
    app.setNotFoundHandler((request, reply) =>
        sendProblem(
            request,
            reply,
            new PortalProblem({
                title: 'Not found',
                status: 404,
                detail: `no route ${request.method} ${request.url}`,
                code: 'NOT_FOUND',
            }),
        ),
    );

    await app.register(fastifyCookie);
    await app.register(fastifySession, {
        secret: sessionSecret(database),
        cookieName: 'bia_portal_session',
        store: sessions,
        saveUninitialized: false,
        rolling: true,
        cookie: {
            httpOnly: true,
            sameSite: 'strict',
            // Secure whenever the portal is reached over HTTPS: its own TLS, or a TLS-terminating proxy that says
            // so in X-Forwarded-Proto. Plain HTTP is allowed on loopback only (startPortal refuses anything else).
            // Not @fastify/session's 'auto' on plain HTTP: that also weakens SameSite to Lax.
            secure: options.https !== undefined ? true : options.trustProxy === true ? 'auto' : false,
            path: '/',
            maxAge: (options.sessionSeconds ?? 8 * 3600) * 1000,
        },
    });
    await app.register(fastifyCsrf, {
        sessionPlugin: '@fastify/session',
        getToken: (request) => {
            const header = request.headers['x-csrf-token'];
            return typeof header === 'string' ? header : undefined;
        },
    });
    await app.register(fastifyRateLimit, { global: false });
    await app.register(fastifySwagger, {
        openapi: {
            openapi: '3.1.0',
            info: {
                title: `The association's member portal API (${organization.name})`,
                version: '0.1.0',
                description:
                    'Every transaction and query of the membership, scenarios, deals and shipments contracts, as the ' +
                    "signed-in operator's Fabric identity. Errors are application/problem+json (RFC 9457) with the " +
                    "chaincode's error code and the field it names. State-changing requests need the session cookie " +
                    'and the x-csrf-token header from GET /api/session.',
            },
            tags: ['session', 'overview', 'membership', 'governance', 'scenarios', 'deals', 'shipments'].map(
                (name) => ({ name }),
            ),
        },
    });

    const prune = setInterval(() => sessions.prune(), 10 * 60 * 1000);
    prune.unref();
    app.addHook('onClose', () => {
        clearInterval(prune);
    });

    registerSessionRoutes(app, { accounts, organization, loginAttemptsPerMinute: options.loginAttemptsPerMinute ?? 5 });
    for (const spec of allRoutes) {
        registerTransactionRoute(app, spec, accounts, organization);
    }
    registerOverviewRoutes(app, { accounts, organization, events, blocks });
    registerEventStream(app, { accounts, events });
    app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

    if (options.webDir !== undefined && existsSync(join(options.webDir, 'index.html'))) {
        await app.register(fastifyStatic, { root: options.webDir, prefix: '/', index: 'index.html' });
    }
    app.addHook('onSend', (_request, reply, payload, done) => {
        reply.header('x-content-type-options', 'nosniff');
        reply.header('referrer-policy', 'same-origin');
        reply.header('x-frame-options', 'DENY');
        reply.header(
            'content-security-policy',
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
        );
        done(null, payload);
    });
    return { app, accounts, events, blocks };
}

function registerTransactionRoute(
    app: FastifyInstance,
    spec: RouteSpec,
    accounts: AccountStore,
    organization: Organization,
): void {
    const changesState = spec.method !== 'GET';
    app.route({
        method: spec.method,
        url: spec.url,
        schema: {
            operationId: spec.operationId,
            summary: spec.summary,
            tags: [spec.tag],
            ...(spec.params === undefined ? {} : { params: spec.params }),
            ...(spec.querystring === undefined ? {} : { querystring: spec.querystring }),
            ...(spec.body === undefined ? {} : { body: spec.body }),
        },
        // The session and the CSRF token are checked before the body is validated, so an unauthenticated or
        // forged request learns nothing about the route's schema.
        onRequest: changesState ? [authenticate(accounts), csrfCheck(app)] : [authenticate(accounts)],
        handler: async (request, reply) => {
            const account = signedInAccount(request, accounts);
            requirePermission(account, spec.permission);
            const client = await organization.client(account.identity);
            const result = await spec.run(client, {
                params: request.params as Record<string, string>,
                query: request.query as Record<string, unknown>,
                body: request.body,
            });
            return reply.code(spec.created === true ? 201 : 200).send(result);
        },
    });
}

export function authenticate(accounts: AccountStore) {
    return (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void => {
        try {
            signedInAccount(request, accounts);
            done();
        } catch (error) {
            done(error as Error);
        }
    };
}

function sendProblem(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
    const problem = csrfProblem(error) ?? problemFor(error);
    if (problem.status >= 500) {
        request.log.error({ err: error }, 'request failed');
    }
    return reply.code(problem.status).type(problemContentType).send(problem);
}

/** @fastify/csrf-protection's own errors, in the portal's problem format. */
function csrfProblem(error: unknown): ReturnType<typeof problemFor> | undefined {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('FST_CSRF')) {
        return undefined;
    }
    return new PortalProblem({
        title: 'Cross-site request refused',
        status: 403,
        detail: 'the request carries no valid CSRF token (send the x-csrf-token header from GET /api/session)',
        code: 'CSRF',
    }).problem;
}

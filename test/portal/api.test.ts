// The portal's JSON API, over HTTP, against a devnet with the shortened founding day: sessions, CSRF, roles, the
// OpenAPI document, problem details for every kind of refusal, each contract's routes, and live events.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import type { Deal, Member, Motion, Page, Provenance, Shipment } from '@bia/model';
import { allRoutes } from '../../client/portal/src/server/api/routes';
import { HttpSession, type Problem } from './support/http-session';
import { type OrgPortal, type PortalWorld, closeSharedPortalWorld, sharedPortalWorld, story } from './support/world';
import { skipWithoutNodeSqlite } from './support/requirements';

const run = promisify(execFile);

after(closeSharedPortalWorld);

describe('member portal API', function () {
    this.timeout(300_000);
    skipWithoutNodeSqlite(this);
    let world: PortalWorld;
    let healthco: OrgPortal;
    let centres: OrgPortal;

    before(async () => {
        world = await sharedPortalWorld();
        healthco = world.portalOf('healthco');
        centres = world.portalOf('healthcentres');
    });

    // One session per account, as a person keeps theirs.
    const sessions = new Map<string, Promise<HttpSession>>();
    function signedIn(portal: OrgPortal, role: 'operator' | 'viewer' | 'applicant' = 'operator'): Promise<HttpSession> {
        const key = `${portal.url}|${role}`;
        let session = sessions.get(key);
        if (session === undefined) {
            session = freshSession(portal, role);
            sessions.set(key, session);
        }
        return session;
    }

    async function freshSession(
        portal: OrgPortal,
        role: 'operator' | 'viewer' | 'applicant' = 'operator',
    ): Promise<HttpSession> {
        const session = new HttpSession(portal.url);
        const response = await session.signIn(portal[role].username, portal[role].password);
        expect(response.status, JSON.stringify(response.body)).to.equal(200);
        return session;
    }

    function expectProblem(
        response: { status: number; contentType: string; body: unknown },
        status: number,
        code: string,
    ): Problem {
        expect(response.contentType).to.match(/^application\/problem\+json/);
        const problem = response.body as Problem;
        expect({ status: response.status, code: problem.code }, problem.detail).to.deep.equal({ status, code });
        expect(problem.status).to.equal(status);
        expect(problem.title).to.be.a('string').and.not.equal('');
        expect(problem.detail).to.be.a('string').and.not.equal('');
        return problem;
    }

    describe('OpenAPI', () => {
        it('serves an OpenAPI 3.1 document with every transaction route, built from the validating schemas', async () => {
            const response = await new HttpSession(healthco.url).get<{
                openapi: string;
                paths: Record<
                    string,
                    Record<
                        string,
                        { operationId?: string; requestBody?: { content: Record<string, { schema: unknown }> } }
                    >
                >;
            }>('/api/openapi.json');
            expect(response.status).to.equal(200);
            expect(response.body.openapi).to.equal('3.1.0');
            const operations = Object.values(response.body.paths).flatMap((methods) =>
                Object.values(methods).map((op) => op.operationId),
            );
            for (const route of allRoutes) {
                expect(operations, route.operationId).to.include(route.operationId);
            }
            const vote = response.body.paths['/api/motions/{motionId}/votes']?.post;
            expect(JSON.stringify(vote?.requestBody?.content['application/json']?.schema)).to.include('abstain');
        });
    });

    describe('sessions', () => {
        it('refuses every API route without a session, as a problem document', async () => {
            const anonymous = new HttpSession(healthco.url);
            expectProblem(await anonymous.get('/api/members'), 401, 'SESSION');
            expectProblem(await anonymous.get('/api/dashboard'), 401, 'SESSION');
        });

        it('sets an HTTP-only, same-site session cookie, Secure behind a TLS proxy', async () => {
            const session = new HttpSession(healthco.url);
            const response = await session.signIn(healthco.operator.username, healthco.operator.password);
            const cookie = response.headers.get('set-cookie') ?? '';
            expect(cookie)
                .to.match(/HttpOnly/i)
                .and.match(/SameSite=Strict/i)
                .and.match(/Expires=/i);
            expect(cookie).not.to.match(/Secure/i);
            const proxied = await world.extraPortal('healthco', { trustProxy: true });
            const behindTls = new HttpSession(proxied.url, { 'x-forwarded-proto': 'https' });
            const tlsResponse = await behindTls.signIn(proxied.operator.username, proxied.operator.password);
            expect(tlsResponse.headers.get('set-cookie') ?? '')
                .to.match(/;\s*Secure/i)
                .and.match(/HttpOnly/i);
        });

        it('refuses a wrong password without saying whether the user exists', async () => {
            const wrong = await new HttpSession(healthco.url).signIn(healthco.operator.username, 'not the password');
            const unknown = await new HttpSession(healthco.url).signIn('nobody-here', 'not the password');
            expect(expectProblem(wrong, 401, 'CREDENTIALS').detail).to.equal(
                expectProblem(unknown, 401, 'CREDENTIALS').detail,
            );
        });

        it('limits sign-in attempts per address and username', async () => {
            const limited = await world.extraPortal('healthcentres', {});
            const session = new HttpSession(limited.url);
            await session.get('/api/session');
            const statuses: number[] = [];
            for (let attempt = 0; attempt < 6; attempt++) {
                statuses.push(
                    (await session.post('/api/session', { username: 'rate-limited', password: 'wrong password' }))
                        .status,
                );
            }
            expect(statuses).to.deep.equal([401, 401, 401, 401, 401, 429]);
            const other = await new HttpSession(limited.url).signIn(
                limited.operator.username,
                limited.operator.password,
            );
            expect(other.status, 'another username is not limited').to.equal(200);
        });

        it('ends a session when it expires', async () => {
            const short = await world.extraPortal('healthco', { sessionSeconds: 1 });
            const session = new HttpSession(short.url);
            await session.signIn(short.operator.username, short.operator.password);
            expect((await session.get('/api/whoami')).status).to.equal(200);
            await new Promise((resolve) => setTimeout(resolve, 1500));
            expectProblem(await session.get('/api/whoami'), 401, 'SESSION');
        });

        it('signs out', async () => {
            const session = await freshSession(healthco);
            expect((await session.request('DELETE', '/api/session')).status).to.equal(204);
            expectProblem(await session.get('/api/whoami'), 401, 'SESSION');
        });
    });

    describe('CSRF and roles', () => {
        it('refuses a state change without the CSRF token, and changes nothing', async () => {
            const session = await signedIn(healthco);
            const motions = (await session.get<Motion[]>('/api/motions?status=open')).body;
            const before = await session.get('/api/members?pageSize=100');
            const refused = await session.post('/api/members', application(`csrf-${Date.now()}`, 'HealthcoMSP'), {
                csrf: false,
            });
            expectProblem(refused, 403, 'CSRF');
            expect((await session.get('/api/members?pageSize=100')).body).to.deep.equal(before.body);
            expect((await session.get<Motion[]>('/api/motions?status=open')).body.length).to.equal(motions.length);
        });

        it('lets a viewer read but not act', async () => {
            const viewer = await signedIn(healthco, 'viewer');
            expect((await viewer.get('/api/charter')).status).to.equal(200);
            expectProblem(
                await viewer.post('/api/members', application(`viewer-${Date.now()}`, 'HealthcoMSP')),
                403,
                'ROLE',
            );
        });
    });

    describe('refusals', () => {
        it('names the field a request schema refuses', async () => {
            const session = await signedIn(healthco);
            const problem = expectProblem(
                await session.post('/api/members', { ...application('x-1', 'HealthcoMSP'), kind: 'pirate' }),
                400,
                'VALIDATION',
            );
            expect(problem.field).to.equal('body.kind');
            const extra = expectProblem(
                await session.post('/api/motions/m-1/votes', { choice: 'yes', weight: 10 }),
                400,
                'VALIDATION',
            );
            expect(extra.field).to.equal('body.weight');
        });

        it("passes on the chaincode's refusal with its code and field, never as a server error", async () => {
            const newcomer = await signedIn(healthco, 'applicant');
            const foreign = expectProblem(
                await newcomer.post('/api/members', application(`foreign-${Date.now()}`, 'CarrierMSP')),
                403,
                'UNAUTHORIZED',
            );
            const session = await signedIn(healthco);
            expectProblem(
                await session.post('/api/members', application(`again-${Date.now()}`, 'HealthcoMSP')),
                409,
                'CONFLICT',
            );
            expect(foreign.detail).to.match(/CarrierMSP/);
            expectProblem(await session.get('/api/members/no-such-member'), 404, 'NOT_FOUND');
            const future = expectProblem(
                await session.post('/api/scenarios', {
                    scenarioId: `sc-${Date.now()}`,
                    title: 'Backwards',
                    sector: 'healthcare',
                    problem: 'p',
                    expectedOutcome: 'o',
                    leadMemberId: healthco.memberId,
                    plannedParticipants: [],
                    plannedStart: '2030-01-10',
                    plannedEnd: '2030-01-01',
                }),
                400,
                'VALIDATION',
            );
            expect(future.field).to.match(/plannedEnd/);
        });
    });

    describe('the contracts', () => {
        it('reads every contract through the signed-in identity', async () => {
            const session = await signedIn(healthco);
            const who = (await session.get<{ mspId: string; memberId?: string }>('/api/whoami')).body;
            expect(who).to.include({ mspId: 'HealthcoMSP', memberId: healthco.memberId });
            const members = (await session.get<Page<Member>>('/api/members?status=active&pageSize=100')).body;
            expect(members.records.map((m) => m.memberId)).to.include(healthco.memberId);
            expect((await session.get<Member>(`/api/members/${healthco.memberId}`)).body.status).to.equal('active');
            expect(
                (await session.get<unknown[]>(`/api/members/${healthco.memberId}/history`)).body.length,
            ).to.be.greaterThan(0);
            const deals = (await session.get<Page<Deal>>('/api/deals?status=inked')).body.records;
            expect(deals.length).to.be.greaterThan(0);
            const shipments = (await session.get<Page<Shipment>>('/api/shipments?pageSize=100')).body.records;
            expect(shipments.length).to.equal(story.transport.consignments.length * 1);
            const provenance = (
                await session.get<Provenance>(`/api/shipments/${shipments[0]?.shipmentId ?? ''}/provenance`)
            ).body;
            expect(provenance.checkpoints.length).to.be.greaterThan(0);
            const dashboard = (await session.get<{ scenarios: { running: number; cap: number } }>('/api/dashboard'))
                .body;
            expect(dashboard.scenarios.running).to.be.at.most(dashboard.scenarios.cap);
            const blocks = await until(async () => {
                const recent = (
                    await session.get<
                        { number: string; transactions: { validationCodeName: string; mspId: string }[] }[]
                    >('/api/ledger/blocks?limit=5')
                ).body;
                return recent.length === 5 ? recent : undefined;
            });
            expect(blocks.map((block) => Number(block.number))).to.deep.equal(
                [...blocks.map((block) => Number(block.number))].sort((a, b) => b - a),
            );
            expect(blocks.flatMap((block) => block.transactions.map((tx) => tx.validationCodeName))).to.include(
                'VALID',
            );
        });

        it("shows deal terms to a party's operator and refuses another organisation's", async () => {
            const deal = story.deals.find(
                (d) => d.partyMemberIds.includes(healthco.memberId) && !d.partyMemberIds.includes(centres.memberId),
            );
            expect(deal, 'a deal with healthco but not the health centres').not.to.equal(undefined);
            const party = await signedIn(healthco);
            const terms = await party.get<{ text: string; salt: string }>(`/api/deals/${deal?.dealId ?? ''}/terms`);
            expect(terms.status, JSON.stringify(terms.body)).to.equal(200);
            const check = await party.post<{ matches: boolean }>(`/api/deals/${deal?.dealId ?? ''}/terms-check`, {
                terms: { text: terms.body.text, salt: terms.body.salt },
            });
            expect(check.body.matches).to.equal(true);
            const outsider = await signedIn(centres);
            expectProblem(await outsider.get(`/api/deals/${deal?.dealId ?? ''}/terms`), 403, 'UNAUTHORIZED');
        });

        it('streams chaincode events: a vote cast through one portal reaches the other live', async () => {
            const voter = await signedIn(healthco);
            const watcher = await signedIn(centres);
            const memberId = `live-${Date.now().toString(36)}`;
            const applied = await (
                await signedIn(centres, 'applicant')
            ).post<Member>('/api/members', application(memberId, 'HealthCentresMSP'));
            expect(applied.status, JSON.stringify(applied.body)).to.equal(201);
            const motion = await until(async () => {
                const open = (await watcher.get<Motion[]>('/api/motions?status=open')).body;
                return open.find((m) => m.subjectId === memberId);
            });
            const controller = new AbortController();
            const stream = await fetch(`${centres.url}/api/events`, {
                headers: { cookie: watcher.cookie ?? '' },
                signal: controller.signal,
            });
            expect(stream.headers.get('content-type')).to.match(/^text\/event-stream/);
            const received = readEvents(
                stream,
                (event) =>
                    event.name === 'VoteCast' && (event.payload as { motionId?: string }).motionId === motion.motionId,
            );
            const vote = await voter.post(`/api/motions/${motion.motionId}/votes`, { choice: 'yes' });
            expect(vote.status, JSON.stringify(vote.body)).to.equal(200);
            const event = await received;
            controller.abort();
            expect(event.payload).to.include({ motionId: motion.motionId, memberId: healthco.memberId, choice: 'yes' });
        });
    });

    describe('accounts from the command line', () => {
        it('adds, lists and removes an account; a bad role is a usage error', async () => {
            const cli = join(__dirname, '../../client/portal/dist/server/main.js');
            const dataDir = await mkdtemp(join(tmpdir(), 'bia-portal-cli-'));
            const connections = dirname(healthco.portal.organization.connectionFile);
            const base = ['accounts', '--org', 'healthco', '--connections', connections, '--data-dir', dataDir];
            const add = execFile(process.execPath, [
                cli,
                ...base.slice(0, 1),
                'add',
                ...base.slice(1),
                '--username',
                'cli-user',
                '--role',
                'viewer',
                '--identity',
                'User2',
            ]);
            add.stdin?.end('a long enough password\n');
            await new Promise<void>((resolve, reject) => {
                add.on('exit', (code) => {
                    if (code === 0) {
                        resolve();
                    } else {
                        reject(new Error(`accounts add exited with ${String(code)}`));
                    }
                });
            });
            const listed = await run(process.execPath, [cli, 'accounts', 'list', ...base.slice(1)]);
            expect(listed.stdout).to.match(/^cli-user\tviewer\tUser2$/m);
            const badRole: unknown = await run(process.execPath, [
                cli,
                'accounts',
                'set-role',
                ...base.slice(1),
                '--username',
                'cli-user',
                '--role',
                'king',
            ]).catch((error: unknown) => error);
            expect(badRole).to.include({ code: 2 });
            await run(process.execPath, [cli, 'accounts', 'remove', ...base.slice(1), '--username', 'cli-user']);
            expect((await run(process.execPath, [cli, 'accounts', 'list', ...base.slice(1)])).stdout).not.to.match(
                /cli-user/,
            );
            await rm(dataDir, { recursive: true, force: true });
        });
    });
});

function application(memberId: string, hostMspId: string): object {
    return {
        memberId,
        hostMspId,
        legalName: `${memberId} Ltd`,
        kind: 'enterprise',
        sectors: ['healthcare'],
        website: `https://${memberId}.example`,
        contact: { name: 'Contact Person', email: `office@${memberId}.example` },
    };
}

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        const value = await probe();
        if (value !== undefined) {
            return value;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`nothing after ${timeoutMs} ms`);
}

interface StreamedEvent {
    readonly name: string;
    readonly payload: unknown;
}

async function readEvents(response: Response, wanted: (event: StreamedEvent) => boolean): Promise<StreamedEvent> {
    const reader = response.body?.getReader();
    if (reader === undefined) {
        throw new Error('no event stream body');
    }
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
        const chunk = (await reader.read()) as { done: boolean; value?: Uint8Array };
        if (chunk.done) {
            throw new Error('the event stream ended');
        }
        buffer += decoder.decode(chunk.value, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = frame.split('\n').find((line) => line.startsWith('data: '));
            if (data !== undefined) {
                const event = JSON.parse(data.slice(6)) as StreamedEvent;
                if (wanted(event)) {
                    await reader.cancel();
                    return event;
                }
            }
            end = buffer.indexOf('\n\n');
        }
    }
}

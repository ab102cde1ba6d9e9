// Every transaction route of the portal, one by one: a request its schema refuses gets a 400 naming the field, and a
// well-formed request the chaincode refuses (records that do not exist, an identity that may not act) gets that
// refusal as a 4xx problem with the chaincode's own code — never a server error. Successes are exercised by the
// API and browser suites; here the question is that no route can be made to fail as a 5xx.
import { expect } from 'chai';
import { allRoutes } from '../../client/portal/src/server/api/routes';
import type { RouteSpec } from '../../client/portal/src/server/api/route-spec';
import { HttpSession, type Problem } from './support/http-session';
import { skipWithoutNodeSqlite } from './support/requirements';
import { type OrgPortal, closeSharedPortalWorld, sharedPortalWorld } from './support/world';

after(closeSharedPortalWorld);

const missing = `nosuch-${Date.now().toString(36)}`;
const sha = 'a'.repeat(64);
const terms = { text: 'terms', salt: 'salt-salt-salt-salt' };

/** A well-formed body for each route that takes one, naming records that do not exist. */
const bodies: Readonly<Record<string, unknown>> = {
    Apply: {
        memberId: missing,
        hostMspId: 'CarrierMSP',
        legalName: 'X Ltd',
        kind: 'enterprise',
        sectors: ['x'],
        website: 'https://x.example',
        contact: { name: 'X', email: 'x@x.example' },
    },
    UpdateProfile: {
        legalName: 'X Ltd',
        kind: 'enterprise',
        sectors: ['x'],
        website: 'https://x.example',
        contact: { name: 'X', email: 'x@x.example' },
    },
    Withdraw: { reason: 'leaving' },
    BindIdentity: { identityId: 'x509::CN=nobody::CN=nobody' },
    ProposeMotion: { motionId: missing, kind: 'suspend-member', subjectId: missing, reason: 'because' },
    Vote: { choice: 'yes' },
    ProposeScenario: {
        scenarioId: missing,
        title: 'T',
        sector: 's',
        problem: 'p',
        expectedOutcome: 'o',
        leadMemberId: missing,
        plannedParticipants: [],
        plannedStart: '2027-01-01',
        plannedEnd: '2027-02-01',
    },
    WithdrawScenario: { reason: 'no longer needed' },
    RequestParticipation: { action: 'join' },
    ConsentToParticipation: { memberId: missing },
    DeclineParticipation: { memberId: missing, reason: 'no' },
    RecordMilestone: { milestoneId: 'm1', title: 'done', evidence: { sha256: sha, uri: 'https://x.example/e' } },
    SubmitEvaluation: { summary: 'ok', kpis: [] },
    DraftDeal: {
        dealId: missing,
        kind: 'service',
        title: 'T',
        summary: 'S',
        partyMemberIds: [missing, `${missing}-2`],
        terms,
    },
    VerifyTerms: { terms },
    SignDeal: { termsHash: sha },
    AmendDeal: { terms },
    TerminateDeal: { reason: 'over' },
    CreateShipment: {
        shipmentId: missing,
        dealId: missing,
        receiverMemberId: missing,
        carrierMemberId: missing,
        contents: { category: 'drug', description: 'd', quantity: 1, unit: 'box' },
        conditions: { minTemperatureC: 2, maxTemperatureC: 8, maxTransitMinutes: 60 },
    },
    OfferHandover: { toMemberId: missing },
    RecordCheckpoint: {
        readingId: 'r1',
        sensorId: 's1',
        readAt: new Date().toISOString(),
        location: 'here',
        temperatureC: 5,
        humidityPercent: 40,
        shock: false,
    },
    RejectDelivery: { reason: 'warm' },
};

function urlOf(route: RouteSpec, value: (name: string) => string): string {
    return route.url.replace(/:(\w+)/g, (_whole, name: string) => encodeURIComponent(value(name)));
}

const chaincodeCodes = ['VALIDATION', 'UNAUTHORIZED', 'NOT_FOUND', 'CONFLICT', 'INVALID_STATE'];

describe('every portal route', function () {
    this.timeout(300_000);
    skipWithoutNodeSqlite(this);
    let healthco: OrgPortal;
    let session: HttpSession;

    before(async () => {
        healthco = (await sharedPortalWorld()).portalOf('healthco');
        session = new HttpSession(healthco.url);
        const signedIn = await session.signIn(healthco.operator.username, healthco.operator.password);
        expect(signedIn.status).to.equal(200);
    });

    it('has a body example for every route that takes a body', () => {
        const withBody = allRoutes.filter((route) => route.body !== undefined).map((route) => route.operationId);
        expect(withBody.filter((id) => !(id in bodies))).to.deep.equal([]);
    });

    for (const route of allRoutes) {
        const validation = route.body !== undefined || route.params !== undefined || route.querystring !== undefined;
        if (validation) {
            it(`${route.operationId}: a malformed request is a 400 naming the field`, async () => {
                const badId = 'not an id!';
                const url =
                    urlOf(route, () => badId) +
                    (route.querystring !== undefined && route.params === undefined ? '?pageSize=0' : '');
                const body =
                    route.body === undefined
                        ? undefined
                        : route.params === undefined
                          ? { unexpected: true }
                          : bodies[route.operationId];
                const response = await session.request(route.method, url, body);
                const problem = response.body as Problem;
                expect({ status: response.status, code: problem.code }, problem.detail).to.deep.equal({
                    status: 400,
                    code: 'VALIDATION',
                });
                expect(problem.field, problem.detail).to.match(/^(body|params|querystring)\b/);
            });
        }

        const takesIds = route.params !== undefined || route.body !== undefined;
        if (takesIds) {
            it(`${route.operationId}: the chaincode's refusal is a 4xx with its code, never a 5xx`, async () => {
                const url = urlOf(route, (name) => (name === 'sequence' ? '1' : missing));
                const response = await session.request(route.method, url, bodies[route.operationId]);
                const problem = response.body as Problem;
                expect(response.status, JSON.stringify(problem)).to.be.within(400, 499);
                expect(response.contentType).to.match(/^application\/problem\+json/);
                // An administrator's route refuses an operator's account in the portal (ROLE) before the chaincode.
                const expected = route.permission === 'administer' ? ['ROLE'] : chaincodeCodes;
                expect(expected, JSON.stringify(problem)).to.include(problem.code);
            });
        }
    }
});

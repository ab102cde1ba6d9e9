import { expect } from 'chai';
import type {
    EvaluationAcknowledgement,
    MotionOpenedEvent,
    Scenario,
    ScenarioDossier,
    ScenarioStatusChangedEvent,
} from '@bia/model';
import { describeKey } from '../../../fixtures/chaincode-harness';
import type { TestIdentities } from '../../../fixtures/identities';
import { Association, application, createIdentities, expectRefusal, uniqueId } from '../membership/association';
import { approved, evaluated, join, piloting, proposal, proposed, report } from './scenario-helpers';

describe('scenarios:ProposeScenario and its approval', () => {
    let identities: TestIdentities;
    let association: Association;

    before(async () => {
        identities = await createIdentities();
    });

    beforeEach(async () => {
        association = await Association.bootstrapped(identities);
    });

    it('records a proposed scenario led by the caller and opens its approval motion', async () => {
        // Given Healthco's operator and a proposal it leads, planning two founding members in
        const lead = await association.councillor('healthco');
        const request = proposal(association.ids.healthco, {
            plannedParticipants: [association.ids.centres, association.ids.carrier],
        });

        // When it proposes the scenario
        const result = await association.submit('scenarios:ProposeScenario', [JSON.stringify(request)], { as: lead });

        // Then the scenario is proposed, the lead its only participant so far, the sector normalised
        const now = association.ledger.time.toISOString();
        const stamp = { at: now, byMemberId: association.ids.healthco, byMspId: 'HealthcoMSP', txId: result.txId };
        expect(result.json<Scenario>()).to.deep.equal({
            ...request,
            sector: 'healthcare',
            status: 'proposed',
            participants: [association.ids.healthco],
            motionId: `approve-${request.scenarioId}`,
            proposedAt: now,
            transitions: [{ from: null, to: 'proposed', reason: 'proposal', stamp }],
        });
        expect(result.writes.keys().map(describeKey)).to.have.members([
            `scenario:${request.scenarioId}`,
            `scenario-status:proposed:${request.scenarioId}`,
            `scenario-sector-status:healthcare:proposed:${request.scenarioId}`,
            `motion:approve-${request.scenarioId}`,
        ]);
        expect(result.event?.name).to.equal('MotionOpened');
        expect(JSON.parse(result.event?.payload.toString() ?? '') as MotionOpenedEvent).to.deep.include({
            motionId: `approve-${request.scenarioId}`,
            kind: 'approve-scenario',
            subjectId: request.scenarioId,
        });
    });

    it('approves the scenario when the council carries the motion, and tells everyone', async () => {
        const { scenarioId } = await proposed(association);

        const result = await association.carry(`approve-${scenarioId}`);

        const dossier = await association.evaluate('scenarios:GetScenario', [scenarioId], {
            as: await association.stranger('CarrierMSP'),
        });
        const scenario = dossier.json<ScenarioDossier>().scenario;
        expect(scenario.status).to.equal('approved');
        expect(scenario.transitions[1]).to.deep.include({
            from: 'proposed',
            to: 'approved',
            reason: 'approved by the council',
            motionId: `approve-${scenarioId}`,
        });
        expect(result.writes.keys().map(describeKey)).to.have.members([
            `motion:approve-${scenarioId}`,
            `scenario:${scenarioId}`,
            `scenario-status:proposed:${scenarioId}`,
            `scenario-status:approved:${scenarioId}`,
            `scenario-sector-status:healthcare:proposed:${scenarioId}`,
            `scenario-sector-status:healthcare:approved:${scenarioId}`,
        ]);
        expect(result.event?.name).to.equal('ScenarioStatusChanged');
        expect(JSON.parse(result.event?.payload.toString() ?? '') as ScenarioStatusChangedEvent).to.deep.equal({
            scenarioId,
            from: 'proposed',
            to: 'approved',
            motionId: `approve-${scenarioId}`,
            txId: result.txId,
            at: association.ledger.time.toISOString(),
        });
    });

    it('rejects the scenario when the motion fails', async () => {
        const { scenarioId } = await proposed(association);
        association.ledger.advanceTime(3600_000);

        const result = await association.submit('membership:CloseMotion', [`approve-${scenarioId}`], {
            as: await association.stranger('SecretariatMSP'),
        });

        expect(JSON.parse(result.event?.payload.toString() ?? '') as ScenarioStatusChangedEvent).to.include({
            to: 'rejected',
        });
    });

    it('leaves a withdrawn scenario as it is when its motion closes', async () => {
        const { scenarioId, lead } = await proposed(association);
        await association.submit('scenarios:WithdrawScenario', [scenarioId, 'funding fell through'], { as: lead });

        const result = await association.carry(`approve-${scenarioId}`);

        expect(result.writes.keys().map(describeKey)).to.deep.equal([`motion:approve-${scenarioId}`]);
        expect(result.event?.name).to.equal('MotionClosed');
    });

    it('refuses a proposal whose lead is another member', async () => {
        await expectRefusal(
            association.submit('scenarios:ProposeScenario', [JSON.stringify(proposal(association.ids.carrier))], {
                as: await association.councillor('healthco'),
            }),
            'UNAUTHORIZED',
            { text: 'only the lead member' },
        );
    });

    it('refuses a member that is not active', async () => {
        const applicantId = uniqueId('applicant');
        const applicant = await association.stranger('HealthcoMSP');
        await association.submit('membership:Apply', [JSON.stringify(application(applicantId, 'HealthcoMSP'))], {
            as: applicant,
        });

        await expectRefusal(
            association.submit('scenarios:ProposeScenario', [JSON.stringify(proposal(applicantId))], {
                as: applicant,
            }),
            'UNAUTHORIZED',
            { text: 'must be active' },
        );
    });

    it('refuses an identity of another organisation bound to no member', async () => {
        await expectRefusal(
            association.submit('scenarios:ProposeScenario', [JSON.stringify(proposal(association.ids.healthco))], {
                as: await association.stranger('CarrierMSP'),
            }),
            'UNAUTHORIZED',
        );
    });

    it('refuses a scenario ID that exists', async () => {
        const { scenarioId, lead } = await proposed(association);

        await expectRefusal(
            association.submit(
                'scenarios:ProposeScenario',
                [JSON.stringify(proposal(association.ids.healthco, { scenarioId }))],
                { as: lead },
            ),
            'CONFLICT',
        );
    });

    const invalid: [string, (ids: Association['ids']) => object, string][] = [
        ['an end before the start', () => ({ plannedEnd: '2027-02-28' }), 'proposal.plannedEnd'],
        ['an impossible date', () => ({ plannedStart: '2027-02-30' }), 'proposal.plannedStart'],
        [
            'the lead among the planned participants',
            (ids) => ({ plannedParticipants: [ids.healthco] }),
            'proposal.plannedParticipants',
        ],
        [
            'a planned participant twice',
            (ids) => ({ plannedParticipants: [ids.carrier, ids.carrier] }),
            'proposal.plannedParticipants',
        ],
        [
            'a planned participant that is not a member',
            () => ({ plannedParticipants: ['ghost'] }),
            'proposal.plannedParticipants[0]',
        ],
        ['an empty title', () => ({ title: '' }), 'proposal.title'],
        ['an unknown field', () => ({ budget: 10 }), 'proposal.budget'],
    ];
    for (const [what, change, field] of invalid) {
        it(`refuses ${what}`, async () => {
            await expectRefusal(
                association.submit(
                    'scenarios:ProposeScenario',
                    [JSON.stringify({ ...proposal(association.ids.healthco), ...change(association.ids) })],
                    { as: await association.councillor('healthco') },
                ),
                'VALIDATION',
                { field },
            );
        });
    }
});

describe('scenarios:WithdrawScenario', () => {
    let identities: TestIdentities;
    let association: Association;

    before(async () => {
        identities = await createIdentities();
    });

    beforeEach(async () => {
        association = await Association.bootstrapped(identities);
    });

    it('lets the lead withdraw an approved scenario, keeping why', async () => {
        const { scenarioId, lead } = await approved(association);

        const result = await association.submit('scenarios:WithdrawScenario', [scenarioId, 'partner left'], {
            as: lead,
        });

        expect(result.json<Scenario>().status).to.equal('withdrawn');
        expect(result.json<Scenario>().transitions.at(-1)).to.deep.include({
            reason: 'partner left',
            from: 'approved',
        });
        expect(result.event?.name).to.equal('ScenarioStatusChanged');
    });

    it('refuses a member that is not the lead', async () => {
        const { scenarioId } = await approved(association);

        await expectRefusal(
            association.submit('scenarios:WithdrawScenario', [scenarioId, 'hostile'], {
                as: await association.councillor('carrier'),
            }),
            'UNAUTHORIZED',
        );
    });

    it('refuses a scenario that is piloting', async () => {
        const { scenarioId, lead } = await piloting(association);

        await expectRefusal(
            association.submit('scenarios:WithdrawScenario', [scenarioId, 'late'], { as: lead }),
            'INVALID_STATE',
        );
    });

    it('refuses an unknown scenario', async () => {
        await expectRefusal(
            association.submit('scenarios:WithdrawScenario', [uniqueId('ghost'), 'x'], {
                as: await association.councillor('healthco'),
            }),
            'NOT_FOUND',
        );
    });
});

describe('scenarios:StartPilot', () => {
    let identities: TestIdentities;

    before(async () => {
        identities = await createIdentities();
    });

    it('starts the pilot of an approved scenario', async () => {
        const association = await Association.bootstrapped(identities);
        const { scenarioId, lead } = await approved(association);

        const result = await association.submit('scenarios:StartPilot', [scenarioId], { as: lead });

        expect(result.json<Scenario>().status).to.equal('piloting');
        expect(result.writes.keys().map(describeKey)).to.have.members([
            `scenario:${scenarioId}`,
            `scenario-status:approved:${scenarioId}`,
            `scenario-status:piloting:${scenarioId}`,
            `scenario-sector-status:healthcare:approved:${scenarioId}`,
            `scenario-sector-status:healthcare:piloting:${scenarioId}`,
        ]);
        expect(result.reads.ranges()).to.have.length(1);
        expect(result.event?.name).to.equal('ScenarioStatusChanged');
    });

    it("refuses a start while the charter's cap of running pilots is reached", async () => {
        const association = await Association.bootstrapped(identities, { maxRunningPilots: 1 });
        await piloting(association);
        const { scenarioId, lead } = await approved(association);

        const refusal = await expectRefusal(
            association.submit('scenarios:StartPilot', [scenarioId], { as: lead }),
            'INVALID_STATE',
            { text: 'maxRunningPilots' },
        );

        expect(refusal.details).to.deep.include({ maxRunningPilots: 1, running: 1 });
    });

    it('counts only running pilots: an evaluated one frees its place', async () => {
        const association = await Association.bootstrapped(identities, { maxRunningPilots: 1 });
        await evaluated(association);
        const { scenarioId, lead } = await approved(association);

        const result = await association.submit('scenarios:StartPilot', [scenarioId], { as: lead });

        expect(result.json<Scenario>().status).to.equal('piloting');
    });

    it('lets only one of two concurrent starts commit when one place is left (phantom read)', async () => {
        // Given a cap of one and two approved scenarios
        const association = await Association.bootstrapped(identities, { maxRunningPilots: 1 });
        const first = await approved(association);
        const second = await approved(association);

        // When both leads start their pilots against the same committed state
        const results = await Promise.all([
            association.invoke('scenarios:StartPilot', [first.scenarioId], { as: first.lead }),
            association.invoke('scenarios:StartPilot', [second.scenarioId], { as: second.lead }),
        ]);

        // Then both simulate successfully but only one commits; the other fails the phantom-read check
        expect(results.map((r) => r.status)).to.deep.equal([200, 200]);
        expect(results.map((r) => r.validationCode)).to.have.members(['VALID', 'PHANTOM_READ_CONFLICT']);
    });

    it('refuses a scenario that is not approved yet', async () => {
        const association = await Association.bootstrapped(identities);
        const { scenarioId, lead } = await proposed(association);

        await expectRefusal(association.submit('scenarios:StartPilot', [scenarioId], { as: lead }), 'INVALID_STATE', {
            text: 'is proposed',
        });
    });

    it('refuses a member that is not the lead', async () => {
        const association = await Association.bootstrapped(identities);
        const { scenarioId } = await approved(association);

        await expectRefusal(
            association.submit('scenarios:StartPilot', [scenarioId], { as: await association.councillor('centres') }),
            'UNAUTHORIZED',
        );
    });
});

describe('scenarios: evaluation and closure', () => {
    let identities: TestIdentities;
    let association: Association;

    before(async () => {
        identities = await createIdentities();
    });

    beforeEach(async () => {
        association = await Association.bootstrapped(identities);
    });

    it('records the evaluation report of a pilot', async () => {
        const { scenarioId, lead } = await piloting(association);

        const result = await association.submit('scenarios:SubmitEvaluation', [scenarioId, JSON.stringify(report)], {
            as: lead,
        });

        const scenario = result.json<Scenario>();
        expect(scenario.status).to.equal('evaluated');
        expect(scenario.evaluation).to.deep.equal({
            ...report,
            recorded: {
                at: association.ledger.time.toISOString(),
                byMemberId: association.ids.healthco,
                byMspId: 'HealthcoMSP',
                txId: result.txId,
            },
        });
        expect(result.event?.name).to.equal('ScenarioStatusChanged');
    });

    it('refuses an evaluation of a scenario that is not piloting', async () => {
        const { scenarioId, lead } = await approved(association);

        await expectRefusal(
            association.submit('scenarios:SubmitEvaluation', [scenarioId, JSON.stringify(report)], { as: lead }),
            'INVALID_STATE',
        );
    });

    it('refuses an evaluation by a participant that is not the lead', async () => {
        const scenario = await piloting(association);
        const participant = await join(association, scenario, 'carrier');

        await expectRefusal(
            association.submit('scenarios:SubmitEvaluation', [scenario.scenarioId, JSON.stringify(report)], {
                as: participant,
            }),
            'UNAUTHORIZED',
        );
    });

    const invalidReports: [string, object, string][] = [
        ['no KPI', { ...report, kpis: [] }, 'report.kpis'],
        ['a KPI twice', { ...report, kpis: [report.kpis[0], report.kpis[0]] }, 'report.kpis'],
        [
            'a KPI value that is not a number',
            { ...report, kpis: [{ name: 'n', value: '3', unit: 'u' }] },
            'report.kpis[0].value',
        ],
        [
            'evidence with a bad hash',
            { ...report, evidence: { sha256: 'ABC', uri: 'https://x.example' } },
            'report.evidence.sha256',
        ],
    ];
    for (const [what, body, field] of invalidReports) {
        it(`refuses a report with ${what}`, async () => {
            const { scenarioId, lead } = await piloting(association);

            await expectRefusal(
                association.submit('scenarios:SubmitEvaluation', [scenarioId, JSON.stringify(body)], { as: lead }),
                'VALIDATION',
                { field },
            );
        });
    }

    it('lets a participant acknowledge the evaluation once', async () => {
        const { scenarioId, participant } = await evaluated(association);

        const result = await association.submit('scenarios:AcknowledgeEvaluation', [scenarioId], { as: participant });

        expect(result.json<EvaluationAcknowledgement>()).to.deep.include({
            scenarioId,
            memberId: association.ids.centres,
        });
        expect(result.writes.keys().map(describeKey)).to.deep.equal([
            `acknowledgement:${scenarioId}:${association.ids.centres}`,
        ]);
        await expectRefusal(
            association.submit('scenarios:AcknowledgeEvaluation', [scenarioId], { as: participant }),
            'CONFLICT',
        );
    });

    it('refuses an acknowledgement by the lead or by a member not taking part', async () => {
        const { scenarioId, lead } = await evaluated(association);

        await expectRefusal(
            association.submit('scenarios:AcknowledgeEvaluation', [scenarioId], { as: lead }),
            'UNAUTHORIZED',
        );
        await expectRefusal(
            association.submit('scenarios:AcknowledgeEvaluation', [scenarioId], {
                as: await association.councillor('carrier'),
            }),
            'UNAUTHORIZED',
        );
    });

    it('refuses an acknowledgement before the evaluation', async () => {
        const scenario = await piloting(association);
        const participant = await join(association, scenario, 'centres');

        await expectRefusal(
            association.submit('scenarios:AcknowledgeEvaluation', [scenario.scenarioId], { as: participant }),
            'INVALID_STATE',
        );
    });

    it('closes an evaluated scenario', async () => {
        const { scenarioId, lead } = await evaluated(association);

        const result = await association.submit('scenarios:CloseScenario', [scenarioId], { as: lead });

        expect(result.json<Scenario>().transitions.map((t) => t.to)).to.deep.equal([
            'proposed',
            'approved',
            'piloting',
            'evaluated',
            'closed',
        ]);
        expect(result.event?.name).to.equal('ScenarioStatusChanged');
    });

    it('refuses to close a scenario that is still piloting', async () => {
        const { scenarioId, lead } = await piloting(association);

        await expectRefusal(association.submit('scenarios:CloseScenario', [scenarioId], { as: lead }), 'INVALID_STATE');
    });
});

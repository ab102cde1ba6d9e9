import { expect } from 'chai';
import type { Milestone, ParticipationRequest, Scenario } from '@bia/model';
import { describeKey } from '../../../fixtures/chaincode-harness';
import type { TestIdentities } from '../../../fixtures/identities';
import { Association, createIdentities, expectRefusal, uniqueId } from '../membership/association';
import { approved, evaluated, join, piloting, proposed } from './scenario-helpers';

describe('scenarios: joining and leaving', () => {
    let identities: TestIdentities;
    let association: Association;

    before(async () => {
        identities = await createIdentities();
    });

    beforeEach(async () => {
        association = await Association.bootstrapped(identities);
    });

    it('records a request to join under its own key', async () => {
        const { scenarioId } = await approved(association);
        const carrier = await association.councillor('carrier');

        const result = await association.submit('scenarios:RequestParticipation', [scenarioId, 'join'], {
            as: carrier,
        });

        expect(result.json<ParticipationRequest>()).to.deep.equal({
            scenarioId,
            memberId: association.ids.carrier,
            action: 'join',
            requested: {
                at: association.ledger.time.toISOString(),
                byMemberId: association.ids.carrier,
                byMspId: 'CarrierMSP',
                txId: result.txId,
            },
        });
        expect(result.writes.keys().map(describeKey)).to.deep.equal([
            `participation:${scenarioId}:${association.ids.carrier}`,
        ]);
    });

    it('adds the member when the lead consents, and removes the request', async () => {
        const { scenarioId, lead } = await approved(association);
        await association.submit('scenarios:RequestParticipation', [scenarioId, 'join'], {
            as: await association.councillor('carrier'),
        });

        const result = await association.submit(
            'scenarios:ConsentToParticipation',
            [scenarioId, association.ids.carrier],
            { as: lead },
        );

        expect(result.json<Scenario>().participants).to.deep.equal([association.ids.healthco, association.ids.carrier]);
        expect(result.writes.putKeys().map(describeKey)).to.deep.equal([`scenario:${scenarioId}`]);
        expect(result.writes.deletedKeys().map(describeKey)).to.deep.equal([
            `participation:${scenarioId}:${association.ids.carrier}`,
        ]);
    });

    it('lets a participant leave with the lead consent', async () => {
        const scenario = await piloting(association);
        const carrier = await join(association, scenario, 'carrier');
        await association.submit('scenarios:RequestParticipation', [scenario.scenarioId, 'leave'], { as: carrier });

        const result = await association.submit(
            'scenarios:ConsentToParticipation',
            [scenario.scenarioId, association.ids.carrier],
            { as: scenario.lead },
        );

        expect(result.json<Scenario>().participants).to.deep.equal([association.ids.healthco]);
    });

    it('declines a request: it is removed and the member does not join', async () => {
        const { scenarioId, lead } = await approved(association);
        await association.submit('scenarios:RequestParticipation', [scenarioId, 'join'], {
            as: await association.councillor('carrier'),
        });

        const result = await association.submit(
            'scenarios:DeclineParticipation',
            [scenarioId, association.ids.carrier, 'no cold-chain capacity needed'],
            { as: lead },
        );

        expect(result.json<ParticipationRequest>()).to.include({ memberId: association.ids.carrier, action: 'join' });
        expect(result.writes.deletedKeys().map(describeKey)).to.deep.equal([
            `participation:${scenarioId}:${association.ids.carrier}`,
        ]);
        expect(result.writes.putKeys()).to.deep.equal([]);
    });

    it('refuses a second pending request of the same member', async () => {
        const { scenarioId } = await approved(association);
        const carrier = await association.councillor('carrier');
        await association.submit('scenarios:RequestParticipation', [scenarioId, 'join'], { as: carrier });

        await expectRefusal(
            association.submit('scenarios:RequestParticipation', [scenarioId, 'join'], { as: carrier }),
            'CONFLICT',
        );
    });

    it('refuses a join by a participant and a leave by a non-participant or the lead', async () => {
        const scenario = await approved(association);
        const centres = await join(association, scenario, 'centres');

        await expectRefusal(
            association.submit('scenarios:RequestParticipation', [scenario.scenarioId, 'join'], { as: centres }),
            'INVALID_STATE',
            { text: 'already takes part' },
        );
        await expectRefusal(
            association.submit('scenarios:RequestParticipation', [scenario.scenarioId, 'leave'], {
                as: await association.councillor('carrier'),
            }),
            'INVALID_STATE',
        );
        await expectRefusal(
            association.submit('scenarios:RequestParticipation', [scenario.scenarioId, 'leave'], { as: scenario.lead }),
            'INVALID_STATE',
            { text: 'other than the lead' },
        );
    });

    it('refuses a request once the scenario is evaluated', async () => {
        const { scenarioId } = await evaluated(association);

        await expectRefusal(
            association.submit('scenarios:RequestParticipation', [scenarioId, 'join'], {
                as: await association.councillor('carrier'),
            }),
            'INVALID_STATE',
        );
    });

    it('refuses an unknown action', async () => {
        const { scenarioId } = await approved(association);

        await expectRefusal(
            association.submit('scenarios:RequestParticipation', [scenarioId, 'lurk'], {
                as: await association.councillor('carrier'),
            }),
            'VALIDATION',
            { field: 'action' },
        );
    });

    it('refuses consent or refusal by a member that is not the lead', async () => {
        const { scenarioId } = await approved(association);
        const carrier = await association.councillor('carrier');
        await association.submit('scenarios:RequestParticipation', [scenarioId, 'join'], { as: carrier });

        await expectRefusal(
            association.submit('scenarios:ConsentToParticipation', [scenarioId, association.ids.carrier], {
                as: carrier,
            }),
            'UNAUTHORIZED',
        );
        await expectRefusal(
            association.submit('scenarios:DeclineParticipation', [scenarioId, association.ids.carrier, 'x'], {
                as: await association.councillor('centres'),
            }),
            'UNAUTHORIZED',
        );
    });

    it('refuses consent without a pending request', async () => {
        const { scenarioId, lead } = await approved(association);

        await expectRefusal(
            association.submit('scenarios:ConsentToParticipation', [scenarioId, association.ids.carrier], { as: lead }),
            'NOT_FOUND',
        );
        await expectRefusal(
            association.submit('scenarios:DeclineParticipation', [scenarioId, association.ids.carrier, 'x'], {
                as: lead,
            }),
            'NOT_FOUND',
        );
    });

    it('refuses a decline without a reason', async () => {
        const { scenarioId, lead } = await approved(association);

        await expectRefusal(
            association.submit('scenarios:DeclineParticipation', [scenarioId, association.ids.carrier, ''], {
                as: lead,
            }),
            'VALIDATION',
            { field: 'reason' },
        );
    });

    it('refuses consent when the joining member is no longer active', async () => {
        const { scenarioId, lead } = await approved(association);
        const carrier = await association.councillor('carrier');
        await association.submit('scenarios:RequestParticipation', [scenarioId, 'join'], { as: carrier });
        await association.submit('membership:Withdraw', [association.ids.carrier, 'leaving'], { as: carrier });

        await expectRefusal(
            association.submit('scenarios:ConsentToParticipation', [scenarioId, association.ids.carrier], { as: lead }),
            'INVALID_STATE',
            { text: 'no longer active' },
        );
    });
});

describe('scenarios:RecordMilestone', () => {
    let identities: TestIdentities;
    let association: Association;

    before(async () => {
        identities = await createIdentities();
    });

    beforeEach(async () => {
        association = await Association.bootstrapped(identities);
    });

    const milestone = (milestoneId = uniqueId('milestone')) => ({
        milestoneId,
        title: 'First tracked delivery',
        evidence: { sha256: 'b'.repeat(64), uri: 'https://docs.example/first-delivery.pdf' },
    });

    it('records a milestone of a participant, with evidence as hash and URI', async () => {
        const scenario = await piloting(association);
        const centres = await join(association, scenario, 'centres');
        const body = milestone();

        const result = await association.submit(
            'scenarios:RecordMilestone',
            [scenario.scenarioId, JSON.stringify(body)],
            { as: centres },
        );

        expect(result.json<Milestone>()).to.deep.equal({
            scenarioId: scenario.scenarioId,
            ...body,
            recorded: {
                at: association.ledger.time.toISOString(),
                byMemberId: association.ids.centres,
                byMspId: 'HealthCentresMSP',
                txId: result.txId,
            },
        });
        expect(result.writes.keys().map(describeKey)).to.deep.equal([
            `milestone:${scenario.scenarioId}:${body.milestoneId}`,
        ]);
    });

    it('refuses a member not taking part', async () => {
        const { scenarioId } = await piloting(association);

        await expectRefusal(
            association.submit('scenarios:RecordMilestone', [scenarioId, JSON.stringify(milestone())], {
                as: await association.councillor('carrier'),
            }),
            'UNAUTHORIZED',
        );
    });

    it('refuses a milestone of a scenario not approved yet', async () => {
        const { scenarioId, lead } = await proposed(association);

        await expectRefusal(
            association.submit('scenarios:RecordMilestone', [scenarioId, JSON.stringify(milestone())], { as: lead }),
            'INVALID_STATE',
        );
    });

    it('refuses a milestone ID that exists', async () => {
        const { scenarioId, lead } = await approved(association);
        const body = milestone();
        await association.submit('scenarios:RecordMilestone', [scenarioId, JSON.stringify(body)], { as: lead });

        await expectRefusal(
            association.submit('scenarios:RecordMilestone', [scenarioId, JSON.stringify(body)], { as: lead }),
            'CONFLICT',
        );
    });

    it('refuses evidence without a proper URI', async () => {
        const { scenarioId, lead } = await approved(association);
        const body = { ...milestone(), evidence: { sha256: 'c'.repeat(64), uri: 'report.pdf' } };

        await expectRefusal(
            association.submit('scenarios:RecordMilestone', [scenarioId, JSON.stringify(body)], { as: lead }),
            'VALIDATION',
            { field: 'milestone.evidence.uri' },
        );
    });
});

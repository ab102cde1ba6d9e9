// Test helpers for the scenarios contract: proposals, and scenarios brought to a given status.
import type { ScenarioProposal } from '@bia/model';
import type { TestIdentity } from '../../../fixtures/identities';
import { type Association, uniqueId } from '../membership/association';

export function proposal(leadMemberId: string, overrides: Partial<ScenarioProposal> = {}): ScenarioProposal {
    return {
        scenarioId: uniqueId('scenario'),
        title: 'Cold-chain tracking of vaccines to health centres',
        sector: 'Healthcare',
        problem: 'Vaccines spoil unnoticed between the warehouse and the health centres.',
        expectedOutcome: 'Every excursion is visible to the receiving centre before it accepts the delivery.',
        leadMemberId,
        plannedParticipants: [],
        plannedStart: '2027-03-01',
        plannedEnd: '2027-08-31',
        ...overrides,
    };
}

/** Healthco's operator proposes a scenario it leads; returns the scenario ID. */
export async function proposed(
    association: Association,
    overrides: Partial<ScenarioProposal> = {},
): Promise<{ scenarioId: string; lead: TestIdentity }> {
    const lead = await association.councillor('healthco');
    const request = proposal(association.ids.healthco, overrides);
    await association.submit('scenarios:ProposeScenario', [JSON.stringify(request)], { as: lead });
    return { scenarioId: request.scenarioId, lead };
}

export async function approved(
    association: Association,
    overrides: Partial<ScenarioProposal> = {},
): Promise<{ scenarioId: string; lead: TestIdentity }> {
    const scenario = await proposed(association, overrides);
    await association.carry(`approve-${scenario.scenarioId}`);
    return scenario;
}

export async function piloting(
    association: Association,
    overrides: Partial<ScenarioProposal> = {},
): Promise<{ scenarioId: string; lead: TestIdentity }> {
    const scenario = await approved(association, overrides);
    await association.submit('scenarios:StartPilot', [scenario.scenarioId], { as: scenario.lead });
    return scenario;
}

/** A member (by founding name) joins a scenario: it asks, the lead consents. */
export async function join(
    association: Association,
    scenario: { scenarioId: string; lead: TestIdentity },
    name: 'centres' | 'carrier' | 'secretariat',
): Promise<TestIdentity> {
    const member = await association.councillor(name);
    await association.submit('scenarios:RequestParticipation', [scenario.scenarioId, 'join'], { as: member });
    await association.submit('scenarios:ConsentToParticipation', [scenario.scenarioId, association.ids[name]], {
        as: scenario.lead,
    });
    return member;
}

export const report = {
    summary: 'Excursions fell by half; centres rejected two spoiled deliveries.',
    kpis: [
        { name: 'excursions per 100 deliveries', value: 3.5, unit: 'count', target: 5 },
        { name: 'deliveries tracked', value: 412, unit: 'count' },
    ],
    evidence: { sha256: 'a'.repeat(64), uri: 'https://docs.healthco.example/pilot-report.pdf' },
};

export async function evaluated(
    association: Association,
): Promise<{ scenarioId: string; lead: TestIdentity; participant: TestIdentity }> {
    const scenario = await piloting(association);
    const participant = await join(association, scenario, 'centres');
    await association.submit('scenarios:SubmitEvaluation', [scenario.scenarioId, JSON.stringify(report)], {
        as: scenario.lead,
    });
    return { ...scenario, participant };
}

// Phase 3: founders propose pilot scenarios, the council decides, pilots start until the charter's cap refuses one.
import { createHash } from 'node:crypto';
import { InvalidStateError, type Scenario } from '@bia/client';
import { expectStory, type Stage } from '../stage';
import type { StoryScenario } from '../story-types';

export async function runPilots(stage: Stage): Promise<string> {
    const { story } = stage;
    const proposed = await stage.each(story.scenarios, (scenario) =>
        stage.submitAs(scenario.leadMemberId, (client) =>
            client.scenarios.propose({
                scenarioId: scenario.scenarioId,
                title: scenario.title,
                sector: scenario.sector,
                problem: scenario.problem,
                expectedOutcome: scenario.expectedOutcome,
                leadMemberId: scenario.leadMemberId,
                plannedParticipants: scenario.plannedParticipants,
                plannedStart: scenario.plannedStart,
                plannedEnd: scenario.plannedEnd,
            }),
        ),
    );
    await stage.decide(
        proposed.map((scenario, index) => ({
            motionId: scenario.motionId,
            carry: story.scenarios[index]?.councilApproves ?? false,
        })),
    );
    const approved = story.scenarios.filter((s) => s.councilApproves);
    const cap = story.charter.maxRunningPilots;
    expectStory(approved.length > cap, `the story needs more than ${cap} approved scenarios to reach the pilot cap`);
    // One after another: each start checks the running pilots, and the cap is what this phase demonstrates.
    const started: Scenario[] = [];
    for (const scenario of approved.slice(0, cap)) {
        started.push(await start(stage, scenario));
    }
    const refused = approved[cap] as StoryScenario;
    await expectCapRefusal(stage, refused);
    await stage.each(started, (scenario) =>
        stage.submitAs(scenario.leadMemberId, (client) =>
            client.scenarios.recordMilestone(scenario.scenarioId, {
                milestoneId: 'kick-off',
                title: 'Pilot kick-off meeting',
                evidence: evidence(`kick-off minutes of ${scenario.scenarioId}`),
            }),
        ),
    );
    const rejected = story.scenarios.length - approved.length;
    return `${story.scenarios.length} proposed, ${approved.length} approved, ${rejected} rejected; ${started.length} piloting, pilot ${cap + 1} (${refused.scenarioId}) refused by the cap`;
}

async function start(stage: Stage, scenario: StoryScenario): Promise<Scenario> {
    const started = await stage.submitAs(scenario.leadMemberId, (client) =>
        client.scenarios.startPilot(scenario.scenarioId),
    );
    expectStory(started.status === 'piloting', `scenario ${scenario.scenarioId} is ${started.status} after its start`);
    return started;
}

async function expectCapRefusal(stage: Stage, scenario: StoryScenario): Promise<void> {
    const refusal = await stage
        .submitAs(scenario.leadMemberId, (client) => client.scenarios.startPilot(scenario.scenarioId))
        .then(
            () => undefined,
            (error: unknown) => error,
        );
    expectStory(
        refusal instanceof InvalidStateError && refusal.details['rule'] === 'maxRunningPilots',
        `starting pilot ${scenario.scenarioId} beyond the cap was not refused by the cap (${String(refusal)})`,
    );
}

function evidence(document: string): { sha256: string; uri: string } {
    const sha256 = createHash('sha256').update(document).digest('hex');
    return { sha256, uri: `https://docs.example.org/${sha256}` };
}

import { expect } from 'chai';
import type { Page, Scenario, ScenarioDossier } from '@bia/model';
import type { TestIdentities, TestIdentity } from '../../../fixtures/identities';
import { Association, createIdentities, expectRefusal, uniqueId } from '../membership/association';
import { approved, evaluated, proposed } from './scenario-helpers';

describe('scenarios queries', () => {
    let identities: TestIdentities;
    let association: Association;
    let reader: TestIdentity;

    before(async () => {
        identities = await createIdentities();
    });

    beforeEach(async () => {
        association = await Association.bootstrapped(identities);
        reader = await association.stranger('CarrierMSP');
    });

    async function query(filter: object): Promise<{ ids: string[]; page: Page<Scenario>; richQueries: number }> {
        const result = await association.evaluate('scenarios:QueryScenarios', [JSON.stringify(filter)], { as: reader });
        expect(result.writes.isEmpty).to.equal(true);
        const page = result.json<Page<Scenario>>();
        return { ids: page.records.map((s) => s.scenarioId), page, richQueries: result.reads.richQueries().length };
    }

    it('returns a scenario with its milestones, pending requests and acknowledgements', async () => {
        const { scenarioId, participant } = await evaluated(association);
        await association.submit('scenarios:AcknowledgeEvaluation', [scenarioId], { as: participant });

        const result = await association.evaluate('scenarios:GetScenario', [scenarioId], { as: reader });

        const dossier = result.json<ScenarioDossier>();
        expect(dossier.scenario).to.deep.include({ scenarioId, status: 'evaluated' });
        expect(dossier.scenario.participants).to.deep.equal([association.ids.healthco, association.ids.centres]);
        expect(dossier.acknowledgements.map((a) => a.memberId)).to.deep.equal([association.ids.centres]);
        expect(dossier.milestones).to.deep.equal([]);
        expect(dossier.pendingRequests).to.deep.equal([]);
        expect(result.writes.isEmpty).to.equal(true);
    });

    it('lists pending requests and milestones in the dossier', async () => {
        const scenario = await approved(association);
        await association.submit('scenarios:RequestParticipation', [scenario.scenarioId, 'join'], {
            as: await association.councillor('carrier'),
        });
        const milestone = {
            milestoneId: uniqueId('milestone'),
            title: 'Kick-off',
            evidence: { sha256: 'd'.repeat(64), uri: 'https://docs.example/kickoff' },
        };
        await association.submit('scenarios:RecordMilestone', [scenario.scenarioId, JSON.stringify(milestone)], {
            as: scenario.lead,
        });

        const dossier = (
            await association.evaluate('scenarios:GetScenario', [scenario.scenarioId], { as: reader })
        ).json<ScenarioDossier>();

        expect(dossier.pendingRequests.map((r) => [r.memberId, r.action])).to.deep.equal([
            [association.ids.carrier, 'join'],
        ]);
        expect(dossier.milestones.map((m) => m.milestoneId)).to.deep.equal([milestone.milestoneId]);
    });

    it('refuses an unknown scenario', async () => {
        await expectRefusal(
            association.evaluate('scenarios:GetScenario', [uniqueId('ghost')], { as: reader }),
            'NOT_FOUND',
        );
    });

    it('lists scenarios by status, by sector, by both and all from composite-key indexes, with pages', async () => {
        const health = await approved(association);
        const logistics = await proposed(association, { sector: 'Logistics' });
        const other = await proposed(association, { sector: 'healthcare' });

        const byStatus = await query({ status: 'proposed' });
        const bySector = await query({ sector: 'HEALTHCARE' });
        const both = await query({ status: 'proposed', sector: 'healthcare' });
        const all = await query({});
        const firstPage = await query({ pageSize: 2 });
        const secondPage = await query({ pageSize: 2, bookmark: firstPage.page.bookmark });

        expect(byStatus.ids).to.have.members([logistics.scenarioId, other.scenarioId]);
        expect(bySector.ids).to.have.members([health.scenarioId, other.scenarioId]);
        expect(both.ids).to.deep.equal([other.scenarioId]);
        for (const result of [byStatus, bySector, both, all, firstPage, secondPage]) {
            expect(result.richQueries).to.equal(0);
        }
        expect(all.ids).to.have.members([health.scenarioId, logistics.scenarioId, other.scenarioId]);
        expect(firstPage.ids).to.have.length(2);
        expect([...firstPage.ids, ...secondPage.ids]).to.have.members(all.ids);
        expect(secondPage.page.bookmark).to.equal('');
    });

    it('refuses an invalid query', async () => {
        await expectRefusal(
            association.evaluate('scenarios:QueryScenarios', [JSON.stringify({ status: 'dreaming' })], { as: reader }),
            'VALIDATION',
            { field: 'query.status' },
        );
        await expectRefusal(
            association.evaluate('scenarios:QueryScenarios', [JSON.stringify({ pageSize: 1000 })], { as: reader }),
            'VALIDATION',
            { field: 'query.pageSize' },
        );
    });
});

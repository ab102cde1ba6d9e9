// The founding day, shortened, on the devnet: the same story data and player as `npm start`, then the ledger
// is read back through the client library and compared with what the story says must have happened.
import { expect, use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { type AssociationClient, connect } from '@bia/client';
import { Cast } from '../../../scripts/founding-day/cast';
import { type StoryNetwork, startStoryDevnet } from '../../../scripts/founding-day/networks';
import { type PhaseProgress, StoryError, playStory, storyPhaseCount } from '../../../scripts/founding-day/player';
import { shortenStory } from '../../../scripts/founding-day/shorten';
import { foundingDay } from '../../../scripts/founding-day/story';

use(chaiAsPromised);

const story = shortenStory(foundingDay, {
    applicants: 6,
    approvedScenarios: 3,
    receivers: 2,
    sensorsPerShipment: 2,
    readingsPerSensor: 2,
});

describe('the founding day, shortened, on the devnet', function () {
    this.timeout(180_000);
    let network: StoryNetwork;
    let reader: AssociationClient;
    const progress: PhaseProgress[] = [];

    before(async () => {
        network = await startStoryDevnet();
        const cast = new Cast(network.connectionFiles);
        try {
            await playStory(story, cast, { concurrency: 8, onProgress: (p) => progress.push(p) });
        } finally {
            await cast.close();
        }
        const connectionFile = network.connectionFiles.get('healthco');
        reader = await connect({ connectionFile: connectionFile!, identity: 'Admin' });
    });

    after(async () => {
        reader.close();
        await network.stop();
    });

    it('is a shorter story with every kind of outcome', () => {
        const outcomes = new Set(story.applicants.map((a) => a.outcome));
        expect(story.applicants.length).to.be.lessThan(foundingDay.applicants.length);
        expect([...outcomes].sort()).to.deep.equal(['admitted', 'rejected', 'withdrawn']);
        expect(story.scenarios.some((s) => !s.councilApproves)).to.equal(true);
    });

    it('reports every phase once, in order, with the transactions it ran', () => {
        expect(progress.map((p) => p.index)).to.deep.equal(Array.from({ length: storyPhaseCount }, (_, i) => i + 1));
        for (const phase of progress) {
            expect(phase.transactions, phase.phase).to.be.greaterThan(0);
        }
    });

    it('leaves the founders and the admitted applicants active, the others rejected or withdrawn', async () => {
        const members = (await reader.membership.queryMembers({ pageSize: 100 })).records;
        const expected = new Map<string, string>([
            ...story.foundingMembers.map((m) => [m.memberId, 'active'] as const),
            ...story.applicants.map((a) => [a.memberId, a.outcome === 'admitted' ? 'active' : a.outcome] as const),
        ]);
        expect(new Map(members.map((m) => [m.memberId, m.status]))).to.deep.equal(expected);
        expect(members.filter((m) => m.founding).map((m) => m.memberId)).to.have.members(
            story.foundingMembers.map((m) => m.memberId),
        );
    });

    it('runs as many pilots as the charter allows, refuses the next and records the rejected scenario', async () => {
        const charter = await reader.membership.getCharter();
        const scenarios = (await reader.scenarios.query({ pageSize: 100 })).records;
        const count = (status: string): number => scenarios.filter((s) => s.status === status).length;
        const approved = story.scenarios.filter((s) => s.councilApproves).length;

        expect(count('piloting')).to.equal(charter.maxRunningPilots);
        expect(count('approved')).to.equal(approved - charter.maxRunningPilots);
        expect(count('rejected')).to.equal(story.scenarios.length - approved);
    });

    it('inks every deal with every party signature, keeping the terms off the public record', async () => {
        const deals = (await reader.deals.query({ pageSize: 100 })).records;
        expect(deals.map((d) => d.dealId)).to.have.members(story.deals.map((d) => d.dealId));
        for (const deal of deals) {
            const planned = story.deals.find((d) => d.dealId === deal.dealId)!;
            expect(deal.status, deal.dealId).to.equal('inked');
            expect(deal.signatures.map((s) => s.memberId)).to.have.members([...planned.partyMemberIds]);
            expect(JSON.stringify(deal)).not.to.include(planned.terms);
        }
    });

    it('delivers every shipment but the one with the excursion, which its receiver rejected', async () => {
        const { transport } = story;
        const shipments = (await reader.shipments.query({ dealId: transport.dealId, pageSize: 100 })).records;
        expect(shipments).to.have.length(transport.receiverMemberIds.length * transport.consignments.length);
        for (const shipment of shipments) {
            const provenance = await reader.shipments.provenance(shipment.shipmentId);
            const excursion =
                shipment.receiverMemberId === transport.excursion.receiverMemberId &&
                shipment.contents.category === transport.excursion.category;
            expect(provenance.checkpoints, shipment.shipmentId).to.have.length(
                transport.sensorsPerShipment * transport.readingsPerSensor,
            );
            expect(provenance.excursions.length > 0, shipment.shipmentId).to.equal(excursion);
            expect(shipment.status, shipment.shipmentId).to.equal(excursion ? 'rejected' : 'delivered');
            expect(provenance.handovers.map((h) => h.toMemberId)).to.deep.equal([
                transport.carrierMemberId,
                shipment.receiverMemberId,
            ]);
        }
    });

    it('stops at the first phase, naming it and the cause, when the story is played a second time', async () => {
        const cast = new Cast(network.connectionFiles);
        try {
            const replay = playStory(story, cast);
            await expect(replay).to.be.rejectedWith(
                StoryError,
                /phase 'charter and founders' failed: InvalidStateError/,
            );
        } finally {
            await cast.close();
        }
    });
});

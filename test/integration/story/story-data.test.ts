// The founding day's data is consistent with itself and the topology, and the check finds broken edits.
import { expect } from 'chai';
import { loadTopology } from '@bia/devnet';
import { checkStory } from '../../../scripts/founding-day/check-story';
import { shortenStory } from '../../../scripts/founding-day/shorten';
import { foundingDay } from '../../../scripts/founding-day/story';
import type { Story } from '../../../scripts/founding-day/story-types';

const organizations = loadTopology().organizations;

describe('the founding day story data', () => {
    it('tells the story the issue asks for', () => {
        const outcomes = foundingDay.applicants.map((a) => a.outcome);
        expect(foundingDay.foundingMembers).to.have.length(16);
        expect(foundingDay.applicants.length).to.be.within(30, 40);
        expect(outcomes.filter((o) => o !== 'admitted').length).to.be.within(2, 4);
        expect(foundingDay.charter.maxRunningPilots).to.equal(10);
        expect(foundingDay.deals).to.have.length(4);
        expect(foundingDay.transport.receiverMemberIds).to.have.length(4);
        expect(foundingDay.transport.consignments.map((c) => c.category)).to.have.members([
            'vaccine',
            'blood-product',
            'specimen',
        ]);
    });

    it('passes the check, whole and shortened', () => {
        const short = shortenStory(foundingDay, {
            applicants: 4,
            approvedScenarios: 2,
            receivers: 1,
            sensorsPerShipment: 1,
            readingsPerSensor: 1,
        });
        expect(checkStory(foundingDay, organizations)).to.deep.equal([]);
        expect(checkStory(short, organizations)).to.deep.equal([]);
    });

    it('finds a lead who is no founder, a rejected participant and a party of one organisation', () => {
        const [first] = foundingDay.scenarios;
        const rejected = foundingDay.applicants.find((a) => a.outcome === 'rejected')!;
        const broken: Story = {
            ...foundingDay,
            scenarios: [
                { ...first!, leadMemberId: 'centre-north', plannedParticipants: [rejected.memberId] },
                ...foundingDay.scenarios.slice(1),
            ],
            deals: [
                { ...foundingDay.deals[1]!, partyMemberIds: ['fabric-platform', 'univ-tech'] },
                ...foundingDay.deals.slice(2),
                foundingDay.deals[0]!,
            ],
        };
        expect(checkStory(broken, organizations)).to.have.members([
            `scenario ${first!.scenarioId}: lead centre-north is no founding member`,
            `scenario ${first!.scenarioId}: participant ${rejected.memberId} will not be an active member`,
            'deal deal-fabric-platform: parties must span two organisations (the endorsement policy)',
        ]);
    });

    it('finds more members than an organisation has users', () => {
        const fewUsers = organizations.map((o) => (o.name === 'secretariat' ? { ...o, userCount: 20 } : o));
        const hosted = [...foundingDay.foundingMembers, ...foundingDay.applicants].filter(
            (m) => m.host === 'secretariat',
        );
        expect(checkStory(foundingDay, fewUsers)).to.deep.equal([
            `organisation secretariat hosts ${hosted.length} members but issues only 20 users`,
        ]);
    });
});

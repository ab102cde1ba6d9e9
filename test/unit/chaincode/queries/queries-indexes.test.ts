// Index entries follow their records: a status or profile change moves exactly the entries that hold the changed
// field and deletes the stale ones. Records written by the first chaincode version (with its entries only) are
// listed again after each contract's RebuildIndexes, which the secretariat's admin runs once after the upgrade.
import { expect } from 'chai';
import type { Deal, Member, Page, Scenario, Shipment } from '@bia/model';
import { contracts } from '@bia/chaincode';
import { type InvokeResult, compositeKey, describeKey } from '../../../fixtures/chaincode-harness';
import type { TestIdentities, TestIdentity } from '../../../fixtures/identities';
import { Association, application, createIdentities, expectRefusal, uniqueId } from '../membership/association';

describe('listing index maintenance', function () {
    this.timeout(60_000);
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

    const described = (keys: readonly string[]): string[] => keys.map(describeKey).sort();

    function list<T>(fcn: string, query: object): Promise<T[]> {
        return association.ledger
            .evaluate(contracts, fcn, [JSON.stringify({ ...query, pageSize: 100 })], { as: reader })
            .then((result) => [...result.json<Page<T>>().records]);
    }

    it('moves the status entries of a member that withdraws, and only those', async () => {
        const memberId = uniqueId('applicant');
        const applicant = await association.identities.client('HealthcoMSP', uniqueId('applicant'));
        await association.submit(
            'membership:Apply',
            [JSON.stringify(application(memberId, 'HealthcoMSP', { kind: 'university', sectors: ['A', 'b'] }))],
            { as: applicant },
        );

        const result = await association.submit('membership:Withdraw', [memberId, 'changed plans'], { as: applicant });

        expect(described(result.writes.deletedKeys())).to.deep.equal([
            `member-sector-status-kind:a:applied:university:${memberId}`,
            `member-sector-status-kind:b:applied:university:${memberId}`,
            `member-status-kind:applied:university:${memberId}`,
        ]);
        expect(described(result.writes.putKeys()).filter((key) => !key.startsWith('member:'))).to.deep.equal([
            `member-sector-status-kind:a:withdrawn:university:${memberId}`,
            `member-sector-status-kind:b:withdrawn:university:${memberId}`,
            `member-status-kind:withdrawn:university:${memberId}`,
        ]);
    });

    it("moves kind and sector entries when a member's profile changes them", async () => {
        const member = await association.member(association.ids.carrier);
        const profile = { ...member, kind: 'research-institute', sectors: ['logistics', 'energy'] };
        const { legalName, kind, sectors, website, contact } = profile;

        const result = await association.submit(
            'membership:UpdateProfile',
            [member.memberId, JSON.stringify({ legalName, kind, sectors, website, contact })],
            { as: await association.councillor('carrier') },
        );

        const id = member.memberId;
        expect(described(result.writes.deletedKeys())).to.deep.equal([
            `member-kind:enterprise:${id}`,
            `member-sector-kind:logistics:enterprise:${id}`,
            `member-sector-status-kind:logistics:active:enterprise:${id}`,
            `member-status-kind:active:enterprise:${id}`,
        ]);
        expect(described(result.writes.putKeys()).filter((key) => !key.startsWith('member:'))).to.deep.equal([
            `member-kind:research-institute:${id}`,
            `member-sector-kind:energy:research-institute:${id}`,
            `member-sector-kind:logistics:research-institute:${id}`,
            `member-sector-status-kind:energy:active:research-institute:${id}`,
            `member-sector-status-kind:logistics:active:research-institute:${id}`,
            `member-status-kind:active:research-institute:${id}`,
        ]);
    });

    describe('RebuildIndexes after an upgrade', () => {
        const marker = Buffer.from([0]);

        /** A record as the first chaincode version left it: the record and that version's index entries only. */
        function seedOldVersion(recordType: string, id: string, record: object, entries: [string, string[]][]): void {
            association.ledger.seed(compositeKey(recordType, [id]), { ...record, docType: recordType });
            for (const [index, attributes] of entries) {
                association.ledger.seed(compositeKey(index, [...attributes, id]), marker);
            }
        }

        async function rebuild(fcn: string, ids: string[], as?: TestIdentity): Promise<InvokeResult> {
            return association.ledger.submit(contracts, fcn, [JSON.stringify({ ids })], {
                as: as ?? (await association.admin('SecretariatMSP')),
            });
        }

        it('lists old members again and deletes their retired entries', async () => {
            const old = { ...(await association.member(association.ids.healthco)), memberId: uniqueId('old') };
            seedOldVersion('member', old.memberId, old, [
                ['member-status', ['active']],
                ['member-kind', ['enterprise']],
                ['member-sector', ['healthcare']],
            ]);
            const byStatus = () => list<Member>('membership:QueryMembers', { status: 'active', sector: 'healthcare' });
            expect((await byStatus()).map((m) => m.memberId)).to.not.include(old.memberId);

            const result = await rebuild('membership:RebuildIndexes', [old.memberId]);

            expect(result.text()).to.equal('1');
            expect(described(result.writes.deletedKeys())).to.deep.equal([
                `member-sector:healthcare:${old.memberId}`,
                `member-status:active:${old.memberId}`,
            ]);
            expect(described(result.writes.putKeys())).to.deep.equal([
                `member-kind:enterprise:${old.memberId}`,
                `member-sector-kind:healthcare:enterprise:${old.memberId}`,
                `member-sector-status-kind:healthcare:active:enterprise:${old.memberId}`,
                `member-status-kind:active:enterprise:${old.memberId}`,
            ]);
            expect((await byStatus()).map((m) => m.memberId)).to.include(old.memberId);
            const again = await rebuild('membership:RebuildIndexes', [old.memberId]);
            expect(again.writes.putKeys()).to.deep.equal(result.writes.putKeys());
        });

        it('lists old scenarios, deals and shipments again', async () => {
            const scenario = { scenarioId: uniqueId('scenario'), status: 'approved', sector: 'energy', title: 'Old' };
            seedOldVersion('scenario', scenario.scenarioId, scenario, [
                ['scenario-status', ['approved']],
                ['scenario-sector', ['energy']],
            ]);
            const deal = {
                dealId: uniqueId('deal'),
                kind: 'facility',
                status: 'inked',
                parties: [{ memberId: association.ids.healthco, mspId: 'HealthcoMSP' }],
            };
            seedOldVersion('deal', deal.dealId, deal, [
                ['deal-status', ['inked']],
                ['deal-kind', ['facility']],
                ['deal-party', [association.ids.healthco]],
            ]);
            const shipment = {
                shipmentId: uniqueId('shipment'),
                dealId: deal.dealId,
                status: 'in-transit',
                shipperMemberId: association.ids.healthco,
                receiverMemberId: association.ids.centres,
                carrierMemberId: association.ids.carrier,
            };
            seedOldVersion('shipment', shipment.shipmentId, shipment, [
                ['shipment-status', ['in-transit']],
                ['shipment-deal', [deal.dealId]],
                ['shipment-party', [association.ids.carrier]],
            ]);
            const scenarios = () =>
                list<Scenario>('scenarios:QueryScenarios', { status: 'approved', sector: 'energy' });
            const deals = () =>
                list<Deal>('deals:QueryDeals', { partyMemberId: association.ids.healthco, status: 'inked' });
            const shipments = () =>
                list<Shipment>('shipments:QueryShipments', {
                    partyMemberId: association.ids.carrier,
                    status: 'in-transit',
                });
            expect(await scenarios()).to.deep.equal([]);
            expect(await deals()).to.deep.equal([]);
            expect(await shipments()).to.deep.equal([]);

            const rebuilt = [
                await rebuild('scenarios:RebuildIndexes', [scenario.scenarioId]),
                await rebuild('deals:RebuildIndexes', [deal.dealId]),
                await rebuild('shipments:RebuildIndexes', [shipment.shipmentId]),
            ];

            expect((await scenarios()).map((s) => s.scenarioId)).to.deep.equal([scenario.scenarioId]);
            expect((await deals()).map((d) => d.dealId)).to.deep.equal([deal.dealId]);
            expect((await shipments()).map((s) => s.shipmentId)).to.deep.equal([shipment.shipmentId]);
            expect(rebuilt.flatMap((r) => described(r.writes.deletedKeys()))).to.deep.equal([
                `scenario-sector:energy:${scenario.scenarioId}`,
                `deal-party:${association.ids.healthco}:${deal.dealId}`,
                `deal-status:inked:${deal.dealId}`,
                `shipment-party:${association.ids.carrier}:${shipment.shipmentId}`,
                `shipment-party:${association.ids.centres}:${shipment.shipmentId}`,
                `shipment-party:${association.ids.healthco}:${shipment.shipmentId}`,
                `shipment-status:in-transit:${shipment.shipmentId}`,
            ]);
        });

        it('is refused to anyone but an admin of the secretariat, for unknown records and for malformed input', async () => {
            const ids = [association.ids.carrier];
            await expectRefusal(
                rebuild('membership:RebuildIndexes', ids, await association.admin('HealthcoMSP')),
                'UNAUTHORIZED',
            );
            await expectRefusal(
                rebuild('membership:RebuildIndexes', ids, await association.councillor('secretariat')),
                'UNAUTHORIZED',
            );
            await expectRefusal(rebuild('deals:RebuildIndexes', [uniqueId('ghost')]), 'NOT_FOUND');
            await expectRefusal(rebuild('membership:RebuildIndexes', []), 'VALIDATION', { field: 'request.ids' });
            await expectRefusal(rebuild('shipments:RebuildIndexes', ['bad id']), 'VALIDATION', {
                field: 'request.ids[0]',
            });
        });
    });
});

// Runs against the real Fabric network of test/orgs/run.sh, after `scripts/bia org add` (phase "added") and after
// `scripts/bia org remove` (phase "removed"). In the association's own terms: a member hosted by the new
// organisation's MSP applies, is admitted by the council's vote, binds an identity of its own MSP and takes part
// in a deal (its terms in its own organisation's collection) and in a shipment; once the organisation has left,
// its identities can no longer transact and its records stay.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { type AssociationClient, type DealTerms, connect } from '@bia/client';
import type { ConnectionProfile } from '@bia/model';
import { GatewayError } from '@hyperledger/fabric-gateway';
import { connectAs } from '../fabric/gateway';
import { type Association, association, closeAssociation } from '../integration/support/association';

use(chaiAsPromised);

after(closeAssociation);

const connectionsDir = process.env.BIA_FABRIC_CONNECTIONS ?? '';
const phase = process.env.BIA_ORGS_PHASE ?? '';
const orgName = process.env.BIA_ORGS_NAME ?? 'university';
const mspId = process.env.BIA_ORGS_MSP_ID ?? 'UniversityMSP';
// What the "added" phase leaves for the "removed" phase: its member, deal and shipment IDs, its connection file.
const recordFile = join(connectionsDir, '..', 'orgs-test-record.json');

interface Record {
    readonly memberId: string;
    readonly dealId: string;
    readonly shipmentId: string;
    readonly profile: ConnectionProfile;
}

function hashOf(terms: DealTerms): string {
    return createHash('sha256')
        .update(terms.salt + terms.text, 'utf8')
        .digest('hex');
}

const clients: AssociationClient[] = [];
after(() => {
    for (const client of clients) {
        client.close();
    }
});

async function asNewOrg(identity: string): Promise<AssociationClient> {
    const client = await connect({ connectionFile: join(connectionsDir, `${orgName}.json`), identity });
    clients.push(client);
    return client;
}

describe(`an organisation that joined the running network (${orgName}, ${mspId})`, function () {
    this.timeout(300_000);
    let run: Association;

    if (connectionsDir === '' || (phase !== 'added' && phase !== 'removed')) {
        // Only test/orgs/run.sh can bring up the network this needs; it sets both variables. Failing here (not
        // skipping) keeps a misconfigured run from passing with no test run.
        throw new Error('run through npm run test:orgs (BIA_FABRIC_CONNECTIONS or BIA_ORGS_PHASE is unset)');
    }

    before(async function () {
        run = await association();
    });

    if (phase === 'added') {
        it('admits a member it hosts, which binds its own identity, makes a deal and ships under it', async () => {
            const profile = JSON.parse(
                readFileSync(join(connectionsDir, `${orgName}.json`), 'utf8'),
            ) as ConnectionProfile;
            expect(profile.mspId).to.equal(mspId);
            const operator = await asNewOrg('User1');
            const admin = await asNewOrg('Admin');
            const me = await operator.membership.whoAmI();
            expect(me.mspId).to.equal(mspId);

            // Applies through the new organisation's own peer; the founding council admits it by vote.
            const memberId = run.id(`${orgName}-member`);
            const applied = await operator.membership.apply({ memberId, hostMspId: mspId, ...run.profile(memberId) });
            expect(applied.status).to.equal('applied');
            const motion = await run.carry(`admit-${memberId}`);
            expect(motion.status).to.equal('carried');
            expect((await admin.membership.getMember(memberId)).status).to.equal('active');
            // Its own MSP's admin binds its operator's identity (no founding organisation can).
            await admin.membership.bindIdentity(memberId, me.identityId);
            expect((await operator.membership.whoAmI()).memberId).to.equal(memberId);

            // A deal with healthco's member: each party's organisation endorses; its terms go to terms_<mspId>.
            const healthco = await run.operator('healthco');
            const terms: DealTerms = { text: 'Cold storage for 400 doses', salt: randomBytes(16).toString('hex') };
            const drafted = await operator.deals.draft(
                {
                    dealId: run.id('deal'),
                    kind: 'service',
                    title: 'Vaccine supply to the university clinic',
                    summary: 'One delivery',
                    partyMemberIds: [memberId, run.members.healthco],
                },
                terms,
            );
            expect(drafted.termsHash).to.equal(hashOf(terms));
            expect(drafted.parties).to.deep.include({ memberId, mspId });
            await operator.deals.sign(drafted.dealId, drafted.termsHash);
            const inked = await healthco.deals.sign(drafted.dealId, drafted.termsHash);
            expect(inked.status).to.equal('inked');
            // The draft wrote the terms to terms_UniversityMSP through the new peer (a collection missing from the
            // definition would have failed it); the ledger's hash matches them. (getTerms is not used: the chaincode
            // reads the peer's MSP ID from CORE_PEER_LOCALMSPID, which one shared CCaaS server does not have.)
            expect(await operator.deals.verifyTerms(drafted.dealId, terms)).to.include({ matches: true });
            expect(JSON.stringify(await (await run.operator('secretariat')).deals.get(drafted.dealId))).to.not.include(
                terms.text,
            );

            // A shipment under the deal: the new member ships, the carrier carries, healthco's member receives.
            const carrier = await run.operator('carrier');
            const shipmentId = run.id('shipment');
            const created = await operator.shipments.create({
                shipmentId,
                dealId: drafted.dealId,
                receiverMemberId: run.members.healthco,
                carrierMemberId: run.members.carrier,
                contents: { category: 'vaccine', description: 'Measles vaccine', quantity: 400, unit: 'doses' },
                conditions: { minTemperatureC: 2, maxTemperatureC: 8, maxTransitMinutes: 600 },
            });
            expect(created.shipperMemberId).to.equal(memberId);
            await operator.shipments.offerHandover(shipmentId, run.members.carrier);
            await carrier.shipments.acceptHandover(shipmentId, 1);
            await carrier.shipments.offerHandover(shipmentId, run.members.healthco);
            await healthco.shipments.acceptHandover(shipmentId, 2);
            const delivered = await healthco.shipments.confirmDelivery(shipmentId);
            expect(delivered.status).to.equal('delivered');
            expect((await operator.shipments.get(shipmentId)).status).to.equal('delivered');

            const record: Record = { memberId, dealId: drafted.dealId, shipmentId, profile };
            writeFileSync(recordFile, JSON.stringify(record));
        });
    }

    if (phase === 'removed') {
        it('keeps its records, and its identities can no longer transact through any peer', async () => {
            expect(existsSync(join(connectionsDir, `${orgName}.json`))).to.equal(false);
            const record = JSON.parse(readFileSync(recordFile, 'utf8')) as Record;
            const secretariat = await run.operator('secretariat');
            expect((await secretariat.membership.getMember(record.memberId)).hostMspId).to.equal(mspId);
            expect((await secretariat.deals.get(record.dealId)).status).to.equal('inked');
            expect((await secretariat.shipments.get(record.shipmentId)).status).to.equal('delivered');

            // The departed MSP's admin, through a founding organisation's peer: its MSP is no longer on the channel.
            const secretariatProfile = JSON.parse(
                readFileSync(join(connectionsDir, 'secretariat.json'), 'utf8'),
            ) as ConnectionProfile;
            const profilePath = join(connectionsDir, '..', `orgs-test-${orgName}-via-secretariat.json`);
            const relocated = (path: string): string => join('connections', path);
            const identities = Object.fromEntries(
                Object.entries(record.profile.identities).map(([name, files]) => [
                    name,
                    { certificate: relocated(files.certificate), privateKey: relocated(files.privateKey) },
                ]),
            );
            writeFileSync(
                profilePath,
                JSON.stringify({
                    ...record.profile,
                    identities,
                    peerEndpoint: secretariatProfile.peerEndpoint,
                    peerHostAlias: secretariatProfile.peerHostAlias,
                    tlsCACert: relocated(secretariatProfile.tlsCACert),
                }),
            );
            const departed = connectAs(profilePath, 'Admin');
            try {
                const refusal = await departed.contract.evaluateTransaction('membership:WhoAmI').then(
                    () => undefined,
                    (error: unknown) => error,
                );
                expect(refusal).to.be.instanceOf(GatewayError);
                // The gateway's message is generic; the peer's reason is in the details.
                const details = (refusal as GatewayError).details.map((detail) => detail.message);
                const reason = [(refusal as GatewayError).message, ...details].join(' | ');
                expect(reason).to.match(/access denied|creator org unknown|unknown MSP|not.*member|deserializ/i);
            } finally {
                departed.close();
            }

            // The founding organisations carry on: the council admits a member hosted by the secretariat.
            const memberId = run.id('after-removal');
            await (
                await run.unboundIdentity('secretariat', 'User7')
            ).membership.apply(run.application('secretariat', memberId));
            expect((await run.carry(`admit-${memberId}`)).status).to.equal('carried');
        });
    }
});

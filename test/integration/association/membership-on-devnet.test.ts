// The real path: the association's chaincode, deployed unmodified on the devnet, driven through @bia/client.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import {
    type AssociationClient,
    type AssociationEvent,
    UnauthorizedError,
    ValidationError,
    connect,
} from '@bia/client';
import { type Devnet, loadTopology, startDevnet } from '@bia/devnet';

use(chaiAsPromised);

const chaincodeDir = resolve(__dirname, '../../../chaincode');

describe('membership on the devnet through the client library', function () {
    this.timeout(120_000);
    let dataDir: string;
    let devnet: Devnet;
    const clients: AssociationClient[] = [];

    async function as(org: string, identity: string): Promise<AssociationClient> {
        const connectionFile = devnet.connectionFiles.get(org);
        if (connectionFile === undefined) {
            throw new Error(`no connection file for ${org}`);
        }
        const client = await connect({ connectionFile, identity });
        clients.push(client);
        return client;
    }

    before(async () => {
        dataDir = await mkdtemp(join(tmpdir(), 'bia-association-'));
        const topology = loadTopology();
        devnet = await startDevnet({
            dataDir,
            batch: { maxMessageCount: 10, batchTimeoutMs: 50 },
            chaincodes: [
                {
                    name: topology.chaincode,
                    packageDir: chaincodeDir,
                    endorsementPolicy: topology.endorsementPolicy,
                    collectionsConfig: join(chaincodeDir, 'collections_config.json'),
                },
            ],
        });
    });

    after(async () => {
        for (const client of clients) {
            client.close();
        }
        await devnet.stop();
        await rm(dataDir, { recursive: true, force: true });
    });

    it('bootstraps, binds identities, admits an applicant by council vote and reports it as an event', async () => {
        const secretariatAdmin = await as('secretariat', 'Admin');
        const healthcoAdmin = await as('healthco', 'Admin');
        const secretariatUser = await as('secretariat', 'User1');
        const healthcoUser = await as('healthco', 'User1');
        const applicant = await as('secretariat', 'User2');
        const profile = (name: string) => ({
            legalName: name,
            kind: 'enterprise' as const,
            sectors: ['healthcare'],
            website: 'https://example.org',
            contact: { name: 'Desk', email: 'desk@example.org' },
        });

        const charter = await secretariatAdmin.membership.bootstrap({
            charter: {
                name: 'Association charter',
                quorumPercent: 50,
                approvalPercent: 60,
                votingWindowSeconds: 3600,
                maxRunningPilots: 10,
            },
            foundingMembers: [
                { memberId: 'secretariat', hostMspId: 'SecretariatMSP', ...profile('Association secretariat') },
                { memberId: 'healthco', hostMspId: 'HealthcoMSP', ...profile('Healthcare company') },
            ],
        });
        expect(charter.council).to.deep.equal(['secretariat', 'healthco']);

        await secretariatAdmin.membership.bindIdentity(
            'secretariat',
            (await secretariatUser.membership.whoAmI()).identityId,
        );
        await healthcoAdmin.membership.bindIdentity('healthco', (await healthcoUser.membership.whoAmI()).identityId);
        expect(await healthcoUser.membership.whoAmI()).to.include({ memberId: 'healthco', mspId: 'HealthcoMSP' });

        const events: AssociationEvent[] = [];
        const subscription = await healthcoUser.listen((event) => {
            events.push(event);
        });

        const applied = await applicant.membership.apply({
            memberId: 'univ-1',
            hostMspId: 'SecretariatMSP',
            ...profile('Regional university'),
            kind: 'university',
        });
        expect(applied.status).to.equal('applied');
        await secretariatUser.membership.vote('admit-univ-1', 'yes');
        await healthcoUser.membership.vote('admit-univ-1', 'yes');
        const motion = await applicant.membership.closeMotion('admit-univ-1');

        expect(motion.status).to.equal('carried');
        expect((await healthcoUser.membership.getMember('univ-1')).status).to.equal('active');
        await waitFor(() => events.some((e) => e.name === 'MemberStatusChanged' && e.payload.memberId === 'univ-1'));
        await subscription.close();
    });

    it('decodes the chaincode refusals into typed errors', async () => {
        const healthcoUser = await as('healthco', 'User1');
        const outsider = await as('carrier', 'User1');

        await expect(
            healthcoUser.membership.bootstrap({
                charter: {
                    name: 'x',
                    quorumPercent: 50,
                    approvalPercent: 50,
                    votingWindowSeconds: 3600,
                    maxRunningPilots: 10,
                },
                foundingMembers: [],
            }),
        ).to.be.rejectedWith(UnauthorizedError);
        await expect(outsider.membership.vote('admit-univ-1', 'yes')).to.be.rejectedWith(UnauthorizedError);
        await expect(healthcoUser.membership.getMember('no such id!')).to.be.rejectedWith(ValidationError);
    });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > deadline) {
            throw new Error('condition not met in time');
        }
        await new Promise((r) => setTimeout(r, 50));
    }
}

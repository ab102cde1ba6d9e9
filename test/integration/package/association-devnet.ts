// A devnet on ephemeral ports with the association chaincode deployed and the registry bootstrapped,
// for the tests that drive it from outside this process (the CLI binary, the packed package, the quickstart).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { connect } from '@bia/client';
import { type Devnet, loadTopology, startDevnet } from '@bia/devnet';

export const repositoryRoot = resolve(__dirname, '../../..');

export interface AssociationDevnet {
    readonly devnet: Devnet;
    /** The folder holding `<org>.json` connection files. */
    readonly connectionsDir: string;
    connectionFile(org: string): string;
    stop(): Promise<void>;
}

const profile = (legalName: string) => ({
    legalName,
    kind: 'enterprise' as const,
    sectors: ['healthcare'],
    website: 'https://example.org',
    contact: { name: 'Desk', email: 'desk@example.org' },
});

/** Starts the devnet (fresh data folder) and bootstraps the charter with secretariat and healthco as founders. */
export async function startAssociationDevnet(): Promise<AssociationDevnet> {
    const dataDir = await mkdtemp(join(tmpdir(), 'bia-package-'));
    const chaincodeDir = join(repositoryRoot, 'chaincode');
    const topology = loadTopology();
    const devnet = await startDevnet({
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
    const connectionFile = (org: string): string => {
        const file = devnet.connectionFiles.get(org);
        if (file === undefined) {
            throw new Error(`no connection file for ${org}`);
        }
        return file;
    };
    const stop = async (): Promise<void> => {
        await devnet.stop();
        await rm(dataDir, { recursive: true, force: true });
    };
    try {
        const admin = await connect({ connectionFile: connectionFile('secretariat'), identity: 'Admin' });
        try {
            await admin.membership.bootstrap({
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
        } finally {
            admin.close();
        }
    } catch (error) {
        await stop();
        throw error;
    }
    return { devnet, connectionsDir: dirname(connectionFile('healthco')), connectionFile, stop };
}

/** An ID no earlier run used. */
export function uniqueId(prefix: string): string {
    return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}

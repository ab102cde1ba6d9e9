// A devnet on ephemeral ports with the association chaincode deployed and the registry bootstrapped,
// for the tests that drive it from outside this process (the CLI binary, the packed package, the quickstart).
import { dirname, resolve } from 'node:path';
import { connect } from '@bia/client';
import { startDevnetNetwork } from '../support/network-under-test';

export const repositoryRoot = resolve(__dirname, '../../..');

export interface AssociationDevnet {
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
    const network = await startDevnetNetwork();
    const connectionFile = (org: string): string => network.connectionFile(org);
    const stop = (): Promise<void> => network.stop();
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
    return { connectionsDir: dirname(connectionFile('healthco')), connectionFile, stop };
}

/** An ID no earlier run used. */
export function uniqueId(prefix: string): string {
    return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}

// The association state the workloads need, built through real transactions: the charter and founding members
// (once per ledger), User1 of each organisation bound to its member, an inked deal between healthco and
// healthcentres, and shipments under it.
import { randomBytes } from 'node:crypto';
import { type AssociationClient, type CheckpointReading, type MemberProfile, NotFoundError } from '@bia/client';
import type { Connections } from './connections';

/** Founding members: one per organisation, each hosted by its own MSP. */
export const founders = {
    secretariat: 'secretariat',
    healthco: 'healthco',
    healthcentres: 'healthcentres',
    carrier: 'carrier',
} as const;

export function profile(legalName: string): MemberProfile {
    return {
        legalName,
        kind: 'enterprise',
        sectors: ['healthcare'],
        website: 'https://example.org',
        contact: { name: 'Benchmark desk', email: 'bench@example.org' },
    };
}

/** Bootstraps the charter unless it exists, and binds User1 of every organisation to its founding member. */
export async function prepareAssociation(connections: Connections): Promise<void> {
    const admin = await connections.client('secretariat', 'Admin');
    try {
        await admin.membership.getCharter();
    } catch (error) {
        if (!(error instanceof NotFoundError)) {
            throw error;
        }
        const foundingMembers = await Promise.all(
            Object.values(founders).map(async (org) => ({
                memberId: org,
                hostMspId: (await connections.profile(org)).mspId,
                ...profile(`Founding member ${org}`),
            })),
        );
        await admin.membership.bootstrap({
            charter: {
                name: 'Benchmark charter',
                quorumPercent: 50,
                approvalPercent: 60,
                votingWindowSeconds: 24 * 3600,
                maxRunningPilots: 10,
            },
            foundingMembers,
        });
    }
    await Promise.all(
        Object.values(founders).map(async (org) => {
            const orgAdmin = await connections.client(org, 'Admin');
            const user = await connections.client(org, 'User1');
            await orgAdmin.membership.bindIdentity(org, (await user.membership.whoAmI()).identityId);
        }),
    );
}

export function newTerms(text: string): { text: string; salt: string } {
    return { text, salt: randomBytes(16).toString('hex') };
}

/** Drafts a deal between healthco and healthcentres (by healthco's User1); returns its ID and terms hash. */
export async function draftDeal(connections: Connections, dealId: string): Promise<string> {
    const healthco = await connections.client('healthco', 'User1');
    const deal = await healthco.deals.draft(
        {
            dealId,
            kind: 'service',
            title: `Benchmark deal ${dealId}`,
            summary: 'Cold-chain transport of medical goods',
            partyMemberIds: [founders.healthco, founders.healthcentres],
        },
        newTerms(`Terms of ${dealId}`),
    );
    return deal.termsHash;
}

/** Drafts and inks (both parties sign) a deal. */
export async function inkedDeal(connections: Connections, dealId: string): Promise<void> {
    const termsHash = await draftDeal(connections, dealId);
    await (await connections.client('healthco', 'User1')).deals.sign(dealId, termsHash);
    await (await connections.client('healthcentres', 'User1')).deals.sign(dealId, termsHash);
}

/** The shipper's (healthco User1's) client. */
export function shipper(connections: Connections): Promise<AssociationClient> {
    return connections.client('healthco', 'User1');
}

export function createShipment(client: AssociationClient, dealId: string, shipmentId: string): Promise<unknown> {
    return client.shipments.create({
        shipmentId,
        dealId,
        receiverMemberId: founders.healthcentres,
        carrierMemberId: founders.carrier,
        contents: { category: 'vaccine', description: 'Vaccine vials', quantity: 100, unit: 'vials' },
        conditions: { minTemperatureC: 2, maxTemperatureC: 8, maxTransitMinutes: 240 },
    });
}

export function reading(shipmentId: string, readingId: string, sensorId: string): CheckpointReading {
    return {
        shipmentId,
        readingId,
        sensorId,
        readAt: new Date().toISOString(),
        location: 'Route 1, km 12',
        temperatureC: 5,
        humidityPercent: 40,
        shock: false,
    };
}

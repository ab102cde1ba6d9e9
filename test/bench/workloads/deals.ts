// 5. Deal signatures: each change to a deal needs both party organisations' endorsement (key-level policy).
import { setTimeout as sleep } from 'node:timers/promises';
import type { AssociationClient } from '@bia/client';
import type { Connections } from '../connections';
import { draftDeal } from '../fixture';
import { type Workload, runTag } from './workload';

const VISIBILITY_TIMEOUT_MS = 30_000;

/**
 * Waits until an organisation's peer has every deal: on real Fabric a commit status comes from the submitting
 * organisation's peer only, and a signature endorsed by a peer that has not committed the draft yet would fail.
 */
async function untilVisible(client: AssociationClient, dealIds: readonly string[]): Promise<void> {
    const deadline = Date.now() + VISIBILITY_TIMEOUT_MS;
    for (const dealId of dealIds) {
        for (;;) {
            try {
                await client.deals.get(dealId);
                break;
            } catch (error) {
                if (Date.now() > deadline) {
                    throw new Error(`deal ${dealId} still not visible after ${String(VISIBILITY_TIMEOUT_MS)} ms`, {
                        cause: error,
                    });
                }
                await sleep(50);
            }
        }
    }
}

export function dealSignatureWorkload(connections: Connections, dealsPerWorker: number): Workload {
    return {
        name: 'deal-signature',
        description: 'sign a drafted deal by each of its two party organisations (key-level endorsement)',
        async prepare(concurrency) {
            const count = Math.max(concurrency * dealsPerWorker, 10);
            const dealIds = Array.from({ length: count }, (_, index) => `d-${runTag}-c${concurrency}-${index}`);
            const hashes = await Promise.all(dealIds.map((dealId) => draftDeal(connections, dealId)));
            const healthco = await connections.client('healthco', 'User1');
            const healthcentres = await connections.client('healthcentres', 'User1');
            await untilVisible(healthcentres, dealIds);
            return {
                maxOperations: count,
                note: `${count} deals drafted beforehand; two signatures (two measured transactions) per deal`,
                operation: async ({ iteration, timed }) => {
                    const dealId = dealIds[iteration] ?? '';
                    const termsHash = hashes[iteration] ?? '';
                    await timed(() => healthco.deals.sign(dealId, termsHash));
                    await timed(() => healthcentres.deals.sign(dealId, termsHash));
                },
            };
        },
    };
}

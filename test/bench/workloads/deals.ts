// 5. Deal signatures: each change to a deal needs both party organisations' endorsement (key-level policy).
import type { Connections } from '../connections';
import { draftDeal } from '../fixture';
import { type Workload, runTag } from './workload';

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

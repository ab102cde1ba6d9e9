// 7. Paginated list queries (a page of 100) as the ledger grows: shipments are created through real transactions
// in large parallel batches up to each size, then the first page of a combined-filter listing (the deal's shipments
// that are still created and that the carrier carries: three filters, one composite-key index) is read repeatedly.
import type { Connections } from '../connections';
import { createShipment, founders, shipper } from '../fixture';
import { type RunResult, runWorkload } from '../runner';
import { runTag } from './workload';

export interface QueryAtSize {
    readonly records: number;
    readonly seeding: RunResult;
    readonly query: RunResult;
}

export interface ListQueryOptions {
    readonly dealId: string;
    readonly sizes: readonly number[];
    readonly seedConcurrency: number;
    readonly queriesPerSize: number;
    readonly processes: ReadonlyMap<string, readonly number[]>;
    /** Called after each size, e.g. to print progress. */
    readonly onSize?: (result: QueryAtSize) => void;
}

export async function measureListQueries(connections: Connections, options: ListQueryOptions): Promise<QueryAtSize[]> {
    const client = await shipper(connections);
    const results: QueryAtSize[] = [];
    let seeded = 0;
    for (const size of [...options.sizes].sort((a, b) => a - b)) {
        const from = seeded;
        const seeding = await runWorkload({
            workload: `seed shipments to ${size}`,
            concurrency: options.seedConcurrency,
            maxOperations: size - from,
            processes: options.processes,
            operation: async ({ iteration, timed }) => {
                await timed(() => createShipment(client, options.dealId, `q-${runTag}-${from + iteration}`));
            },
        });
        seeded = from + seeding.committed;
        const query = await runWorkload({
            workload: `list-query@${size}`,
            concurrency: 1,
            maxOperations: options.queriesPerSize,
            processes: options.processes,
            operation: async ({ timed }) => {
                const page = await timed(() =>
                    client.shipments.query({
                        dealId: options.dealId,
                        status: 'created',
                        partyMemberId: founders.carrier,
                        pageSize: 100,
                    }),
                );
                if (page.records.length !== Math.min(100, seeded)) {
                    throw new Error(`a page held ${page.records.length} shipments, expected ${Math.min(100, seeded)}`);
                }
            },
        });
        const result = { records: seeded, seeding, query };
        options.onSize?.(result);
        results.push(result);
    }
    return results;
}

// 2 and 3. Shipment checkpoints: spread over many shipments, or all on ONE shipment (the hot-key case).
import type { Connections } from '../connections';
import { createShipment, reading, shipper } from '../fixture';
import { type Workload, runTag } from './workload';

export function checkpointsWorkload(connections: Connections, dealId: string, shipments: number): Workload {
    let created: Promise<string[]> | undefined;
    return {
        name: 'checkpoints',
        description: `record a checkpoint, round-robin over ${shipments} shipments`,
        async prepare(concurrency) {
            const client = await shipper(connections);
            created ??= createShipments(connections, dealId, `${runTag}-spread`, shipments);
            const ids = await created;
            return {
                operation: async ({ iteration, timed }) => {
                    const shipmentId = ids[iteration % ids.length] ?? '';
                    await timed(() =>
                        client.shipments.recordCheckpoint(reading(shipmentId, `c${concurrency}-r${iteration}`, 's1')),
                    );
                },
            };
        },
    };
}

export function hotKeyWorkload(connections: Connections, dealId: string): Workload {
    let created: Promise<string[]> | undefined;
    return {
        name: 'hot-key',
        description: 'record checkpoints concurrently on ONE shipment',
        async prepare(concurrency) {
            const client = await shipper(connections);
            created ??= createShipments(connections, dealId, `${runTag}-hot`, 1);
            const [shipmentId = ''] = await created;
            return {
                operation: async ({ worker, iteration, timed }) => {
                    const sensor = `sensor-${worker}`;
                    await timed(() =>
                        client.shipments.recordCheckpoint(reading(shipmentId, `c${concurrency}-r${iteration}`, sensor)),
                    );
                },
            };
        },
    };
}

export async function createShipments(connections: Connections, dealId: string, prefix: string, count: number) {
    const client = await shipper(connections);
    const ids = Array.from({ length: count }, (_, index) => `${prefix}-${index}`);
    await Promise.all(ids.map((id) => createShipment(client, dealId, id)));
    return ids;
}

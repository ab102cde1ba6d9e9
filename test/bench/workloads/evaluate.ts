// 6. Evaluate: read one record (a member) through the client library.
import type { Connections } from '../connections';
import { founders } from '../fixture';
import type { Workload } from './workload';

export function evaluateWorkload(connections: Connections): Workload {
    return {
        name: 'evaluate',
        description: 'read one record (GetMember)',
        async prepare() {
            const client = await connections.client('healthco', 'User1');
            return {
                operation: async ({ timed }) => {
                    await timed(() => client.membership.getMember(founders.healthcentres));
                },
            };
        },
    };
}

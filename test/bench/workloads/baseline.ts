// 1. The baseline: a blind write of one small key through fabric-gateway, on the bench's own chaincode.
import { type Connections, submitRaw } from '../connections';
import { baselineChaincodeName } from '../network';
import { type Workload, runTag } from './workload';

export function baselineWorkload(connections: Connections): Workload {
    return {
        name: 'baseline',
        description: 'write one small key (bench-baseline chaincode, fabric-gateway directly)',
        chaincode: baselineChaincodeName,
        async prepare(concurrency) {
            const contract = await connections.rawContract('healthco', 'User1', baselineChaincodeName);
            return {
                operation: async ({ iteration, timed }) => {
                    await timed(() => submitRaw(contract, 'Put', [`${runTag}-c${concurrency}-${iteration}`, 'x']));
                },
            };
        },
    };
}

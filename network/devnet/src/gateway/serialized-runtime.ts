// One chaincode process serves every organisation's peer on the devnet, and a chaincode stream refuses a second
// concurrent execution of a transaction ID it is already running. Real peers each have their own chaincode, so
// several orgs endorse one proposal in parallel; here executions of the same transaction ID take turns.
import type { Simulation } from '../ledger/simulation';
import type { ChaincodeRuntime, ExecuteRequest, ExecuteResult } from '../chaincode/runtime';

export function serializePerTransaction(runtime: ChaincodeRuntime): ChaincodeRuntime {
    const running = new Map<string, Promise<unknown>>();
    return {
        waitReady: (chaincodeName, timeoutMs) => runtime.waitReady(chaincodeName, timeoutMs),
        close: () => runtime.close(),
        execute(chaincodeName: string, request: ExecuteRequest, simulation: Simulation): Promise<ExecuteResult> {
            const key = `${chaincodeName}\u0000${request.channel}\u0000${request.txId}`;
            const previous = running.get(key) ?? Promise.resolve();
            const execution = previous
                .catch(() => undefined)
                .then(() => runtime.execute(chaincodeName, request, simulation));
            running.set(key, execution);
            const forget = (): void => {
                if (running.get(key) === execution) {
                    running.delete(key);
                }
            };
            execution.then(forget, forget);
            return execution;
        },
    };
}

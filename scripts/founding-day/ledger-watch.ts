// Watches the chaincode's events from the first block, to know the ledger's height and what was announced.
import type { AssociationClient, AssociationEvent, EventSubscription } from '@bia/client';

export class LedgerWatch {
    readonly #counts = new Map<string, number>();
    #highestBlock = -1n;
    #subscription: EventSubscription | undefined;

    static async start(client: AssociationClient): Promise<LedgerWatch> {
        const watch = new LedgerWatch();
        watch.#subscription = await client.listen(
            (event) => {
                watch.#record(event);
            },
            { startBlock: 0n },
        );
        return watch;
    }

    /** Events seen per event name. */
    get counts(): ReadonlyMap<string, number> {
        return this.#counts;
    }

    /** Number of the highest block that held an event of the chaincode, plus one; 0 before any. */
    get heightSeen(): bigint {
        return this.#highestBlock + 1n;
    }

    /** Waits, polling, until `count` events named `name` were seen; false when `timeoutMs` passes first. */
    async waitForEvents(name: string, count: number, timeoutMs: number): Promise<boolean> {
        const deadline = performance.now() + timeoutMs;
        while ((this.#counts.get(name) ?? 0) < count) {
            if (performance.now() > deadline) {
                return false;
            }
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
        return true;
    }

    async close(): Promise<void> {
        await this.#subscription?.close();
    }

    #record(event: AssociationEvent): void {
        this.#counts.set(event.name, (this.#counts.get(event.name) ?? 0) + 1);
        if (event.blockNumber > this.#highestBlock) {
            this.#highestBlock = event.blockNumber;
        }
    }
}

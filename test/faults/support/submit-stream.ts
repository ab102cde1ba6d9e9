// A stream of submits from several organisations that records exactly what each client was told about each
// transaction: committed (with its validation code), failed (and at which stage), or unknown. It talks to the peers
// through @hyperledger/fabric-gateway directly, so nothing between the test and Fabric retries or reinterprets.
// Every transaction is a blind `Put` of a key of its own (the benchmark's baseline chaincode): no MVCC conflict can
// hide a fault, and a key on the ledger names the transaction that wrote it.
import { GatewayError, type Commit } from '@hyperledger/fabric-gateway';
import { status as grpcStatus } from '@grpc/grpc-js';
import type { RawConnection } from '../../integration/support/raw-gateway';

export type OutcomeKind = 'committed' | 'failed' | 'unknown';

export interface SubmitOutcome {
    readonly txId: string;
    readonly key: string;
    readonly org: string;
    readonly kind: OutcomeKind;
    /** The validation code the client was told (committed only). */
    readonly code?: number;
    /** Where a failed or unknown transaction stopped: endorse, submit or commit status. */
    readonly stage?: 'endorse' | 'submit' | 'commitStatus';
    readonly message?: string;
    /** When the client was told, and how long the call took. */
    readonly at: number;
    readonly elapsedMs: number;
    /** The signed commit-status request of an unknown transaction, to ask again by transaction ID elsewhere. */
    readonly commit?: Commit;
}

export interface StreamOptions {
    readonly runId: string;
    /** Concurrent submitters per connection. */
    readonly workersPerConnection: number;
    /** Per-call deadlines: a fault must surface as an error within these. */
    readonly endorseMs: number;
    readonly submitMs: number;
    readonly commitStatusMs: number;
}

export const defaultStreamOptions: Omit<StreamOptions, 'runId'> = {
    workersPerConnection: 2,
    endorseMs: 20_000,
    submitMs: 20_000,
    commitStatusMs: 40_000,
};

function describe(error: unknown): string {
    if (error instanceof GatewayError) {
        const details = error.details.map((detail) => `${detail.address}: ${detail.message}`).join('; ');
        return `${error.name} ${String(error.code)}: ${error.message}${details === '' ? '' : ` (${details})`}`;
    }
    return error instanceof Error ? error.message : String(error);
}

/**
 * A submit error is a failure only when the orderer answered: when the gateway's broadcast timed out or the
 * connection to the gateway was lost, the orderer may have the transaction, so what the client knows is "unknown".
 */
function submitOutcome(error: unknown): OutcomeKind {
    if (error instanceof GatewayError) {
        const ambiguous: readonly number[] = [
            grpcStatus.DEADLINE_EXCEEDED,
            grpcStatus.UNAVAILABLE,
            grpcStatus.CANCELLED,
        ];
        return ambiguous.includes(error.code) ? 'unknown' : 'failed';
    }
    return 'unknown';
}

export class SubmitStream {
    readonly #connections: readonly RawConnection[];
    readonly #options: StreamOptions;
    readonly #outcomes: SubmitOutcome[] = [];
    #running = false;
    #workers: Promise<void>[] = [];

    constructor(connections: readonly RawConnection[], options: StreamOptions) {
        this.#connections = connections;
        this.#options = options;
    }

    get outcomes(): readonly SubmitOutcome[] {
        return this.#outcomes;
    }

    count(kind: OutcomeKind, since = 0): number {
        return this.#outcomes.filter((outcome) => outcome.kind === kind && outcome.at >= since).length;
    }

    /** Valid commits told to the clients since a time (to one organisation's clients only, when named). */
    validSince(since: number, org?: string): number {
        return this.#outcomes.filter(
            (outcome) =>
                outcome.kind === 'committed' &&
                outcome.code === 0 &&
                outcome.at >= since &&
                (org === undefined || outcome.org === org),
        ).length;
    }

    start(): void {
        this.#running = true;
        this.#workers = this.#connections.flatMap((connection) =>
            Array.from({ length: this.#options.workersPerConnection }, (_, worker) => this.#work(connection, worker)),
        );
    }

    /** Stops starting transactions and waits for those in flight to be told their outcome. */
    async stop(): Promise<readonly SubmitOutcome[]> {
        this.#running = false;
        await Promise.all(this.#workers);
        return this.#outcomes;
    }

    async #work(connection: RawConnection, worker: number): Promise<void> {
        const org = connection.profile.name;
        for (let n = 0; this.#running; n++) {
            const key = `${this.#options.runId}-${org}-${String(worker)}-${String(n)}`;
            const outcome = await this.#submit(connection, org, key);
            this.#outcomes.push(outcome);
            if (outcome.kind !== 'committed') {
                // Do not spin on a network that refuses everything; a fault usually lasts seconds.
                await new Promise((done) => setTimeout(done, 250));
            }
        }
    }

    async #submit(connection: RawConnection, org: string, key: string): Promise<SubmitOutcome> {
        const started = Date.now();
        const proposal = connection.contract.newProposal('Put', { arguments: [key, key] });
        const txId = proposal.getTransactionId();
        const told = (fields: Partial<SubmitOutcome> & { kind: OutcomeKind }): SubmitOutcome => ({
            txId,
            key,
            org,
            at: Date.now(),
            elapsedMs: Date.now() - started,
            ...fields,
        });
        let transaction;
        try {
            transaction = await proposal.endorse({ deadline: Date.now() + this.#options.endorseMs });
        } catch (error) {
            // Nothing left the client but a proposal: no orderer ever saw this transaction.
            return told({ kind: 'failed', stage: 'endorse', message: describe(error) });
        }
        let commit: Commit;
        try {
            commit = await transaction.submit({ deadline: Date.now() + this.#options.submitMs });
        } catch (error) {
            return told({ kind: submitOutcome(error), stage: 'submit', message: describe(error) });
        }
        try {
            const status = await commit.getStatus({ deadline: Date.now() + this.#options.commitStatusMs });
            return told({ kind: 'committed', code: status.code });
        } catch (error) {
            // Ordered or not, committed or not: the client cannot know, and must ask again by transaction ID.
            return told({ kind: 'unknown', stage: 'commitStatus', message: describe(error), commit });
        }
    }
}

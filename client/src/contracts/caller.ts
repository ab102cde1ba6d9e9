// Calls one contract's transactions through the invoker, turning JSON results into typed values.
import type { TransactionInvoker } from '../transactions/invoker';

export interface CallOptions {
    readonly transient?: Readonly<Record<string, Uint8Array>>;
    readonly endorsingOrganizations?: readonly string[];
    /** Re-propose after a read conflict (default true: every transaction re-checks its rules on fresh state). */
    readonly retryOnConflict?: boolean;
}

export class ContractCaller {
    readonly #invoker: TransactionInvoker;
    readonly #contract: string;

    constructor(invoker: TransactionInvoker, contract: string) {
        this.#invoker = invoker;
        this.#contract = contract;
    }

    async query<T>(transaction: string, args: readonly string[], options: CallOptions = {}): Promise<T> {
        const bytes = await this.#invoker.evaluate({
            contract: this.#contract,
            transaction,
            args,
            ...(options.transient !== undefined ? { transient: options.transient } : {}),
        });
        return parseResult<T>(bytes);
    }

    async submit<T>(transaction: string, args: readonly string[], options: CallOptions = {}): Promise<T> {
        const { result } = await this.#invoker.submit({
            contract: this.#contract,
            transaction,
            args,
            retryOnConflict: options.retryOnConflict ?? true,
            ...(options.transient !== undefined ? { transient: options.transient } : {}),
            ...(options.endorsingOrganizations !== undefined
                ? { endorsingOrganizations: options.endorsingOrganizations }
                : {}),
        });
        return parseResult<T>(result);
    }
}

/** A transaction's JSON result; an empty payload (a transaction returning nothing) is undefined. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the transaction's declared result type
export function parseResult<T>(bytes: Uint8Array): T {
    if (bytes.length === 0) {
        return undefined as T;
    }
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
}

export function json(value: unknown): string {
    return JSON.stringify(value);
}

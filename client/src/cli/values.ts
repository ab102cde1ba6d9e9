// The parsed inputs of one subcommand, read by name by the transaction descriptors.

/** Parsed inputs by parameter name (text, whole numbers, parsed JSON documents); getters throw on a name the descriptor did not declare (a programming error). */
export class Values {
    readonly #values: ReadonlyMap<string, unknown>;

    constructor(values: ReadonlyMap<string, unknown>) {
        this.#values = values;
    }

    /** A text or choice parameter. */
    text(name: string): string {
        const value = this.#get(name);
        if (typeof value !== 'string') {
            throw new TypeError(`parameter ${name} is not text`);
        }
        return value;
    }

    /** A whole-number parameter. */
    integer(name: string): number {
        const value = this.#get(name);
        if (typeof value !== 'number') {
            throw new TypeError(`parameter ${name} is not a number`);
        }
        return value;
    }

    /** A list parameter: the words given, separated by commas. */
    list(name: string): readonly string[] {
        const value = this.#get(name);
        if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
            throw new TypeError(`parameter ${name} is not a list`);
        }
        return value;
    }

    /** A JSON document parameter, typed as the transaction expects; the chaincode validates its contents. */
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the transaction's declared input type
    document<T>(name: string): T {
        return this.#get(name) as T;
    }

    /** The optional parameters that were given, as one object (a query's filters). */
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the query type the filters form
    given<T>(...names: readonly string[]): T {
        return Object.fromEntries(names.filter((n) => this.#values.has(n)).map((n) => [n, this.#values.get(n)])) as T;
    }

    #get(name: string): unknown {
        if (!this.#values.has(name)) {
            throw new TypeError(`parameter ${name} was not parsed`);
        }
        return this.#values.get(name);
    }
}

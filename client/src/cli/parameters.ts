// How a transaction's inputs appear on the command line: positional words, --options and JSON files.

/**
 * text: any string; integer: whole number; choice: one of `choices`; document: a JSON file read and parsed;
 * list: comma-separated words.
 */
export type ParameterType = 'text' | 'integer' | 'choice' | 'document' | 'list';

/** One input of a subcommand. `name` is the key the transaction descriptor reads it by. */
export interface Parameter {
    readonly name: string;
    readonly type: ParameterType;
    /** The `--flag` (without dashes) for an option; absent for a positional word. */
    readonly flag?: string;
    readonly optional?: boolean;
    readonly choices?: readonly string[];
    readonly description: string;
}

/** A required positional word, e.g. a record ID. */
export function word(name: string, description: string): Parameter {
    return { name, type: 'text', description };
}

/** A required positional list of words separated by commas, e.g. record IDs. */
export function wordList(name: string, description: string): Parameter {
    return { name, type: 'list', description };
}

/** A required positional whole number. */
export function wholeNumber(name: string, description: string): Parameter {
    return { name, type: 'integer', description };
}

/** A required positional word limited to a fixed set of values. */
export function oneOf(name: string, choices: readonly string[], description: string): Parameter {
    return { name, type: 'choice', choices, description };
}

/** A required `--flag value` text option. */
export function textOption(name: string, flag: string, description: string): Parameter {
    return { name, type: 'text', flag, description };
}

/** A JSON document read from the file given with `--flag` (default `--file`). */
export function jsonFile(name: string, description: string, flag = 'file'): Parameter {
    return { name, type: 'document', flag, description };
}

/** An optional query filter `--flag value`. */
export function filter(name: string, flag: string, description: string, choices?: readonly string[]): Parameter {
    return {
        name,
        type: choices === undefined ? 'text' : 'choice',
        flag,
        optional: true,
        description,
        ...(choices === undefined ? {} : { choices }),
    };
}

/** The paging options every query takes. */
export const paging: readonly Parameter[] = [
    { name: 'pageSize', type: 'integer', flag: 'page-size', optional: true, description: 'records per page (max 100)' },
    { name: 'bookmark', type: 'text', flag: 'bookmark', optional: true, description: "the previous page's bookmark" },
];

/** What the user wrote for a parameter, as shown in usage lines: `<dealId>` or `--terms-hash <termsHash>`. */
export function usageOf(parameter: Parameter): string {
    const value =
        parameter.type === 'document'
            ? `<${parameter.name}.json>`
            : parameter.type === 'list'
              ? `<${parameter.name},...>`
              : `<${parameter.name}>`;
    const text = parameter.flag === undefined ? value : `--${parameter.flag} ${value}`;
    return parameter.optional === true ? `[${text}]` : text;
}

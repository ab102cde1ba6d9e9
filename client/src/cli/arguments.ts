// Parses `biactl [global options] <contract> <command> [arguments] [options]` against the command table.
import { parseArgs } from 'node:util';
import { type ContractName, type TransactionCommand, contractSummaries } from './commands';
import type { Parameter } from './parameters';

/** What `--help` (or a usage error) is about: everything, one contract, or one command. */
export interface HelpTopic {
    readonly contract?: ContractName;
    readonly command?: TransactionCommand;
}

/** The command line is wrong; `topic` is the help to show with the message. */
export class UsageError extends Error {
    readonly topic: HelpTopic;

    constructor(message: string, topic: HelpTopic = {}) {
        super(message);
        this.name = 'UsageError';
        this.topic = topic;
    }
}

/** Options every command takes. Unset ones fall back to the environment in the runner. */
export interface GlobalOptions {
    readonly org?: string;
    readonly connections?: string;
    readonly identity?: string;
    readonly json: boolean;
}

/** A parameter's value before files are read: text, a whole number, a list of words, or a document's file path. */
export type RawValue = string | number | readonly string[];

export type Invocation =
    | { readonly kind: 'help'; readonly topic: HelpTopic }
    | { readonly kind: 'version' }
    | {
          readonly kind: 'run';
          readonly command: TransactionCommand;
          readonly raw: ReadonlyMap<string, RawValue>;
          readonly globals: GlobalOptions;
      };

const globalFlags = {
    org: { type: 'string' },
    connections: { type: 'string' },
    identity: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean' },
} as const;

/**
 * Parses the arguments after the program name.
 * @throws {@link UsageError} for an unknown contract or command, a missing or extra argument, or a bad value
 */
export function parseCommandLine(argv: readonly string[], table: readonly TransactionCommand[]): Invocation {
    if (argv.includes('--version')) {
        return { kind: 'version' };
    }
    const words = commandWords(argv, table);
    const wantsHelp = argv.includes('--help') || argv.includes('-h') || words[0] === 'help';
    const topic = resolveTopic(words[0] === 'help' ? words.slice(1) : words, table);
    if (wantsHelp) {
        return { kind: 'help', topic };
    }
    if (topic.contract === undefined) {
        throw new UsageError('name a contract');
    }
    if (topic.command === undefined) {
        throw new UsageError(`name a ${topic.contract} command`, topic);
    }
    return parseCommand(argv, topic.command);
}

/** The contract and command the words name, as far as they go. */
function resolveTopic(words: readonly string[], table: readonly TransactionCommand[]): HelpTopic {
    const [contractWord, commandWord] = words;
    if (contractWord === undefined) {
        return {};
    }
    const contract = asContract(contractWord);
    if (contract === undefined) {
        throw new UsageError(`unknown contract '${contractWord}'`);
    }
    if (commandWord === undefined) {
        return { contract };
    }
    const command = table.find((c) => c.contract === contract && c.command === commandWord);
    if (command === undefined) {
        throw new UsageError(`unknown ${contract} command '${commandWord}'`, { contract });
    }
    return { contract, command };
}

function parseCommand(argv: readonly string[], command: TransactionCommand): Invocation {
    const topic = { contract: command.contract, command };
    let parsed;
    try {
        parsed = parseArgs({
            args: [...argv],
            options: { ...globalFlags, ...commandFlags(command) },
            allowPositionals: true,
            strict: true,
        });
    } catch (error) {
        throw new UsageError(error instanceof Error ? error.message : String(error), topic);
    }
    const flagValues = parsed.values as Readonly<Record<string, string | boolean | undefined>>;
    const positionals = parsed.positionals.slice(2);
    const positionalParameters = command.parameters.filter((p) => p.flag === undefined);
    if (positionals.length > positionalParameters.length) {
        throw new UsageError(`unexpected argument '${positionals[positionalParameters.length] ?? ''}'`, topic);
    }
    const raw = new Map<string, RawValue>();
    for (const parameter of command.parameters) {
        const text =
            parameter.flag === undefined
                ? positionals[positionalParameters.indexOf(parameter)]
                : (flagValues[parameter.flag] as string | undefined);
        if (text !== undefined) {
            raw.set(parameter.name, convert(parameter, text, topic));
        } else if (parameter.optional !== true) {
            throw new UsageError(`missing ${describeMissing(parameter)}`, topic);
        }
    }
    const text = (name: string): string | undefined => flagValues[name] as string | undefined;
    return {
        kind: 'run',
        command,
        raw,
        globals: {
            ...optional('org', text('org')),
            ...optional('connections', text('connections')),
            ...optional('identity', text('identity')),
            json: flagValues.json === true,
        },
    };
}

function commandFlags(command: TransactionCommand): Record<string, { type: 'string' }> {
    return Object.fromEntries(
        command.parameters.flatMap((p) => (p.flag === undefined ? [] : [[p.flag, { type: 'string' as const }]])),
    );
}

function convert(parameter: Parameter, text: string, topic: HelpTopic): RawValue {
    if (parameter.type === 'integer') {
        if (!/^\d+$/.test(text)) {
            throw new UsageError(`${parameter.name} must be a whole number, not '${text}'`, topic);
        }
        return Number(text);
    }
    if (parameter.type === 'list') {
        const words = text
            .split(',')
            .map((word) => word.trim())
            .filter((word) => word !== '');
        if (words.length === 0) {
            throw new UsageError(`${parameter.name} must list at least one value, separated by commas`, topic);
        }
        return words;
    }
    if (parameter.type === 'choice' && !(parameter.choices ?? []).includes(text)) {
        throw new UsageError(
            `${parameter.name} must be one of ${(parameter.choices ?? []).join(', ')}, not '${text}'`,
            topic,
        );
    }
    return text;
}

function describeMissing(parameter: Parameter): string {
    return parameter.flag === undefined ? `argument <${parameter.name}>` : `option --${parameter.flag}`;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
    return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function asContract(word: string): ContractName | undefined {
    return Object.hasOwn(contractSummaries, word) ? (word as ContractName) : undefined;
}

/** The words that are not options or option values, found before the command (and so its options) is known. */
function commandWords(argv: readonly string[], table: readonly TransactionCommand[]): string[] {
    const takesValue = new Set([
        ...Object.entries(globalFlags).flatMap(([flag, spec]) => (spec.type === 'string' ? [flag] : [])),
        ...table.flatMap((c) => c.parameters.flatMap((p) => (p.flag === undefined ? [] : [p.flag]))),
    ]);
    const words: string[] = [];
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i] ?? '';
        if (arg === '--') {
            words.push(...argv.slice(i + 1));
            break;
        }
        if (arg.startsWith('-')) {
            i += arg.startsWith('--') && !arg.includes('=') && takesValue.has(arg.slice(2)) ? 1 : 0;
        } else {
            words.push(arg);
        }
    }
    return words;
}

// The CLI as a function of its arguments and its surroundings, so it can be tested without a process.
import { join } from 'node:path';
import type { AssociationClient, ConnectOptions } from '../connection/connect';
import { type RawValue, type Invocation, type HelpTopic, UsageError, parseCommandLine } from './arguments';
import { type TransactionCommand, commands } from './commands';
import type { CliConfig } from './config';
import { type ExitCode, describeError, exitCodeFor, exitCodes } from './exit-codes';
import { helpText, usageHint } from './help';
import { formatResult } from './output';
import { Values } from './values';

/** What the CLI needs from the outside world. */
export interface CliEnvironment {
    readonly connect: (options: Readonly<ConnectOptions>) => Promise<AssociationClient>;
    readonly readFile: (path: string) => Promise<string>;
    /** The names of the entries of a folder (rejects when there is no such folder). */
    readonly listFiles: (dir: string) => Promise<readonly string[]>;
    /** The environment variables, terminal width and version, read once by the configuration layer. */
    readonly config: CliConfig;
    readonly stdout: (text: string) => void;
    readonly stderr: (text: string) => void;
}

/**
 * Runs one command line and reports the outcome as an exit code; never throws.
 * @param argv - the arguments after the program name
 * @param environment - connect, file reading, configuration and output streams
 * @param table - the transaction commands (the full table unless a test narrows it)
 */
export async function runCli(
    argv: readonly string[],
    environment: CliEnvironment,
    table: readonly TransactionCommand[] = commands,
): Promise<ExitCode> {
    let json = argv.includes('--json');
    try {
        const invocation = parseCommandLine(argv, table);
        if (invocation.kind === 'help') {
            environment.stdout(`${helpText(invocation.topic, table)}\n`);
            return exitCodes.ok;
        }
        if (invocation.kind === 'version') {
            environment.stdout(`${environment.config.version}\n`);
            return exitCodes.ok;
        }
        json = invocation.globals.json;
        const result = await execute(invocation, environment);
        environment.stdout(`${formatResult(result, { json, columns: environment.config.columns })}\n`);
        return exitCodes.ok;
    } catch (error) {
        environment.stderr(`${describeError(error, json)}\n`);
        if (error instanceof UsageError && !json) {
            environment.stderr(`${usageHint(error.topic, table)}\n`);
        }
        return exitCodeFor(error);
    }
}

async function execute(
    invocation: Extract<Invocation, { kind: 'run' }>,
    environment: CliEnvironment,
): Promise<unknown> {
    const { command, globals } = invocation;
    const topic = { contract: command.contract, command };
    const org = globals.org ?? environment.config.org;
    if (org === undefined || org === '') {
        throw new UsageError('name the organisation to act for with --org <name> (or BIA_ORG)', topic);
    }
    const connections =
        globals.connections !== undefined
            ? { dir: globals.connections, from: '--connections' }
            : environment.config.connections;
    const connectionFile = await findConnectionFile(org, connections, environment.listFiles, topic);
    const values = await loadValues(command, invocation.raw, environment.readFile);
    const client = await environment.connect({
        connectionFile,
        ...(globals.identity !== undefined ? { identity: globals.identity } : {}),
    });
    try {
        return await command.invoke(client, values);
    } finally {
        client.close();
    }
}

/**
 * The organisation's connection file, checked to exist first, so that a wrong --org or folder is a usage error that
 * says which organisations there are.
 */
async function findConnectionFile(
    org: string,
    connections: CliConfig['connections'],
    listFiles: CliEnvironment['listFiles'],
    topic: HelpTopic,
): Promise<string> {
    let names: readonly string[];
    try {
        names = await listFiles(connections.dir);
    } catch {
        throw new UsageError(
            `there is no connections folder ${connections.dir} (from ${connections.from}): start a network ` +
                '(npm run devnet, or scripts/bia network up) or name its folder with --connections or BIA_CONNECTIONS',
            topic,
        );
    }
    const organisations = names
        .filter((name) => name.endsWith('.json'))
        .map((name) => name.slice(0, -'.json'.length))
        .sort();
    if (!organisations.includes(org)) {
        const there =
            organisations.length === 0
                ? 'it holds no connection files'
                : `connection files there: ${organisations.map((o) => `${o}.json`).join(', ')}`;
        throw new UsageError(
            `no connection file for organisation '${org}' in ${connections.dir} (from ${connections.from}); ${there}`,
            topic,
        );
    }
    return join(connections.dir, `${org}.json`);
}

/** Reads and parses the JSON files the command names, before connecting, so a bad file costs no network call. */
async function loadValues(
    command: TransactionCommand,
    raw: ReadonlyMap<string, RawValue>,
    readFile: CliEnvironment['readFile'],
): Promise<Values> {
    const values = new Map<string, unknown>(raw);
    for (const parameter of command.parameters) {
        const path = raw.get(parameter.name);
        if (parameter.type !== 'document' || typeof path !== 'string') {
            continue;
        }
        const topic = { contract: command.contract, command };
        let text: string;
        try {
            text = await readFile(path);
        } catch (error) {
            throw new UsageError(`cannot read ${parameter.name} file ${path}: ${String(error)}`, topic);
        }
        try {
            values.set(parameter.name, JSON.parse(text));
        } catch (error) {
            throw new UsageError(`${parameter.name} file ${path} is not JSON: ${String(error)}`, topic);
        }
    }
    return new Values(values);
}

// The CLI as a function of its arguments and its surroundings, so it can be tested without a process.
import { join } from 'node:path';
import type { AssociationClient, ConnectOptions } from '../connection/connect';
import { type RawValue, type Invocation, UsageError, parseCommandLine } from './arguments';
import { type TransactionCommand, commands } from './commands';
import { type ExitCode, describeError, exitCodeFor, exitCodes } from './exit-codes';
import { helpText, usageHint } from './help';
import { formatResult } from './output';
import { Values } from './values';

export const defaultConnectionsDir = 'network/generated/connections';

/** What the CLI needs from the outside world. */
export interface CliEnvironment {
    readonly connect: (options: Readonly<ConnectOptions>) => Promise<AssociationClient>;
    readonly readFile: (path: string) => Promise<string>;
    readonly env: Readonly<Record<string, string | undefined>>;
    readonly stdout: (text: string) => void;
    readonly stderr: (text: string) => void;
}

/**
 * Runs one command line and reports the outcome as an exit code; never throws.
 * @param argv - the arguments after the program name
 * @param environment - connect, file reading, environment variables and output streams
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
        json = invocation.globals.json;
        const result = await execute(invocation, environment);
        environment.stdout(`${formatResult(result, json)}\n`);
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
    const org = globals.org ?? environment.env.BIA_ORG;
    if (org === undefined || org === '') {
        throw new UsageError('name the organisation to act for with --org <name> (or BIA_ORG)', {
            contract: command.contract,
            command,
        });
    }
    const connections = globals.connections ?? environment.env.BIA_CONNECTIONS ?? defaultConnectionsDir;
    const values = await loadValues(command, invocation.raw, environment.readFile);
    const client = await environment.connect({
        connectionFile: join(connections, `${org}.json`),
        ...(globals.identity !== undefined ? { identity: globals.identity } : {}),
    });
    try {
        return await command.invoke(client, values);
    } finally {
        client.close();
    }
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

// Help text at every level: the program, a contract, a command. Generated from the command table.
import type { HelpTopic } from './arguments';
import { type ContractName, type TransactionCommand, contractSummaries } from './commands';
import { usageOf } from './parameters';

export const programName = 'biactl';

const globalOptionsHelp = `Global options:
  --org <name>          the organisation to act for (env BIA_ORG); picks <connections>/<name>.json
  --connections <dir>   folder of connection files (env BIA_CONNECTIONS; default the repository's
                        network/generated/connections)
  --identity <name>     an identity of the connection file (default: its default identity)
  --json                print results as JSON for scripts (tables fit the terminal, or COLUMNS)
  -h, --help            show help
  --version             print the version

Exit codes: 0 ok, 2 usage error, 3 transaction rejected (chaincode refusal or invalid commit),
4 network unreachable, 1 anything else.`;

/** The help text for a topic: the whole program, one contract's commands, or one command. */
export function helpText(topic: HelpTopic, table: readonly TransactionCommand[]): string {
    if (topic.command !== undefined) {
        return commandHelp(topic.command);
    }
    if (topic.contract !== undefined) {
        return contractHelp(topic.contract, table);
    }
    return programHelp();
}

/** The usage line of a topic and where to find more: what a usage error prints under its message. */
export function usageHint(topic: HelpTopic, table: readonly TransactionCommand[]): string {
    const words = [programName, topic.contract, topic.command?.command].filter((w) => w !== undefined).join(' ');
    const [usage = ''] = helpText(topic, table).split('\n');
    return `${usage}\nRun '${words} --help' for more.`;
}

function programHelp(): string {
    const contracts = Object.entries(contractSummaries).map(([name, summary]) => `  ${name.padEnd(12)}${summary}`);
    return [
        `usage: ${programName} <contract> <command> [arguments] [options]`,
        '',
        "Runs the association chaincode's transactions as one organisation's identity.",
        '',
        'Contracts:',
        ...contracts,
        '',
        `Run '${programName} <contract> --help' for its commands.`,
        '',
        globalOptionsHelp,
    ].join('\n');
}

function contractHelp(contract: ContractName, table: readonly TransactionCommand[]): string {
    const commands = table.filter((c) => c.contract === contract);
    const width = Math.max(...commands.map((c) => c.command.length)) + 2;
    return [
        `usage: ${programName} ${contract} <command> [arguments] [options]`,
        '',
        `${contract}: ${contractSummaries[contract]}`,
        '',
        'Commands:',
        ...commands.map((c) => `  ${c.command.padEnd(width)}${c.summary}`),
        '',
        `Run '${programName} ${contract} <command> --help' for its arguments.`,
        '',
        globalOptionsHelp,
    ].join('\n');
}

function commandHelp(command: TransactionCommand): string {
    const usage = [programName, command.contract, command.command, ...command.parameters.map(usageOf)].join(' ');
    const names = command.parameters.map((p) => (p.flag === undefined ? `<${p.name}>` : `--${p.flag} <${p.name}>`));
    const width = Math.max(0, ...names.map((n) => n.length)) + 2;
    const lines = command.parameters.map((p, i) => {
        const choices = p.choices === undefined ? '' : ` (${p.choices.join(', ')})`;
        return `  ${(names[i] ?? '').padEnd(width)}${p.description}${choices}`;
    });
    const how = command.mode === 'submit' ? 'submitted and committed' : 'evaluated on one peer, nothing written';
    return [
        `usage: ${usage} [global options]`,
        '',
        `${command.summary}.`,
        `Runs ${command.contract}:${command.transaction}, ${how}.`,
        ...(lines.length > 0 ? ['', 'Arguments:', ...lines] : []),
        '',
        globalOptionsHelp,
    ].join('\n');
}

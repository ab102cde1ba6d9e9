#!/usr/bin/env node
// `npm run portal -- --org NAME --connections DIR [--port N]`: serve one organisation's portal against any network.
// `npm run portal -- accounts add|list|remove|set-role|set-password ...`: the administrator's account commands.
// Configuration comes from the command line only (and the password from standard input), per CONVENTIONS.md.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Organization } from './organization';
import { PortalDatabase } from './store';
import { AccountError, AccountStore, isRole, roles } from './accounts/accounts';
import { startPortal } from './start';

const repositoryRoot = resolve(__dirname, '../../../..');

const usage = `usage:
  portal [serve] --org NAME [--connections DIR] [--port N] [--host H] [--data-dir DIR]
                 [--tls-cert FILE --tls-key FILE] [--trust-proxy]
  portal accounts list   --org NAME [--connections DIR] [--data-dir DIR]
  portal accounts add    --org NAME --username U --role ${roles.join('|')} --identity NAME   (password on stdin)
  portal accounts set-password --org NAME --username U                                        (password on stdin)
  portal accounts set-role     --org NAME --username U --role ROLE
  portal accounts remove       --org NAME --username U

--connections defaults to network/generated/connections (the real network's); the devnet writes its own folder.
--data-dir defaults to .portal/<org> in the repository: accounts, sessions and the event checkpoint (SQLite).`;

class UsageError extends Error {}

const options = {
    org: { type: 'string' },
    connections: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    'data-dir': { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'trust-proxy': { type: 'boolean' },
    username: { type: 'string' },
    role: { type: 'string' },
    identity: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];

function required(values: Values, name: 'org' | 'username' | 'role' | 'identity'): string {
    const value = values[name];
    if (value === undefined || value === '') {
        throw new UsageError(`--${name} is required`);
    }
    return value;
}

function paths(values: Values): { connectionFile: string; dataDir: string } {
    const org = required(values, 'org');
    const connections = resolve(values.connections ?? join(repositoryRoot, 'network/generated/connections'));
    return {
        connectionFile: join(connections, `${org}.json`),
        dataDir: resolve(values['data-dir'] ?? join(repositoryRoot, '.portal', org)),
    };
}

function readPassword(): string {
    const password = readFileSync(0, 'utf8').replace(/\r?\n$/, '');
    if (password === '') {
        throw new UsageError('give the password on standard input');
    }
    return password;
}

async function accountsCommand(command: string | undefined, values: Values): Promise<void> {
    const { connectionFile, dataDir } = paths(values);
    const organization = await Organization.open(connectionFile);
    const database = PortalDatabase.open(dataDir);
    try {
        const accounts = new AccountStore(database, organization.identities);
        const role = (): (typeof roles)[number] => {
            const value = required(values, 'role');
            if (!isRole(value)) {
                throw new UsageError(`--role must be one of ${roles.join(', ')}`);
            }
            return value;
        };
        switch (command) {
            case 'list':
                for (const account of accounts.list()) {
                    console.log(`${account.username}\t${account.role}\t${account.identity}`);
                }
                return;
            case 'add': {
                const account = await accounts.create({
                    username: required(values, 'username'),
                    role: role(),
                    identity: required(values, 'identity'),
                    password: readPassword(),
                });
                console.log(`added ${account.username} (${account.role}, identity ${account.identity})`);
                return;
            }
            case 'set-password':
                await accounts.setPassword(required(values, 'username'), readPassword());
                console.log('password changed');
                return;
            case 'set-role':
                accounts.setRole(required(values, 'username'), role());
                console.log('role changed');
                return;
            case 'remove':
                accounts.remove(required(values, 'username'));
                console.log('account removed; its sessions ended');
                return;
            default:
                throw new UsageError(`unknown accounts command ${command ?? '(none)'}`);
        }
    } finally {
        await organization.close();
        database.close();
    }
}

async function serve(values: Values): Promise<void> {
    const { connectionFile, dataDir } = paths(values);
    const port = values.port === undefined ? 8080 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new UsageError('--port must be a port number');
    }
    const cert = values['tls-cert'];
    const key = values['tls-key'];
    if ((cert === undefined) !== (key === undefined)) {
        throw new UsageError('--tls-cert and --tls-key go together');
    }
    const portal = await startPortal({
        connectionFile,
        dataDir,
        port,
        ...(values.host === undefined ? {} : { host: values.host }),
        ...(cert === undefined || key === undefined
            ? {}
            : { https: { cert: readFileSync(cert), key: readFileSync(key) } }),
        trustProxy: values['trust-proxy'] === true,
        logger: true,
        onEventError: (error) => {
            console.error(`event feed: ${String(error)}`);
        },
    });
    console.log(`portal of ${portal.organization.name} (${portal.organization.mspId}): ${portal.url}`);
    const stop = (): void => {
        portal.close().then(
            () => process.exit(0),
            () => process.exit(1),
        );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
}

async function main(argv: string[]): Promise<void> {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true });
    if (values.help === true) {
        console.log(usage);
        return;
    }
    const [command = 'serve', subcommand] = positionals;
    if (command === 'serve') {
        await serve(values);
    } else if (command === 'accounts') {
        await accountsCommand(subcommand, values);
    } else {
        throw new UsageError(`unknown command ${command}`);
    }
}

main(process.argv.slice(2)).catch((error: unknown) => {
    if (
        error instanceof UsageError ||
        error instanceof AccountError ||
        (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
    ) {
        console.error(`portal: ${(error as Error).message}\n\n${usage}`);
        process.exitCode = 2;
        return;
    }
    console.error(`portal: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
});

// Operator accounts: each maps one person to one Fabric identity of the organisation (a name from its connection
// file) and a role. The identity decides which member the person acts for; the role decides what the portal lets
// them try. The chaincode still checks every transaction on its own.
import type { PortalDatabase } from '../store';
import { type PasswordHash, hashPassword, passwordProblem, verifyPassword } from './password';

export const roles = ['viewer', 'operator', 'administrator'] as const;
export type Role = (typeof roles)[number];

export interface Account {
    readonly username: string;
    readonly role: Role;
    /** The identity's name in the organisation's connection file, e.g. `User3`. */
    readonly identity: string;
    readonly createdAt: string;
    readonly updatedAt: string;
}

export class AccountError extends Error {
    readonly field: string;
    constructor(field: string, message: string) {
        super(`${field}: ${message}`);
        this.name = 'AccountError';
        this.field = field;
    }
}

const usernamePattern = /^[a-z0-9][a-z0-9._-]{2,63}$/;

export function isRole(value: string): value is Role {
    return (roles as readonly string[]).includes(value);
}

/** Whether a role may submit transactions (a viewer only reads). */
export function canAct(role: Role): boolean {
    return role !== 'viewer';
}

interface AccountRow {
    username: string;
    role: string;
    identity: string;
    password: string;
    created_at: string;
    updated_at: string;
}

function toAccount(row: AccountRow): Account {
    if (!isRole(row.role)) {
        throw new Error(`account ${row.username} has an unknown role ${row.role}`);
    }
    return {
        username: row.username,
        role: row.role,
        identity: row.identity,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
    };
}

export interface NewAccount {
    readonly username: string;
    readonly password: string;
    readonly role: Role;
    readonly identity: string;
}

export class AccountStore {
    readonly #database: PortalDatabase;
    /** The identity names an account may map to (those of the organisation's connection file). */
    readonly #identities: ReadonlySet<string>;

    constructor(database: PortalDatabase, identities: Iterable<string>) {
        this.#database = database;
        this.#identities = new Set(identities);
    }

    async create(account: NewAccount): Promise<Account> {
        this.#checkUsername(account.username);
        this.#checkIdentity(account.identity);
        const problem = passwordProblem(account.password);
        if (problem !== undefined) {
            throw new AccountError('password', problem);
        }
        if (this.find(account.username) !== undefined) {
            throw new AccountError('username', `an account ${account.username} exists already`);
        }
        const hash = await hashPassword(account.password);
        const now = new Date().toISOString();
        this.#database.db
            .prepare(
                'INSERT INTO accounts (username, role, identity, password, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
            )
            .run(account.username, account.role, account.identity, JSON.stringify(hash), now, now);
        return this.get(account.username);
    }

    find(username: string): Account | undefined {
        const row = this.#row(username);
        return row === undefined ? undefined : toAccount(row);
    }

    get(username: string): Account {
        const account = this.find(username);
        if (account === undefined) {
            throw new AccountError('username', `no account ${username}`);
        }
        return account;
    }

    list(): Account[] {
        const rows = this.#database.db
            .prepare('SELECT * FROM accounts ORDER BY username')
            .all() as unknown as AccountRow[];
        return rows.map(toAccount);
    }

    /** The account when the password is right; undefined otherwise (also for an unknown user, after equal work). */
    async authenticate(username: string, password: string): Promise<Account | undefined> {
        const row = this.#row(username);
        const stored: PasswordHash = row === undefined ? decoyHash : (JSON.parse(row.password) as PasswordHash);
        const matches = await verifyPassword(password, stored);
        return row !== undefined && matches ? toAccount(row) : undefined;
    }

    async setPassword(username: string, password: string): Promise<Account> {
        this.get(username);
        const problem = passwordProblem(password);
        if (problem !== undefined) {
            throw new AccountError('password', problem);
        }
        const hash = await hashPassword(password);
        this.#update(username, 'password', JSON.stringify(hash));
        return this.get(username);
    }

    setRole(username: string, role: Role): Account {
        this.get(username);
        this.#update(username, 'role', role);
        return this.get(username);
    }

    setIdentity(username: string, identity: string): Account {
        this.get(username);
        this.#checkIdentity(identity);
        this.#update(username, 'identity', identity);
        return this.get(username);
    }

    remove(username: string): void {
        this.get(username);
        this.#database.db.prepare('DELETE FROM accounts WHERE username = ?').run(username);
        // Signed-in sessions of a removed account end with it.
        this.#database.db.prepare("DELETE FROM sessions WHERE json_extract(data, '$.username') = ?").run(username);
    }

    #update(username: string, column: 'password' | 'role' | 'identity', value: string): void {
        this.#database.db
            .prepare(`UPDATE accounts SET ${column} = ?, updated_at = ? WHERE username = ?`)
            .run(value, new Date().toISOString(), username);
    }

    #row(username: string): AccountRow | undefined {
        return this.#database.db.prepare('SELECT * FROM accounts WHERE username = ?').get(username) as
            AccountRow | undefined;
    }

    #checkUsername(username: string): void {
        if (!usernamePattern.test(username)) {
            throw new AccountError(
                'username',
                'must be 3 to 64 characters: lower-case letters, digits, dot, dash or underscore, starting with a letter or digit',
            );
        }
    }

    #checkIdentity(identity: string): void {
        if (!this.#identities.has(identity)) {
            throw new AccountError(
                'identity',
                `${identity} is not an identity of this organisation's connection file (${[...this.#identities].join(', ')})`,
            );
        }
    }
}

/** Verified against when the username is unknown, so the response time does not tell which usernames exist. */
const decoyHash: PasswordHash = {
    algorithm: 'scrypt',
    params: { N: 2 ** 15, r: 8, p: 1 },
    salt: 'AAAAAAAAAAAAAAAAAAAAAA==',
    hash: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
};

// The portal's own store: one SQLite file in the portal's data folder (Node's built-in node:sqlite), holding operator
// accounts, sessions and the event checkpoint. SQLite rather than a folder of JSON files because the administrator's
// command line and the running server use it at the same time: SQLite serialises their writes (WAL journal).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';

const schema = `
CREATE TABLE IF NOT EXISTS accounts (
    username TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    identity TEXT NOT NULL,
    password TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS sessions_expiry ON sessions (expires_at);
CREATE TABLE IF NOT EXISTS settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
`;

export class PortalDatabase {
    readonly db: DatabaseSync;

    private constructor(db: DatabaseSync) {
        this.db = db;
    }

    /** Opens (creating when needed) `portal.sqlite` in the data folder. */
    static open(dataDir: string): PortalDatabase {
        // Looked up when used, not imported, so that loading the portal's code on a Node without SQLite (20) fails
        // only when a portal is opened, with this message.
        const sqlite = process.getBuiltinModule('node:sqlite') as typeof import('node:sqlite') | undefined;
        if (sqlite === undefined) {
            throw new Error(`the portal needs node:sqlite (Node 22.13 or later); this is Node ${process.version}`);
        }
        mkdirSync(dataDir, { recursive: true, mode: 0o700 });
        const db = new sqlite.DatabaseSync(join(dataDir, 'portal.sqlite'));
        db.exec('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;');
        db.exec(schema);
        return new PortalDatabase(db);
    }

    setting(name: string): string | undefined {
        const row = this.db.prepare('SELECT value FROM settings WHERE name = ?').get(name) as
            { value: string } | undefined;
        return row?.value;
    }

    saveSetting(name: string, value: string): void {
        this.db
            .prepare(
                'INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
            )
            .run(name, value);
    }

    close(): void {
        if (this.db.isOpen) {
            this.db.close();
        }
    }
}

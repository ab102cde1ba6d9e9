// Sessions live in the portal's SQLite store, so a restarted server keeps its users signed in until their sessions
// expire, and an expired session is gone on the server side too, not only in the browser.
import type { FastifySessionObject } from '@fastify/session';
import type { PortalDatabase } from '../store';

type Callback = (error?: unknown) => void;
type SessionCallback = (error: unknown, session?: FastifySessionObject | null) => void;

export class SqliteSessionStore {
    readonly #database: PortalDatabase;
    readonly #now: () => number;

    constructor(database: PortalDatabase, now: () => number = Date.now) {
        this.#database = database;
        this.#now = now;
    }

    set(sessionId: string, session: FastifySessionObject, callback: Callback): void {
        this.#run(callback, () => {
            const expires = session.cookie.expires;
            const expiresAt = expires instanceof Date ? expires.getTime() : this.#now() + (session.cookie.maxAge ?? 0);
            this.#database.db
                .prepare(
                    'INSERT INTO sessions (id, data, expires_at) VALUES (?, ?, ?) ' +
                        'ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at',
                )
                .run(sessionId, JSON.stringify(session), expiresAt);
        });
    }

    get(sessionId: string, callback: SessionCallback): void {
        try {
            const row = this.#database.db
                .prepare('SELECT data, expires_at FROM sessions WHERE id = ?')
                .get(sessionId) as { data: string; expires_at: number } | undefined;
            if (row === undefined) {
                callback(null, null);
                return;
            }
            if (row.expires_at <= this.#now()) {
                this.#database.db.prepare('DELETE FROM sessions WHERE id = ?').run(sessionId);
                callback(null, null);
                return;
            }
            callback(null, JSON.parse(row.data) as FastifySessionObject);
        } catch (error) {
            callback(error);
        }
    }

    destroy(sessionId: string, callback: Callback): void {
        this.#run(callback, () => {
            this.#database.db.prepare('DELETE FROM sessions WHERE id = ?').run(sessionId);
        });
    }

    /** Removes every expired session; the server calls it now and then. */
    prune(): number {
        const result = this.#database.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(this.#now());
        return Number(result.changes);
    }

    #run(callback: Callback, work: () => void): void {
        try {
            work();
            callback();
        } catch (error) {
            callback(error);
        }
    }
}

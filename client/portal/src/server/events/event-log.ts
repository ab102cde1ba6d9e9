// The chaincode events the portal has seen, kept in its store: live pages catch up from here after a reconnect
// (Last-Event-ID), and the open motions are read from it, since the chaincode has no listing of motions.
// The listener that fills it is checkpointed and delivers at least once; the transaction ID makes a repeat a no-op.
import type { AssociationEvent } from '@bia/client';
import type { PortalDatabase } from '../store';

const schema = `
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    tx_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    block INTEGER NOT NULL,
    payload TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS motions (
    motion_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    status TEXT NOT NULL,
    opened_seq INTEGER NOT NULL
) STRICT;
`;

/** An event as the portal's live updates carry it. */
export interface LoggedEvent {
    readonly seq: number;
    readonly name: string;
    readonly transactionId: string;
    readonly blockNumber: number;
    readonly payload: unknown;
}

export interface MotionEntry {
    readonly motionId: string;
    readonly kind: string;
    readonly subjectId: string;
    readonly status: string;
}

type Listener = (event: LoggedEvent) => void;

interface EventRow {
    readonly seq: number;
    readonly name: string;
    readonly tx_id: string;
    readonly block: number;
    readonly payload: string;
}

function loggedEvent(row: EventRow): LoggedEvent {
    return {
        seq: row.seq,
        name: row.name,
        transactionId: row.tx_id,
        blockNumber: row.block,
        payload: JSON.parse(row.payload) as unknown,
    };
}

export class EventLog {
    readonly #database: PortalDatabase;
    readonly #listeners = new Set<Listener>();

    constructor(database: PortalDatabase) {
        this.#database = database;
        database.db.exec(schema);
    }

    /** Records an event once; returns it with its sequence number, or undefined when it was seen before. */
    record(event: AssociationEvent): LoggedEvent | undefined {
        const payload = JSON.stringify(event.payload);
        const result = this.#database.db
            .prepare(
                'INSERT INTO events (tx_id, name, block, payload) VALUES (?, ?, ?, ?) ON CONFLICT (tx_id) DO NOTHING',
            )
            .run(event.transactionId, event.name, Number(event.blockNumber), payload);
        if (Number(result.changes) === 0) {
            return undefined;
        }
        const logged: LoggedEvent = {
            seq: Number(result.lastInsertRowid),
            name: event.name,
            transactionId: event.transactionId,
            blockNumber: Number(event.blockNumber),
            payload: event.payload,
        };
        this.#project(logged, event);
        for (const listener of this.#listeners) {
            listener(logged);
        }
        return logged;
    }

    /** Events after a sequence number, oldest first (for a page that reconnects). */
    since(seq: number, limit = 500): LoggedEvent[] {
        const rows = this.#database.db
            .prepare('SELECT seq, name, tx_id, block, payload FROM events WHERE seq > ? ORDER BY seq LIMIT ?')
            .all(seq, limit) as unknown as EventRow[];
        return rows.map(loggedEvent);
    }

    /** The most recent events of some kinds, newest first. */
    recent(names: readonly string[], limit: number): LoggedEvent[] {
        const placeholders = names.map(() => '?').join(', ');
        const rows = this.#database.db
            .prepare(
                `SELECT seq, name, tx_id, block, payload FROM events WHERE name IN (${placeholders}) ORDER BY seq DESC LIMIT ?`,
            )
            .all(...names, limit) as unknown as EventRow[];
        return rows.map(loggedEvent);
    }

    lastSeq(): number {
        const row = this.#database.db.prepare('SELECT MAX(seq) AS seq FROM events').get() as { seq: number | null };
        return row.seq ?? 0;
    }

    motions(status?: string): MotionEntry[] {
        const rows = (status === undefined
            ? this.#database.db.prepare('SELECT * FROM motions ORDER BY opened_seq DESC').all()
            : this.#database.db
                  .prepare('SELECT * FROM motions WHERE status = ? ORDER BY opened_seq DESC')
                  .all(status)) as unknown as { motion_id: string; kind: string; subject_id: string; status: string }[];
        return rows.map((row) => ({
            motionId: row.motion_id,
            kind: row.kind,
            subjectId: row.subject_id,
            status: row.status,
        }));
    }

    subscribe(listener: Listener): () => void {
        this.#listeners.add(listener);
        return () => this.#listeners.delete(listener);
    }

    #project(logged: LoggedEvent, event: AssociationEvent): void {
        if (event.name === 'MotionOpened') {
            const { motionId, kind, subjectId } = event.payload;
            this.#database.db
                .prepare(
                    "INSERT INTO motions (motion_id, kind, subject_id, status, opened_seq) VALUES (?, ?, ?, 'open', ?) " +
                        'ON CONFLICT (motion_id) DO NOTHING',
                )
                .run(motionId, kind, subjectId, logged.seq);
        }
        const closed = closedMotion(event);
        if (closed !== undefined) {
            this.#database.db
                .prepare('UPDATE motions SET status = ? WHERE motion_id = ?')
                .run(closed.status, closed.motionId);
        }
    }
}

/**
 * The motion a closing transaction reports on. Fabric keeps one event per transaction, so a motion whose outcome
 * changed a member or a scenario reports that change (with the motion's ID) instead of MotionClosed; the motion's
 * own record then says whether it carried.
 */
function closedMotion(event: AssociationEvent): { motionId: string; status: string } | undefined {
    if (event.name === 'MotionClosed') {
        return { motionId: event.payload.motionId, status: event.payload.status };
    }
    const opening = ['applied', 'proposed'];
    if (
        (event.name === 'MemberStatusChanged' || event.name === 'ScenarioStatusChanged') &&
        event.payload.motionId !== undefined &&
        !opening.includes(event.payload.to)
    ) {
        return { motionId: event.payload.motionId, status: 'closed' };
    }
    return undefined;
}

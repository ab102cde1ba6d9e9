// The most recent blocks as the organisation's peer committed them, for the ledger page. A feed reads the channel's
// blocks into the portal's store, resuming after the last block it stored, and keeps the newest few hundred.
import type { AssociationClient, BlockSummary } from '@bia/client';
import type { PortalDatabase } from '../store';
import { jsonReplacer } from '../json';

const schema = `
CREATE TABLE IF NOT EXISTS blocks (
    number INTEGER PRIMARY KEY,
    summary TEXT NOT NULL
) STRICT;
`;

export interface StoredBlock {
    readonly number: string;
    readonly transactions: BlockSummary['transactions'];
}

export class BlockLog {
    readonly #database: PortalDatabase;
    readonly #keep: number;

    constructor(database: PortalDatabase, keep = 500) {
        this.#database = database;
        this.#keep = keep;
        database.db.exec(schema);
    }

    record(block: BlockSummary): void {
        const number = Number(block.number);
        this.#database.db
            .prepare('INSERT INTO blocks (number, summary) VALUES (?, ?) ON CONFLICT (number) DO NOTHING')
            .run(number, JSON.stringify(block, jsonReplacer));
        this.#database.db.prepare('DELETE FROM blocks WHERE number <= ?').run(number - this.#keep);
    }

    /** The next block the feed needs. */
    nextBlock(): bigint {
        const row = this.#database.db.prepare('SELECT MAX(number) AS number FROM blocks').get() as {
            number: number | null;
        };
        return row.number === null ? 0n : BigInt(row.number) + 1n;
    }

    recent(limit: number): StoredBlock[] {
        const rows = this.#database.db
            .prepare('SELECT summary FROM blocks ORDER BY number DESC LIMIT ?')
            .all(limit) as unknown as { summary: string }[];
        return rows.map((row) => JSON.parse(row.summary) as StoredBlock);
    }
}

export interface BlockFeed {
    close(): void;
}

/**
 * Reads blocks into the log until closed. A broken stream is reopened from the next block needed, after a backoff
 * that doubles to at most 30 s; each failure is reported, since a portal should outlive a peer's restart.
 */
export function startBlockFeed(client: AssociationClient, log: BlockLog, onError: (error: unknown) => void): BlockFeed {
    // An object, so the loop sees close() from outside (a plain `let` would be narrowed to false).
    const state: { closed: boolean } = { closed: false };
    const isClosed = (): boolean => state.closed;
    let stream: Awaited<ReturnType<AssociationClient['blocks']>> | undefined;
    let delay = 500;
    const run = async (): Promise<void> => {
        while (!isClosed()) {
            try {
                stream = await client.blocks({ startBlock: log.nextBlock() });
                for await (const block of stream) {
                    log.record(block);
                    delay = 500;
                }
            } catch (error) {
                if (!isClosed()) {
                    onError(
                        new Error(
                            `block feed: ${error instanceof Error ? error.message : String(error)}; retrying in ${delay} ms`,
                        ),
                    );
                }
            }
            if (!isClosed()) {
                await new Promise((resolve) => setTimeout(resolve, delay).unref());
                delay = Math.min(delay * 2, 30_000);
            }
        }
    };
    void run();
    return {
        close: () => {
            state.closed = true;
            stream?.close();
        },
    };
}

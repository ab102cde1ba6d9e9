// Keeps the last lines a child process wrote, to explain why it failed, and optionally copies them to a log file.
import { type WriteStream, createWriteStream } from 'node:fs';
import type { Readable } from 'node:stream';

const KEPT_LINES = 60;

export class OutputTail {
    readonly #lines: string[] = [];
    readonly #log: WriteStream | undefined;
    readonly #watchers = new Set<{ readonly pattern: string; readonly found: () => void }>();
    #partial = '';

    constructor(logFile?: string) {
        this.#log = logFile === undefined ? undefined : createWriteStream(logFile, { flags: 'a' });
    }

    follow(...streams: (Readable | null)[]): void {
        for (const stream of streams) {
            stream?.on('data', (chunk: Buffer) => {
                this.append(chunk);
            });
        }
    }

    append(chunk: Buffer): void {
        this.#log?.write(chunk);
        const lines = (this.#partial + chunk.toString()).split('\n');
        this.#partial = lines.pop() ?? '';
        lines.forEach((line) => {
            this.#keep(line);
        });
    }

    /** Resolves when a line containing the pattern is written. */
    async waitFor(pattern: string): Promise<void> {
        if (this.#lines.some((line) => line.includes(pattern))) {
            return;
        }
        await new Promise<void>((resolve) => {
            const watcher = {
                pattern,
                found: () => {
                    this.#watchers.delete(watcher);
                    resolve();
                },
            };
            this.#watchers.add(watcher);
        });
    }

    text(): string {
        return [...this.#lines, this.#partial].filter((line) => line !== '').join('\n');
    }

    async close(): Promise<void> {
        const log = this.#log;
        if (log) {
            await new Promise<void>((resolve) => log.end(resolve));
        }
    }

    #keep(line: string): void {
        this.#lines.push(line);
        if (this.#lines.length > KEPT_LINES) {
            this.#lines.shift();
        }
        for (const watcher of [...this.#watchers]) {
            if (line.includes(watcher.pattern)) {
                watcher.found();
            }
        }
    }
}

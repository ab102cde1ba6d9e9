// Live updates: server-sent events fed by the chaincode events the portal's listener records. A page that
// reconnects sends Last-Event-ID and first gets what it missed, from the event log.
import type { FastifyInstance } from 'fastify';
import type { AccountStore } from '../accounts/accounts';
import { authenticate } from '../app';
import type { EventLog, LoggedEvent } from './event-log';
import { jsonReplacer } from '../json';

export interface EventStreamOptions {
    readonly accounts: AccountStore;
    readonly events: EventLog;
    /** Comment lines that keep proxies from closing an idle stream (default every 15 s). */
    readonly keepAliveMs?: number;
}

function frame(event: LoggedEvent): string {
    return `id: ${event.seq}\nevent: ${event.name}\ndata: ${JSON.stringify(event, jsonReplacer)}\n\n`;
}

export function registerEventStream(app: FastifyInstance, options: EventStreamOptions): void {
    const { accounts, events } = options;
    app.get(
        '/api/events',
        {
            schema: {
                operationId: 'StreamEvents',
                summary: 'Server-sent events: every chaincode event as it commits (text/event-stream)',
                tags: ['overview'],
            },
            onRequest: authenticate(accounts),
        },
        (request, reply) => {
            const header = request.headers['last-event-id'];
            const lastSeen = typeof header === 'string' && /^\d+$/.test(header) ? Number(header) : events.lastSeq();
            reply.hijack();
            const out = reply.raw;
            out.writeHead(200, {
                'content-type': 'text/event-stream; charset=utf-8',
                'cache-control': 'no-store',
                connection: 'keep-alive',
                'x-content-type-options': 'nosniff',
            });
            out.write('retry: 2000\n\n');
            let sent = lastSeen;
            const send = (event: LoggedEvent): void => {
                if (event.seq > sent) {
                    sent = event.seq;
                    out.write(frame(event));
                }
            };
            // Subscribe first, then replay: an event committed in between is sent once (seq decides).
            const unsubscribe = events.subscribe(send);
            for (const missed of events.since(lastSeen)) {
                send(missed);
            }
            const keepAlive = setInterval(() => out.write(': keep-alive\n\n'), options.keepAliveMs ?? 15_000);
            request.raw.on('close', () => {
                clearInterval(keepAlive);
                unsubscribe();
            });
        },
    );
}

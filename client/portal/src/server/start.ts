// Starting a portal: open the store and the organisation's connection, build the server, feed the event log, listen.
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { EventSubscription } from '@bia/client';
import { buildPortal, type Portal, type PortalOptions } from './app';
import { startEventFeed } from './events/event-feed';
import { startBlockFeed } from './ledger/block-log';
import { Organization } from './organization';
import { PortalDatabase } from './store';

export interface StartPortalOptions extends Omit<PortalOptions, 'organization' | 'database'> {
    readonly connectionFile: string;
    readonly dataDir: string;
    readonly host?: string;
    /** 0 picks a free port. */
    readonly port?: number;
    readonly onEventError?: (error: unknown) => void;
}

export interface RunningPortal extends Portal {
    readonly url: string;
    readonly organization: Organization;
    close(): Promise<void>;
}

/** The built web application, beside the compiled server (dist/web). */
export const defaultWebDir = resolve(__dirname, '..', 'web');

const loopback = new Set(['127.0.0.1', '::1', 'localhost']);

export async function startPortal(options: StartPortalOptions): Promise<RunningPortal> {
    const host = options.host ?? '127.0.0.1';
    if (options.https === undefined && options.trustProxy !== true && !loopback.has(host)) {
        throw new Error(
            `refusing to serve plain HTTP on ${host}: session cookies would travel in clear. Give --tls-cert and ` +
                '--tls-key, or --trust-proxy behind a TLS-terminating proxy, or listen on 127.0.0.1',
        );
    }
    const organization = await Organization.open(options.connectionFile);
    const database = PortalDatabase.open(options.dataDir);
    let feed: EventSubscription | undefined;
    try {
        const portal = await buildPortal({
            ...options,
            organization,
            database,
            webDir: options.webDir ?? defaultWebDir,
        });
        const onError = options.onEventError ?? (() => undefined);
        feed = await startEventFeed(organization, portal.events, options.dataDir, onError);
        const blockFeed = startBlockFeed(
            await organization.client(organization.profile.defaultIdentity),
            portal.blocks,
            onError,
        );
        await portal.app.listen({ host, port: options.port ?? 0 });
        const address = portal.app.server.address() as AddressInfo;
        const scheme = options.https === undefined ? 'http' : 'https';
        const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        const subscription = feed;
        return {
            ...portal,
            organization,
            url: `${scheme}://${shownHost}:${address.port}`,
            close: async () => {
                blockFeed.close();
                await subscription.close();
                await portal.app.close();
                await organization.close();
                database.close();
            },
        };
    } catch (error) {
        await feed?.close();
        await organization.close();
        database.close();
        throw error;
    }
}

// Views that combine several reads: the dashboard, the open motions with their tallies, recent excursions. Each
// read goes through the signed-in account's own identity, like every other route.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AssociationClient } from '@bia/client';
import type { Motion, Page } from '@bia/model';
import { type AccountStore } from '../accounts/accounts';
import { authenticate } from '../app';
import { signedInAccount } from '../auth';
import type { EventLog } from '../events/event-log';
import type { BlockLog } from '../ledger/block-log';
import type { Organization } from '../organization';

export interface OverviewRouteOptions {
    readonly accounts: AccountStore;
    readonly organization: Organization;
    readonly events: EventLog;
    readonly blocks: BlockLog;
}

/** Every record of a listing, page by page; bounded so a huge registry cannot stall the dashboard. */
async function allRecords<T>(fetch: (bookmark: string) => Promise<Page<T>>, maxPages = 50): Promise<T[]> {
    const records: T[] = [];
    let bookmark = '';
    for (let page = 0; page < maxPages; page += 1) {
        const result = await fetch(bookmark);
        records.push(...result.records);
        if (result.records.length === 0 || result.bookmark === '' || result.bookmark === bookmark) {
            break;
        }
        bookmark = result.bookmark;
    }
    return records;
}

function countBy<T>(records: readonly T[], key: (record: T) => string): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const record of records) {
        const value = key(record);
        counts[value] = (counts[value] ?? 0) + 1;
    }
    return counts;
}

async function openMotions(client: AssociationClient, events: EventLog): Promise<Motion[]> {
    const entries = events.motions('open');
    const motions = await Promise.all(entries.map((entry) => client.membership.getMotion(entry.motionId)));
    return motions.filter((motion) => motion.status === 'open');
}

export function registerOverviewRoutes(app: FastifyInstance, options: OverviewRouteOptions): void {
    const { accounts, organization, events, blocks } = options;
    const clientOf = async (request: Parameters<typeof signedInAccount>[0]): Promise<AssociationClient> =>
        organization.client(signedInAccount(request, accounts).identity);

    app.get(
        '/api/dashboard',
        {
            schema: {
                operationId: 'GetDashboard',
                summary: 'Members, motions, pilots, deals, shipments and excursions at a glance',
                tags: ['overview'],
            },
            onRequest: authenticate(accounts),
        },
        async (request) => {
            const client = await clientOf(request);
            const pageSize = 100;
            const [charter, members, scenarios, deals, shipments, motions] = await Promise.all([
                client.membership.getCharter(),
                allRecords((bookmark) => client.membership.queryMembers({ pageSize, bookmark })),
                allRecords((bookmark) => client.scenarios.query({ pageSize, bookmark })),
                allRecords((bookmark) => client.deals.query({ pageSize, bookmark })),
                allRecords((bookmark) => client.shipments.query({ pageSize, bookmark })),
                openMotions(client, events),
            ]);
            return {
                charter,
                members: {
                    total: members.length,
                    byStatus: countBy(members, (member) => member.status),
                    byKind: countBy(
                        members.filter((member) => member.status === 'active'),
                        (member) => member.kind,
                    ),
                },
                motions,
                scenarios: {
                    byStatus: countBy(scenarios, (scenario) => scenario.status),
                    running: scenarios.filter((scenario) => scenario.status === 'piloting').length,
                    cap: charter.maxRunningPilots,
                    list: scenarios,
                },
                deals: { byStatus: countBy(deals, (deal) => deal.status), list: deals },
                shipments: {
                    byStatus: countBy(shipments, (shipment) => shipment.status),
                    inTransit: shipments.filter(
                        (shipment) => shipment.status === 'in-transit' || shipment.status === 'created',
                    ),
                },
                excursions: events.recent(['ExcursionRecorded'], 10),
            };
        },
    );

    app.get(
        '/api/motions',
        {
            schema: {
                operationId: 'ListMotions',
                summary: 'Motions the portal has seen opened, newest first; open ones with their live tallies',
                tags: ['governance'],
                querystring: Type.Object(
                    { status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])) },
                    { additionalProperties: false },
                ),
            },
            onRequest: authenticate(accounts),
        },
        async (request) => {
            const client = await clientOf(request);
            const { status } = request.query as { status?: 'open' | 'closed' };
            if (status === 'open') {
                return openMotions(client, events);
            }
            const entries = events.motions().filter((entry) => status === undefined || entry.status !== 'open');
            return Promise.all(entries.slice(0, 100).map((entry) => client.membership.getMotion(entry.motionId)));
        },
    );

    app.get(
        '/api/ledger/blocks',
        {
            schema: {
                operationId: 'ListBlocks',
                summary:
                    "The most recent blocks on the organisation's peer, newest first, with each transaction's validation code",
                tags: ['overview'],
                querystring: Type.Object(
                    { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) },
                    { additionalProperties: false },
                ),
            },
            onRequest: authenticate(accounts),
        },
        (request) => blocks.recent((request.query as { limit?: number }).limit ?? 20),
    );
}

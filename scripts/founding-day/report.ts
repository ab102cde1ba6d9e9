// The closing report: what the ledger holds after the story, read back through the client library.
import type { AssociationClient, Page } from '@bia/client';
import type { LedgerWatch } from './ledger-watch';

export interface ShipmentLine {
    readonly shipmentId: string;
    readonly category: string;
    readonly receiverMemberId: string;
    readonly status: string;
    readonly checkpoints: number;
    readonly excursions: number;
    readonly transitMinutes?: number;
}

export interface ClosingReport {
    readonly members: { readonly total: number; readonly byStatus: Tally; readonly byKind: Tally };
    readonly scenarios: { readonly total: number; readonly byStatus: Tally };
    readonly deals: readonly { dealId: string; kind: string; status: string; parties: number }[];
    readonly shipments: readonly ShipmentLine[];
    /** Blocks on the channel, as far as the chaincode's events show (the last block held an event). */
    readonly ledgerHeight: bigint;
    readonly events: Tally;
    readonly transactions: number;
    readonly elapsedMs: number;
}

export type Tally = Readonly<Record<string, number>>;

export async function collectReport(
    client: AssociationClient,
    watch: LedgerWatch,
    run: { readonly transactions: number; readonly elapsedMs: number },
): Promise<ClosingReport> {
    const [members, scenarios, deals, shipments] = await Promise.all([
        allPages((page) => client.membership.queryMembers({ pageSize: 100, ...page })),
        allPages((page) => client.scenarios.query({ pageSize: 100, ...page })),
        allPages((page) => client.deals.query({ pageSize: 100, ...page })),
        allPages((page) => client.shipments.query({ pageSize: 100, ...page })),
    ]);
    const shipmentLines = await Promise.all(
        shipments.map(async (shipment): Promise<ShipmentLine> => {
            const provenance = await client.shipments.provenance(shipment.shipmentId);
            return {
                shipmentId: shipment.shipmentId,
                category: shipment.contents.category,
                receiverMemberId: shipment.receiverMemberId,
                status: shipment.status,
                checkpoints: provenance.checkpoints.length,
                excursions: provenance.excursions.length,
                ...(shipment.outcome !== undefined ? { transitMinutes: shipment.outcome.transitMinutes } : {}),
            };
        }),
    );
    return {
        members: {
            total: members.length,
            byStatus: tally(members.map((m) => m.status)),
            byKind: tally(members.map((m) => m.kind)),
        },
        scenarios: { total: scenarios.length, byStatus: tally(scenarios.map((s) => s.status)) },
        deals: deals.map((d) => ({ dealId: d.dealId, kind: d.kind, status: d.status, parties: d.parties.length })),
        shipments: shipmentLines,
        ledgerHeight: watch.heightSeen,
        events: Object.fromEntries(watch.counts),
        transactions: run.transactions,
        elapsedMs: run.elapsedMs,
    };
}

export function formatReport(report: ClosingReport): string {
    const excursions = report.shipments.filter((s) => s.excursions > 0);
    const lines = [
        'Closing report',
        `  members      ${report.members.total}: ${formatTally(report.members.byStatus)}`,
        `    by kind    ${formatTally(report.members.byKind)}`,
        `  scenarios    ${report.scenarios.total}: ${formatTally(report.scenarios.byStatus)}`,
        `  deals        ${report.deals.length}:`,
        ...report.deals.map((d) => `    ${d.dealId.padEnd(28)} ${d.kind.padEnd(17)} ${d.status}, ${d.parties} parties`),
        `  shipments    ${report.shipments.length}: ${formatTally(tally(report.shipments.map((s) => s.status)))}; ${report.shipments.reduce((n, s) => n + s.checkpoints, 0)} checkpoints`,
        ...excursions.map(
            (s) =>
                `    excursion: ${s.shipmentId} (${s.category} to ${s.receiverMemberId}) ${s.excursions} reading(s) out of range, ${s.status}`,
        ),
        `  events       ${formatTally(report.events)}`,
        `  ledger       height ${report.ledgerHeight} blocks`,
        `  transactions ${report.transactions} submitted in ${(report.elapsedMs / 1000).toFixed(1)} s (${Math.round((report.transactions * 1000) / report.elapsedMs)} per second)`,
    ];
    return lines.join('\n');
}

export function tally(values: readonly string[]): Tally {
    const counts: Record<string, number> = {};
    for (const value of [...values].sort()) {
        counts[value] = (counts[value] ?? 0) + 1;
    }
    return counts;
}

function formatTally(counts: Tally): string {
    return Object.entries(counts)
        .map(([key, count]) => `${count} ${key}`)
        .join(', ');
}

async function allPages<T>(fetch: (bookmark: { bookmark?: string }) => Promise<Page<T>>): Promise<T[]> {
    const records: T[] = [];
    let bookmark = '';
    do {
        const page = await fetch(bookmark === '' ? {} : { bookmark });
        records.push(...page.records);
        bookmark = page.bookmark;
    } while (bookmark !== '');
    return records;
}

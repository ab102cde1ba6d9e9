// A small hand-drawn SVG: latency distribution per workload (box plots on a log scale) and list-query time
// against ledger size.
import { percentile } from './stats';

export interface LatencySeries {
    readonly label: string;
    readonly latenciesMs: readonly number[];
}

export interface QueryPoint {
    readonly records: number;
    readonly p50Ms: number;
    readonly p95Ms: number;
}

const WIDTH = 760;
const ROW = 34;
const LEFT = 160;
const RIGHT = 30;

function escape(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function round(value: number): number {
    return Math.round(value * 10) / 10;
}

/** Maps [lo, hi] (both > 0) on a log scale to [x0, x1]. */
function logScale(lo: number, hi: number, x0: number, x1: number): (value: number) => number {
    const a = Math.log10(lo);
    const b = Math.log10(Math.max(hi, lo * 10));
    return (value) => round(x0 + ((Math.log10(Math.max(value, lo)) - a) / (b - a)) * (x1 - x0));
}

/** Powers of ten between lo and hi, for axis ticks. */
function decades(lo: number, hi: number): number[] {
    const ticks: number[] = [];
    for (let tick = 10 ** Math.floor(Math.log10(lo)); tick <= hi * 1.0001; tick *= 10) {
        ticks.push(tick);
    }
    return ticks;
}

function latencyPanel(series: readonly LatencySeries[], top: number): { svg: string[]; height: number } {
    const all = series.flatMap((s) => s.latenciesMs).filter((v) => v > 0);
    const lo = 10 ** Math.floor(Math.log10(Math.min(...all, 1)));
    const hi = 10 ** Math.ceil(Math.log10(Math.max(...all, 10)));
    const x = logScale(lo, hi, LEFT, WIDTH - RIGHT);
    const height = 40 + series.length * ROW + 30;
    const svg = [
        `<text x="10" y="${top + 20}" class="title">Latency per workload (ms, log scale): whiskers min-p99, box p25-p75, bar p50, dot p95</text>`,
    ];
    const axisY = top + 30 + series.length * ROW;
    for (const tick of decades(lo, hi)) {
        svg.push(
            `<line x1="${x(tick)}" y1="${top + 30}" x2="${x(tick)}" y2="${axisY}" class="grid"/>`,
            `<text x="${x(tick)}" y="${axisY + 14}" class="tick">${tick}</text>`,
        );
    }
    series.forEach((s, index) => {
        const sorted = [...s.latenciesMs].sort((a, b) => a - b);
        const y = top + 30 + index * ROW + ROW / 2;
        svg.push(`<text x="${LEFT - 8}" y="${y + 4}" class="label">${escape(s.label)}</text>`);
        if (sorted.length === 0) {
            svg.push(`<text x="${LEFT + 4}" y="${y + 4}" class="tick">no committed transactions</text>`);
            return;
        }
        const [min = 0, p25, p50, p75, p95, p99] = [
            sorted[0],
            ...[0.25, 0.5, 0.75, 0.95, 0.99].map((f) => percentile(sorted, f)),
        ];
        svg.push(
            `<line x1="${x(min)}" y1="${y}" x2="${x(p99 ?? min)}" y2="${y}" class="whisker"/>`,
            `<rect x="${x(p25 ?? min)}" y="${y - 9}" width="${round(Math.max(1, x(p75 ?? min) - x(p25 ?? min)))}" height="18" class="box"/>`,
            `<line x1="${x(p50 ?? min)}" y1="${y - 11}" x2="${x(p50 ?? min)}" y2="${y + 11}" class="median"/>`,
            `<circle cx="${x(p95 ?? min)}" cy="${y}" r="3" class="p95"/>`,
        );
    });
    return { svg, height };
}

function queryPanel(points: readonly QueryPoint[], top: number): { svg: string[]; height: number } {
    const plotTop = top + 34;
    const plotHeight = 200;
    const svg = [
        `<text x="10" y="${top + 20}" class="title">Page of 100 (list query) vs shipments in the ledger: p50 (line) and p95 (dots), ms</text>`,
    ];
    if (points.length === 0) {
        svg.push(`<text x="${LEFT}" y="${plotTop + 20}" class="tick">not measured</text>`);
        return { svg, height: 80 };
    }
    const maxMs = Math.max(...points.map((p) => p.p95Ms), 1) * 1.1;
    const x = logScale(
        Math.min(...points.map((p) => p.records)) / 2,
        Math.max(...points.map((p) => p.records)) * 2,
        LEFT,
        WIDTH - RIGHT,
    );
    const y = (ms: number): number => round(plotTop + plotHeight - (ms / maxMs) * plotHeight);
    for (let step = 0; step <= 4; step++) {
        const ms = (maxMs * step) / 4;
        svg.push(
            `<line x1="${LEFT}" y1="${y(ms)}" x2="${WIDTH - RIGHT}" y2="${y(ms)}" class="grid"/>`,
            `<text x="${LEFT - 8}" y="${y(ms) + 4}" class="label">${ms.toFixed(1)}</text>`,
        );
    }
    const path = points.map((p, index) => `${index === 0 ? 'M' : 'L'}${x(p.records)},${y(p.p50Ms)}`).join(' ');
    svg.push(`<path d="${path}" class="series"/>`);
    for (const p of points) {
        svg.push(
            `<circle cx="${x(p.records)}" cy="${y(p.p50Ms)}" r="4" class="median-dot"/>`,
            `<circle cx="${x(p.records)}" cy="${y(p.p95Ms)}" r="3" class="p95"/>`,
            `<text x="${x(p.records)}" y="${plotTop + plotHeight + 16}" class="tick">${p.records}</text>`,
        );
    }
    return { svg, height: plotHeight + 70 };
}

export function renderChart(series: readonly LatencySeries[], points: readonly QueryPoint[], caption: string): string {
    const latency = latencyPanel(series, 30);
    const query = queryPanel(points, 30 + latency.height);
    const height = 30 + latency.height + query.height + 10;
    return [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif">`,
        '<style>.title{font-size:13px;font-weight:bold}.label{font-size:12px;text-anchor:end}.tick{font-size:10px;text-anchor:middle;fill:#555}',
        '.grid{stroke:#ddd}.whisker{stroke:#555}.box{fill:#9ecae1;stroke:#3182bd}.median{stroke:#08306b;stroke-width:2}',
        '.p95{fill:#e6550d}.series{fill:none;stroke:#3182bd;stroke-width:2}.median-dot{fill:#08306b}</style>',
        `<rect width="${WIDTH}" height="${height}" fill="white"/>`,
        `<text x="10" y="18" font-size="11" fill="#555">${escape(caption)}</text>`,
        ...latency.svg,
        ...query.svg,
        '</svg>',
        '',
    ].join('\n');
}

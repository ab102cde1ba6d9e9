// Results for people or for scripts. For people: a record is a key/value block, a list is a table of the fields
// that matter, nested values are summarised in a few words, and everything fits the terminal's width.
// For scripts (--json): the result as it came, unchanged.

/** How wide the output may be; what the terminal reports, else 80. */
export interface OutputOptions {
    readonly json: boolean;
    readonly columns: number;
}

/** Never narrower than this, however narrow the terminal says it is. */
const minimumColumns = 40;
/** A table cell of free text is cut here, so one long title does not push every other column off screen. */
const maxCellWidth = 40;
const gap = '  ';

/** Renders a transaction result: JSON for scripts, otherwise a block or a table shaped by what the result is. */
export function formatResult(result: unknown, options: OutputOptions): string {
    if (options.json) {
        return JSON.stringify(result ?? null, null, 2);
    }
    const columns = Math.max(minimumColumns, Math.floor(options.columns));
    if (result === undefined || result === null) {
        return 'done';
    }
    if (isPage(result)) {
        const table = formatRecords(result.records, columns);
        return result.bookmark === '' ? table : `${table}\nnext page: --bookmark ${result.bookmark}`;
    }
    if (Array.isArray(result)) {
        return formatRecords(result, columns);
    }
    if (isRecord(result)) {
        return isComposite(result) ? formatSections(result, columns) : formatBlock(result, columns);
    }
    return fit(summarise(result), columns);
}

/**
 * A record as `key  value` lines, keys aligned. Text and numbers are shown whole, wrapped to the width (an ID or a
 * hash must stay copyable); nested values are summarised on one line, cut to the width.
 */
export function formatBlock(record: Readonly<Record<string, unknown>>, columns: number): string {
    // The record's ID, then its names and statuses, then the rest as they come (the chaincode sorts keys).
    const lead = (key: string): number => Math.min(2, rankOf(key, [record], [summarise(record[key])]));
    const entries = Object.entries(record)
        .filter(([, value]) => value !== undefined)
        .map(([key, value], order) => ({ key, value, order, lead: lead(key) }))
        .sort((a, b) => a.lead - b.lead || a.order - b.order)
        .map(({ key, value }): [string, unknown] => [key, value]);
    const keyWidth = Math.max(0, ...entries.map(([key]) => key.length));
    const valueWidth = Math.max(minimumColumns - keyWidth - gap.length, columns - keyWidth - gap.length);
    const indent = ' '.repeat(keyWidth + gap.length);
    return entries
        .map(([key, value]) => {
            const text = summarise(value);
            const lines = isRecord(value) || Array.isArray(value) ? [fit(text, valueWidth)] : wrap(text, valueWidth);
            return lines.map((line, i) => `${i === 0 ? key.padEnd(keyWidth) + gap : indent}${line}`).join('\n');
        })
        .join('\n');
}

/** Text broken into lines of at most `width` at spaces; a word longer than that (an ID, a hash) is never split. */
function wrap(text: string, width: number): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(' ')) {
        if (line !== '' && line.length + 1 + word.length > width) {
            lines.push(line);
            line = word;
        } else {
            line = line === '' ? word : `${line} ${word}`;
        }
    }
    lines.push(line);
    return lines;
}

/**
 * A list as a table: the columns that matter most (IDs, names, statuses, then other short values, then summaries of
 * nested values, long text last) as far as the width allows, in the records' own order; the rest are named below.
 */
export function formatRecords(records: readonly unknown[], columns: number): string {
    if (records.length === 0) {
        return '(none)';
    }
    const keys: string[] = [];
    for (const record of records) {
        for (const key of isRecord(record) ? Object.keys(record) : ['value']) {
            if (!keys.includes(key)) {
                keys.push(key);
            }
        }
    }
    const cellOf = (record: unknown, key: string): string => {
        const value = isRecord(record) ? record[key] : key === 'value' ? record : undefined;
        return value === undefined || value === null ? '' : summarise(value);
    };
    const candidates = keys.map((key, order) => {
        const cells = records.map((record) => cellOf(record, key));
        const natural = Math.max(key.length, ...cells.map((c) => c.length));
        return { key, order, cells, natural, rank: rankOf(key, records, cells) };
    });
    const chosen: ((typeof candidates)[number] & { width: number })[] = [];
    let used = 0;
    for (const candidate of [...candidates].sort((a, b) => a.rank - b.rank || a.order - b.order)) {
        const width = Math.min(candidate.natural, Math.max(maxCellWidth, candidate.key.length));
        const needed = (chosen.length === 0 ? 0 : gap.length) + width;
        const room = columns - used - (chosen.length === 0 ? 0 : gap.length);
        if (needed <= columns - used) {
            chosen.push({ ...candidate, width });
            used += needed;
        } else if (candidate.rank <= 1 && room >= Math.min(width, 12)) {
            // An ID or status squeezed into what is left is worth more than a hidden column.
            chosen.push({ ...candidate, width: room });
            used = columns;
        }
    }
    // Shown by importance (ID, names and statuses, other IDs, ...), then in the records' order.
    chosen.sort((a, b) => a.rank - b.rank || a.order - b.order);
    const line = (cells: readonly string[]): string =>
        cells
            .map((c, i) => fit(c, chosen[i]?.width ?? 0).padEnd(chosen[i]?.width ?? 0))
            .join(gap)
            .trimEnd();
    const rows = records.map((_, r) => line(chosen.map((c) => c.cells[r] ?? '')));
    const shown = new Set(chosen.map((c) => c.key));
    const hidden = candidates.filter((c) => !shown.has(c.key));
    const table = [line(chosen.map((c) => c.key)), line(chosen.map((c) => '-'.repeat(c.width))), ...rows];
    if (hidden.length > 0) {
        const suffix = ' (--json shows all)';
        table.push(`${fit(`not shown: ${hidden.map((c) => c.key).join(', ')}`, columns - suffix.length)}${suffix}`);
    }
    return table.join('\n');
}

/** Left-aligned columns padded to their widest cell, a header and a rule under it. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
    const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
    const line = (cells: readonly string[]): string =>
        cells
            .map((c, i) => c.padEnd(widths[i] ?? 0))
            .join(gap)
            .trimEnd();
    return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * A value in a few words: scalars as they are; a stamp as `<at> by <member>`; a transition as `<from> → <to>`;
 * another object by its identifying fields or as `key: value` pairs; a list of scalars joined, of records counted and
 * labelled.
 */
export function summarise(value: unknown): string {
    if (value === null || value === undefined) {
        return '-';
    }
    if (typeof value === 'string') {
        return value.replace(/\s+/g, ' ');
    }
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
        return String(value);
    }
    if (Array.isArray(value)) {
        if (value.length === 0) {
            return '(none)';
        }
        if (value.every((v) => !isRecord(v) && !Array.isArray(v))) {
            return value.map(summarise).join(', ');
        }
        return `${value.length}: ${value.map((v) => label(v)).join(', ')}`;
    }
    if (isRecord(value)) {
        return label(value, true);
    }
    return JSON.stringify(value);
}

const identifying = /(^id$|Id$|^name$|^legalName$|^title$)/;
const statusLike = new Set(['status', 'kind', 'choice', 'action', 'category', 'to']);

/** A short label for a nested record; `full` lists its scalar fields when it has no identifying ones. */
function label(value: unknown, full = false): string {
    if (!isRecord(value)) {
        return summarise(value);
    }
    if (typeof value.at === 'string' && typeof value.byMemberId === 'string') {
        return `${value.at} by ${value.byMemberId}`;
    }
    if ('to' in value && 'from' in value) {
        return `${summarise(value.from)} → ${summarise(value.to)}`;
    }
    const keys = Object.keys(value);
    // Its ID first, then its status or kind, its name, and the IDs it refers to.
    const weight = (key: string): number =>
        ownIdKeys.includes(key) ? 0 : statusLike.has(key) ? 1 : /^(id|name|legalName|title)$/.test(key) ? 2 : 3;
    const named = keys
        .filter((key) => identifying.test(key) || statusLike.has(key))
        .sort((a, b) => weight(a) - weight(b));
    const scalar = (key: string): boolean => !isRecord(value[key]) && !Array.isArray(value[key]);
    if (named.length > 0 && !(full && keys.length <= 4)) {
        return named
            .filter(scalar)
            .map((key) => summarise(value[key]))
            .join(' ');
    }
    return keys.map((key) => `${key}: ${scalar(key) ? summarise(value[key]) : '…'}`).join(', ');
}

/** A record whose parts are records and lists of records (a dossier, a provenance): shown part by part. */
function isComposite(record: Readonly<Record<string, unknown>>): boolean {
    const values = Object.values(record);
    return (
        values.some((v) => isRecord(v) && Object.keys(v).some((k) => identifying.test(k))) &&
        values.every((v) => isRecord(v) || (Array.isArray(v) && v.every(isRecord)))
    );
}

function formatSections(record: Readonly<Record<string, unknown>>, columns: number): string {
    return Object.entries(record)
        .map(([key, value]) => {
            const body = Array.isArray(value)
                ? formatRecords(value, columns - 2)
                : formatBlock(value as Readonly<Record<string, unknown>>, columns - 2);
            const indented = body
                .split('\n')
                .map((line) => `  ${line}`)
                .join('\n');
            return `${key}${Array.isArray(value) ? ` (${value.length})` : ''}:\n${indented}`;
        })
        .join('\n\n');
}

/**
 * How much a column matters: 0 the record's own ID, 1 statuses, kinds and names, 2 other IDs, 3 other short values,
 * 4 summaries of nested values, 5 long text.
 */
function rankOf(key: string, records: readonly unknown[], cells: readonly string[]): number {
    if (key === 'value' || key === firstIdKey(records)) {
        return 0;
    }
    if (statusLike.has(key) || /^(id|name|legalName|title)$/.test(key)) {
        return 1;
    }
    if (identifying.test(key)) {
        return 2;
    }
    const values = records.map((r) => (isRecord(r) ? r[key] : r));
    if (values.some((v) => isRecord(v) || Array.isArray(v))) {
        return 4;
    }
    return Math.max(0, ...cells.map((c) => c.length)) <= 24 ? 3 : 5;
}

/** The keys that identify a record of the association, most specific first (a shipment also names its deal). */
const ownIdKeys = [
    'readingId',
    'milestoneId',
    'shipmentId',
    'dealId',
    'scenarioId',
    'motionId',
    'memberId',
    'identityId',
    'txId',
];

/** The key that identifies the records: a known record ID, else the first key ending in `Id`. */
function firstIdKey(records: readonly unknown[]): string | undefined {
    const first = records.find(isRecord);
    if (first === undefined) {
        return undefined;
    }
    const keys = Object.keys(first);
    return ownIdKeys.find((k) => keys.includes(k)) ?? keys.find((k) => k.endsWith('Id') && !k.endsWith('MspId'));
}

/** The text cut to `width` characters, the cut marked with an ellipsis. */
export function fit(text: string, width: number): string {
    return text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPage(value: unknown): value is { records: readonly unknown[]; bookmark: string } {
    return isRecord(value) && Array.isArray(value.records) && typeof value.bookmark === 'string';
}

// Results for people (aligned tables) or for scripts (JSON).

const maxCellWidth = 60;

/** Renders a transaction result: JSON for scripts, otherwise a table shaped by what the result is. */
export function formatResult(result: unknown, json: boolean): string {
    if (json) {
        return JSON.stringify(result ?? null, null, 2);
    }
    if (result === undefined || result === null) {
        return 'done';
    }
    if (isPage(result)) {
        const table = formatRecords(result.records);
        return result.bookmark === '' ? table : `${table}\nnext page: --bookmark ${result.bookmark}`;
    }
    if (Array.isArray(result)) {
        return formatRecords(result);
    }
    if (isRecord(result)) {
        return formatTable(
            ['field', 'value'],
            Object.entries(result).map(([key, value]) => [key, cell(value, Number.POSITIVE_INFINITY)]),
        );
    }
    return cell(result, Number.POSITIVE_INFINITY);
}

/** A list of records as one row each, columns in order of first appearance; long cells are cut short. */
export function formatRecords(records: readonly unknown[]): string {
    if (records.length === 0) {
        return '(none)';
    }
    const columns: string[] = [];
    for (const record of records) {
        for (const key of isRecord(record) ? Object.keys(record) : ['value']) {
            if (!columns.includes(key)) {
                columns.push(key);
            }
        }
    }
    const rows = records.map((record) =>
        columns.map((column) => {
            const value = isRecord(record) ? record[column] : column === 'value' ? record : undefined;
            return value === undefined ? '' : cell(value, maxCellWidth);
        }),
    );
    return formatTable(columns, rows);
}

/** Left-aligned columns padded to their widest cell, a header and a rule under it. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
    const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
    const line = (cells: readonly string[]): string =>
        cells
            .map((c, i) => c.padEnd(widths[i] ?? 0))
            .join('  ')
            .trimEnd();
    return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function cell(value: unknown, width: number): string {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPage(value: unknown): value is { records: readonly unknown[]; bookmark: string } {
    return isRecord(value) && Array.isArray(value.records) && typeof value.bookmark === 'string';
}

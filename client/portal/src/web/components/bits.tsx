// Small pieces every page uses: status badges, record tables, key/value blocks, links.
import type { ComponentChildren } from 'preact';
import { formatDateTime, term } from '../i18n';

export function Badge(props: { value: string }) {
    return <span class={`badge badge-${props.value}`}>{term(props.value)}</span>;
}

export function Link(props: { to: string; children: ComponentChildren }) {
    return <a href={`#${props.to}`}>{props.children}</a>;
}

export function Time(props: { iso: string }) {
    return <time dateTime={props.iso}>{formatDateTime(props.iso)}</time>;
}

export function Facts(props: { rows: readonly (readonly [string, ComponentChildren])[] }) {
    return (
        <dl class="facts">
            {props.rows.map(([name, value]) => (
                <div key={name}>
                    <dt>{name}</dt>
                    <dd>{value}</dd>
                </div>
            ))}
        </dl>
    );
}

export function Table(props: {
    caption: string;
    head: readonly string[];
    rows: readonly (readonly ComponentChildren[])[];
    empty: string;
}) {
    if (props.rows.length === 0) {
        return (
            <p class="muted">
                {props.caption}: {props.empty}
            </p>
        );
    }
    return (
        <div class="table-wrap">
            <table>
                <caption>{props.caption}</caption>
                <thead>
                    <tr>
                        {props.head.map((cell) => (
                            <th key={cell} scope="col">
                                {cell}
                            </th>
                        ))}
                    </tr>
                </thead>
                <tbody>
                    {props.rows.map((row, index) => (
                        <tr key={index}>
                            {row.map((cell, column) => (
                                <td key={column}>{cell}</td>
                            ))}
                        </tr>
                    ))}
                </tbody>
            </table>
        </div>
    );
}

/** A listing's filter: one of the chaincode's values, or any ('—'). */
export function FilterSelect(props: {
    readonly label: string;
    readonly value: string;
    readonly values: readonly string[];
    readonly onChange: (value: string) => void;
}) {
    return (
        <label>
            {props.label}{' '}
            <select
                value={props.value}
                onChange={(event) => {
                    props.onChange(event.currentTarget.value);
                }}
            >
                <option value="">—</option>
                {props.values.map((value) => (
                    <option key={value} value={value}>
                        {term(value)}
                    </option>
                ))}
            </select>
        </label>
    );
}

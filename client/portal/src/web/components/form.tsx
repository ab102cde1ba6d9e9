// A form for one transaction: labelled fields, one submit, the result or the refusal shown beside it. Every
// state-changing action in the portal is one of these.
import { type ComponentChildren, h } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { t } from '../i18n';
import { ProblemMessage } from './problem';

export interface Field {
    readonly name: string;
    readonly label: string;
    readonly type?:
        'text' | 'textarea' | 'number' | 'select' | 'datetime-local' | 'date' | 'checkbox' | 'email' | 'url';
    readonly options?: readonly { readonly value: string; readonly label: string }[];
    readonly required?: boolean;
    readonly value?: string;
    readonly step?: string;
}

export type FormValues = Readonly<Record<string, string>>;

let formCounter = 0;

export function ActionForm(props: {
    readonly title: string;
    readonly fields: readonly Field[];
    readonly submitLabel?: string;
    readonly onSubmit: (values: FormValues) => Promise<unknown>;
    readonly onDone?: () => void;
    readonly children?: ComponentChildren;
}) {
    const [prefix] = useState(() => `form-${(formCounter += 1)}`);
    const [error, setError] = useState<ApiError | undefined>(undefined);
    const [busy, setBusy] = useState(false);
    const [done, setDone] = useState(false);
    const submit = async (event: Event): Promise<void> => {
        event.preventDefault();
        const form = event.currentTarget as HTMLFormElement;
        const data = new FormData(form);
        const values: Record<string, string> = {};
        for (const field of props.fields) {
            values[field.name] =
                field.type === 'checkbox' ? String(data.get(field.name) === 'on') : textOf(data, field.name);
        }
        setBusy(true);
        setError(undefined);
        setDone(false);
        try {
            await props.onSubmit(values);
            setDone(true);
            props.onDone?.();
        } catch (failure) {
            setError(
                failure instanceof ApiError
                    ? failure
                    : new ApiError({ status: 0, code: 'OTHER', title: '', detail: String(failure) }),
            );
        } finally {
            setBusy(false);
        }
    };
    const headingId = `${prefix}-heading`;
    return (
        <form class="action-form" aria-labelledby={headingId} onSubmit={(event) => void submit(event)}>
            <h3 id={headingId}>{props.title}</h3>
            {props.children}
            {props.fields.map((field) => (
                <FieldInput key={field.name} field={field} id={`${prefix}-field-${field.name}`} />
            ))}
            <button type="submit" disabled={busy}>
                {props.submitLabel ?? t('submit')}
            </button>
            {done && (
                <p class="done" role="status">
                    {t('done')}
                </p>
            )}
            {error !== undefined && <ProblemMessage error={error} />}
        </form>
    );
}

function FieldInput(props: { field: Field; id: string }) {
    const { field, id } = props;
    const common = { id, name: field.name, required: field.required ?? true };
    let input;
    if (field.type === 'textarea') {
        input = <textarea {...common} rows={4} value={field.value} />;
    } else if (field.type === 'select') {
        input = (
            <select {...common} value={field.value}>
                {(field.options ?? []).map((option) => (
                    <option key={option.value} value={option.value}>
                        {option.label}
                    </option>
                ))}
            </select>
        );
    } else if (field.type === 'checkbox') {
        input = <input {...common} required={false} type="checkbox" />;
    } else {
        // Built untyped: Preact's input typings narrow each `type` to its own attribute set.
        input = h('input', { ...common, type: field.type ?? 'text', value: field.value, step: field.step });
    }
    return (
        <div class={field.type === 'checkbox' ? 'field field-checkbox' : 'field'}>
            <label for={id}>{field.label}</label>
            {input}
        </div>
    );
}

/** Comma-separated text to a list, dropping empty entries. */
export function list(text: string | undefined): string[] {
    return (text ?? '')
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
}

/** A text field's value from a submitted form ('' when absent). */
export function textOf(data: FormData, name: string): string {
    const value = data.get(name);
    return typeof value === 'string' ? value : '';
}

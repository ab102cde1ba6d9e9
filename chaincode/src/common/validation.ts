// Input validation: every argument is checked for type, range, charset and size; errors name the field and rule.
import type { NumberBounds } from '@bia/model';
import { validationError } from './errors';
import { firstInexactNumber } from './json-numbers';

export const limits = {
    argumentBytes: 64 * 1024,
    id: 64,
    name: 200,
    shortText: 200,
    longText: 4000,
    uri: 2048,
    listItems: 50,
} as const;

/** IDs: letters, digits and . _ - ; starting with a letter or digit. */
const idPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const mspIdPattern = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const sha256Pattern = /^[0-9a-f]{64}$/;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const uriPattern = /^[a-z][a-z0-9+.-]*:\S+$/i;

export interface TextRule {
    readonly max?: number;
    readonly min?: number;
}

export interface NumberRule {
    readonly min?: number;
    readonly max?: number;
}

function checkText(value: unknown, path: string, rule: TextRule = {}): string {
    if (typeof value !== 'string') {
        throw validationError(path, 'must be a string');
    }
    if (value.includes('\u0000')) {
        throw validationError(path, 'must not contain the NUL character');
    }
    const trimmed = value.trim();
    const min = rule.min ?? 1;
    const max = rule.max ?? limits.shortText;
    if (trimmed.length < min) {
        throw validationError(path, min === 1 ? 'must not be empty' : `must be at least ${min} characters`);
    }
    if (value.length > max) {
        throw validationError(path, `must be at most ${max} characters`);
    }
    return value;
}

export function checkId(value: unknown, path: string): string {
    const text = checkText(value, path, { max: limits.id });
    if (!idPattern.test(text)) {
        throw validationError(path, 'must use only letters, digits, ".", "_" and "-", starting with a letter or digit');
    }
    return text;
}

export function checkMspId(value: unknown, path: string): string {
    const text = checkText(value, path, { max: limits.id });
    if (!mspIdPattern.test(text)) {
        throw validationError(path, 'must be an MSP ID (letters, digits, "." and "-")');
    }
    return text;
}

export function checkOneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
        throw validationError(path, `must be one of ${allowed.join(', ')}`);
    }
    return value as T;
}

/** Parses a JSON argument into an object, refusing oversized or malformed input and numbers JSON.parse would round. */
export function parseJsonObject(text: string, path: string): Fields {
    if (Buffer.byteLength(text, 'utf8') > limits.argumentBytes) {
        throw validationError(path, `must be at most ${limits.argumentBytes} bytes`);
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        throw validationError(path, 'must be valid JSON');
    }
    const inexact = firstInexactNumber(text, path);
    if (inexact !== undefined) {
        throw validationError(inexact.path, inexact.rule);
    }
    return Fields.of(parsed, path);
}

/** Typed, validating access to the fields of one JSON object. */
export class Fields {
    readonly #record: Readonly<Record<string, unknown>>;
    readonly path: string;

    private constructor(record: Readonly<Record<string, unknown>>, path: string) {
        this.#record = record;
        this.path = path;
    }

    static of(value: unknown, path: string): Fields {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
            throw validationError(path, 'must be a JSON object');
        }
        return new Fields(value as Record<string, unknown>, path);
    }

    /** Refuses fields the request type does not define, so typos do not pass silently. */
    allowOnly(...names: string[]): this {
        const unknown = Object.keys(this.#record).find((key) => !names.includes(key));
        if (unknown !== undefined) {
            throw validationError(this.#at(unknown), 'is not a known field');
        }
        return this;
    }

    has(name: string): boolean {
        return this.#record[name] !== undefined && this.#record[name] !== null;
    }

    id(name: string): string {
        return checkId(this.#record[name], this.#at(name));
    }

    mspId(name: string): string {
        return checkMspId(this.#record[name], this.#at(name));
    }

    text(name: string, rule?: TextRule): string {
        return checkText(this.#record[name], this.#at(name), rule);
    }

    optionalText(name: string, rule?: TextRule): string | undefined {
        return this.has(name) ? this.text(name, rule) : undefined;
    }

    oneOf<T extends string>(name: string, allowed: readonly T[]): T {
        return checkOneOf(this.#record[name], this.#at(name), allowed);
    }

    optionalOneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
        return this.has(name) ? this.oneOf(name, allowed) : undefined;
    }

    email(name: string): string {
        const text = this.text(name, { max: limits.name });
        if (!emailPattern.test(text)) {
            throw validationError(this.#at(name), 'must be an e-mail address');
        }
        return text;
    }

    uri(name: string): string {
        const text = this.text(name, { max: limits.uri });
        if (!uriPattern.test(text)) {
            throw validationError(this.#at(name), 'must be an absolute URI (scheme:...)');
        }
        return text;
    }

    sha256(name: string): string {
        const text = this.text(name, { max: 64 });
        if (!sha256Pattern.test(text)) {
            throw validationError(this.#at(name), 'must be a SHA-256 digest: 64 lowercase hex digits');
        }
        return text;
    }

    date(name: string): string {
        const text = this.text(name, { max: 10 });
        if (!datePattern.test(text) || !isRealDate(text)) {
            throw validationError(this.#at(name), 'must be a calendar date YYYY-MM-DD');
        }
        return text;
    }

    instant(name: string): string {
        const text = this.text(name, { max: 30 });
        if (!instantPattern.test(text) || Number.isNaN(Date.parse(text))) {
            throw validationError(this.#at(name), 'must be an ISO 8601 UTC instant such as 2027-01-31T08:00:00Z');
        }
        return new Date(Date.parse(text)).toISOString();
    }

    number(name: string, rule: NumberRule = {}): number {
        const value = this.#record[name];
        const path = this.#at(name);
        if (typeof value !== 'number' || !Number.isFinite(value)) {
            throw validationError(path, 'must be a finite number');
        }
        if (rule.min !== undefined && value < rule.min) {
            throw validationError(path, `must be at least ${rule.min}`);
        }
        if (rule.max !== undefined && value > rule.max) {
            throw validationError(path, `must be at most ${rule.max}`);
        }
        return value;
    }

    optionalNumber(name: string, rule?: NumberRule): number | undefined {
        return this.has(name) ? this.number(name, rule) : undefined;
    }

    /** A number within bounds from @bia/model's numberBounds; a safe integer when the bounds say integer. */
    bounded(name: string, bounds: NumberBounds): number {
        const value = this.number(name, {
            max: bounds.max,
            ...(bounds.minExclusive === true ? {} : { min: bounds.min }),
        });
        const path = this.#at(name);
        if (bounds.minExclusive === true && value <= bounds.min) {
            throw validationError(path, `must be greater than ${bounds.min}`);
        }
        if (bounds.integer && !Number.isSafeInteger(value)) {
            throw validationError(path, 'must be a whole number');
        }
        return value;
    }

    optionalBounded(name: string, bounds: NumberBounds): number | undefined {
        return this.has(name) ? this.bounded(name, bounds) : undefined;
    }

    boolean(name: string): boolean {
        const value = this.#record[name];
        if (typeof value !== 'boolean') {
            throw validationError(this.#at(name), 'must be true or false');
        }
        return value;
    }

    object(name: string): Fields {
        return Fields.of(this.#record[name], this.#at(name));
    }

    optionalObject(name: string): Fields | undefined {
        return this.has(name) ? this.object(name) : undefined;
    }

    /** A list of items checked one by one; duplicates refused when `unique`. */
    list<T>(
        name: string,
        item: (value: unknown, path: string) => T,
        rule: { min?: number; max?: number; unique?: boolean } = {},
    ): T[] {
        const value = this.#record[name];
        const path = this.#at(name);
        if (!Array.isArray(value)) {
            throw validationError(path, 'must be a list');
        }
        const min = rule.min ?? 0;
        const max = rule.max ?? limits.listItems;
        if (value.length < min) {
            throw validationError(path, `must have at least ${min} item${min === 1 ? '' : 's'}`);
        }
        if (value.length > max) {
            throw validationError(path, `must have at most ${max} items`);
        }
        const items = value.map((entry, index) => item(entry, `${path}[${index}]`));
        if (rule.unique === true && new Set(items.map((i) => JSON.stringify(i))).size !== items.length) {
            throw validationError(path, 'must not contain duplicates');
        }
        return items;
    }

    #at(name: string): string {
        return `${this.path}.${name}`;
    }
}

/** Item checkers for Fields.list. */
export const items = {
    id: (value: unknown, path: string): string => checkId(value, path),
    text:
        (rule?: TextRule) =>
        (value: unknown, path: string): string =>
            checkText(value, path, rule),
    object: (value: unknown, path: string): Fields => Fields.of(value, path),
};

/** Validates a plain string argument (an ID passed on its own). */
export function idArgument(value: string, name: string): string {
    return checkId(value, name);
}

export function textArgument(value: string, name: string, rule?: TextRule): string {
    return checkText(value, name, rule);
}

export function oneOfArgument<T extends string>(value: string, name: string, allowed: readonly T[]): T {
    return checkOneOf(value, name, allowed);
}

function isRealDate(text: string): boolean {
    const parsed = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(text);
}

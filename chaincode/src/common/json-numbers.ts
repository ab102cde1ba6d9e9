// Numbers in a JSON argument as they were written. JSON.parse rounds a literal to the nearest double without a word
// (9007199254740993 becomes ...992), so the literal text is compared with the double it became, and a literal whose
// value changed (or that became infinite) is refused, naming its field.

export interface InexactNumber {
    /** The field's path, written as validation errors name fields: `request.contents.quantity`, `report.kpis[0].value`. */
    readonly path: string;
    readonly literal: string;
    readonly rule: string;
}

/** The first number literal of `text` that a double does not hold exactly. `text` must already be valid JSON. */
export function firstInexactNumber(text: string, root: string): InexactNumber | undefined {
    const scan = new JsonScan(text, root);
    for (let literal = scan.nextNumber(); literal !== undefined; literal = scan.nextNumber()) {
        const value = Number(literal.text);
        if (!Number.isFinite(value)) {
            return { path: literal.path, literal: literal.text, rule: 'must be a finite number' };
        }
        if (decimalValue(literal.text) !== decimalValue(String(value))) {
            return {
                path: literal.path,
                literal: literal.text,
                rule: `must be a number a double holds exactly (${literal.text} would become ${String(value)})`,
            };
        }
    }
    return undefined;
}

/** A decimal literal in one normal form, sign + significant digits + exponent, so equal values compare equal. */
function decimalValue(literal: string): string {
    const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(literal);
    if (match === null) {
        return literal;
    }
    const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
    const digits = (whole + fraction).replace(/^0+/, '');
    if (digits === '') {
        return '0';
    }
    const significant = digits.replace(/0+$/, '');
    const scale = BigInt(exponent) - BigInt(fraction.length) + BigInt(digits.length - significant.length);
    return `${sign}${significant}e${scale.toString()}`;
}

type Frame = { kind: 'array'; index: number } | { kind: 'object'; key: string; expectingKey: boolean };

/** Walks valid JSON text, keeping the path of the value at hand, and stops at each number literal. */
class JsonScan {
    readonly #text: string;
    readonly #root: string;
    readonly #frames: Frame[] = [];
    #offset = 0;

    constructor(text: string, root: string) {
        this.#text = text;
        this.#root = root;
    }

    nextNumber(): { text: string; path: string } | undefined {
        const text = this.#text;
        while (this.#offset < text.length) {
            const character = text.charAt(this.#offset);
            if (character === '-' || (character >= '0' && character <= '9')) {
                const literal = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
                literal.lastIndex = this.#offset;
                const [token = ''] = literal.exec(text) ?? [];
                this.#offset += Math.max(token.length, 1);
                return { text: token, path: this.#path() };
            }
            this.#step(character);
        }
        return undefined;
    }

    #step(character: string): void {
        const top = this.#frames.at(-1);
        if (character === '"') {
            const end = this.#stringEnd(this.#offset);
            if (top?.kind === 'object' && top.expectingKey) {
                top.key = JSON.parse(this.#text.slice(this.#offset, end)) as string;
                top.expectingKey = false;
            }
            this.#offset = end;
            return;
        }
        if (character === '{') {
            this.#frames.push({ kind: 'object', key: '', expectingKey: true });
        } else if (character === '[') {
            this.#frames.push({ kind: 'array', index: 0 });
        } else if (character === '}' || character === ']') {
            this.#frames.pop();
        } else if (character === ',' && top !== undefined) {
            if (top.kind === 'array') {
                top.index += 1;
            } else {
                top.expectingKey = true;
            }
        }
        this.#offset += 1;
    }

    /** The offset just after the closing quote of the string starting at `start`. */
    #stringEnd(start: number): number {
        let offset = start + 1;
        while (offset < this.#text.length && this.#text.charAt(offset) !== '"') {
            offset += this.#text.charAt(offset) === '\\' ? 2 : 1;
        }
        return offset + 1;
    }

    #path(): string {
        return this.#frames.reduce(
            (path, frame) => (frame.kind === 'array' ? `${path}[${frame.index}]` : `${path}.${frame.key}`),
            this.#root,
        );
    }
}

// Tokens of Fabric's signature policy language: names, numbers, quoted strings, parentheses and commas.
import { PolicyError } from './policy-error';

export type Token =
    | { readonly type: 'name'; readonly text: string; readonly position: number }
    | { readonly type: 'number'; readonly text: string; readonly position: number }
    | { readonly type: 'string'; readonly text: string; readonly position: number }
    | { readonly type: '(' | ')' | ','; readonly text: string; readonly position: number };

const patterns: readonly (readonly [Token['type'], RegExp])[] = [
    ['name', /[A-Za-z_][A-Za-z0-9_]*/y],
    ['number', /-?\d+(\.\d+)?/y],
    ['(', /\(/y],
    [')', /\)/y],
    [',', /,/y],
];

export function tokenize(expression: string): Token[] {
    const tokens: Token[] = [];
    let position = 0;
    while (position < expression.length) {
        const char = expression.charAt(position);
        if (/\s/.test(char)) {
            position += 1;
            continue;
        }
        if (char === "'" || char === '"') {
            const end = expression.indexOf(char, position + 1);
            if (end < 0) {
                throw new PolicyError(`unterminated string starting at position ${position} in policy '${expression}'`);
            }
            tokens.push({ type: 'string', text: expression.slice(position + 1, end), position });
            position = end + 1;
            continue;
        }
        const token = matchAt(expression, position);
        if (!token) {
            throw new PolicyError(`unexpected character '${char}' at position ${position} in policy '${expression}'`);
        }
        tokens.push(token);
        position += token.text.length;
    }
    return tokens;
}

function matchAt(expression: string, position: number): Token | undefined {
    for (const [type, pattern] of patterns) {
        pattern.lastIndex = position;
        const match = pattern.exec(expression);
        if (match) {
            return { type, text: match[0], position };
        }
    }
    return undefined;
}

// canonicalJson: the one canonical JSON of the project. Property-based: it round-trips every JSON value, does not
// depend on key order, and refuses what JSON cannot hold instead of writing something else.
import { expect } from 'chai';
import fc from 'fast-check';
import { canonicalJson } from '@bia/model';

/** Rebuilds a JSON value with every object's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(reversedKeys);
    }
    if (value !== null && typeof value === 'object') {
        const entries = Object.entries(value as Record<string, unknown>).reverse();
        return Object.fromEntries(entries.map(([key, entry]) => [key, reversedKeys(entry)]));
    }
    return value;
}

/** The keys of every object in a JSON text, in the order the text writes them (JSON.parse would reorder some). */
function keyRunsOf(text: string): string[][] {
    const runs: string[][] = [];
    const stack: string[][] = [];
    let index = 0;
    while (index < text.length) {
        const char = text[index];
        if (char === '"') {
            let end = index + 1;
            while (text[end] !== '"') {
                end += text[end] === '\\' ? 2 : 1;
            }
            const token = JSON.parse(text.slice(index, end + 1)) as string;
            if (text[end + 1] === ':') {
                stack.at(-1)?.push(token);
            }
            index = end + 1;
            continue;
        }
        if (char === '{') {
            stack.push([]);
        } else if (char === '}') {
            runs.push(stack.pop() ?? []);
        }
        index += 1;
    }
    return runs;
}

function isCodeUnitSorted(keys: readonly string[]): boolean {
    return keys.every((key, index) => index === 0 || (keys[index - 1] ?? '') < key);
}

describe('canonicalJson', () => {
    it('round-trips every JSON value', () => {
        fc.assert(
            fc.property(fc.jsonValue(), (value) => {
                expect(JSON.parse(canonicalJson(value))).to.deep.equal(JSON.parse(JSON.stringify(value)));
            }),
        );
    });

    it('gives the same text whatever the order of the keys', () => {
        fc.assert(
            fc.property(fc.jsonValue(), (value) => {
                expect(canonicalJson(reversedKeys(value))).to.equal(canonicalJson(value));
            }),
        );
    });

    it('sorts keys at every level and is a fixed point', () => {
        fc.assert(
            fc.property(fc.jsonValue(), (value) => {
                const text = canonicalJson(value);
                expect(canonicalJson(JSON.parse(text))).to.equal(text);
                expect(keyRunsOf(text).every(isCodeUnitSorted)).to.equal(true);
            }),
        );
    });

    it('writes sorted keys without whitespace', () => {
        expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: null }], c: 'x' } })).to.equal(
            '{"a":{"c":"x","d":[1,{"y":null,"z":0}]},"b":1}',
        );
    });

    it('orders integer-like keys as strings, not as JavaScript objects do', () => {
        expect(canonicalJson({ b: 1, 10: 2, 9: 3 })).to.equal('{"10":2,"9":3,"b":1}');
    });

    it('leaves out undefined properties and writes undefined array elements as null, as JSON.stringify does', () => {
        expect(canonicalJson({ a: undefined, b: [undefined, 1] })).to.equal('{"b":[null,1]}');
    });

    it('serialises values through toJSON (Date, Buffer)', () => {
        expect(canonicalJson({ at: new Date('2027-01-01T00:00:00Z') })).to.equal('{"at":"2027-01-01T00:00:00.000Z"}');
        expect(canonicalJson(Buffer.from([1, 2]))).to.equal('{"data":[1,2],"type":"Buffer"}');
    });

    it('refuses non-plain objects, naming the path', () => {
        expect(() => canonicalJson({ tags: new Set(['a']) })).to.throw(
            TypeError,
            /\$\.tags: a Set is not a plain object/,
        );
        expect(() => canonicalJson([new Map()])).to.throw(TypeError, /\$\[0\]: a Map/);
    });

    it('refuses non-finite numbers, bigints and functions', () => {
        expect(() => canonicalJson({ t: Number.NaN })).to.throw(TypeError, /\$\.t: NaN has no JSON form/);
        expect(() => canonicalJson({ t: Infinity })).to.throw(TypeError, /Infinity/);
        expect(() => canonicalJson({ n: 1n })).to.throw(TypeError, /bigint/);
        expect(() => canonicalJson({ f: () => 1 })).to.throw(TypeError, /function/);
    });
});

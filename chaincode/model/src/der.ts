// A strict reader of DER (ASN.1 Distinguished Encoding Rules) elements: just enough to walk an X.509 certificate to
// its issuer and subject names. Strict on purpose: an encoding DER forbids (indefinite or non-minimal lengths,
// high tag numbers, trailing bytes) is refused rather than read one of several ways.

export class DerError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'DerError';
    }
}

/** One element: its tag byte and its content octets. */
export interface DerElement {
    readonly tag: number;
    readonly content: Uint8Array;
}

export const derTags = {
    integer: 0x02,
    objectIdentifier: 0x06,
    utf8String: 0x0c,
    numericString: 0x12,
    printableString: 0x13,
    t61String: 0x14,
    ia5String: 0x16,
    bmpString: 0x1e,
    sequence: 0x30,
    set: 0x31,
    /** [0] EXPLICIT, constructed: the version of a TBSCertificate. */
    contextZero: 0xa0,
} as const;

/** Reads consecutive elements from the content octets of one constructed element. */
export class DerReader {
    readonly #bytes: Uint8Array;
    #offset = 0;

    constructor(bytes: Uint8Array) {
        this.#bytes = bytes;
    }

    get done(): boolean {
        return this.#offset >= this.#bytes.length;
    }

    peekTag(): number | undefined {
        return this.#bytes[this.#offset];
    }

    read(): DerElement {
        const tag = this.#byte('tag');
        if ((tag & 0x1f) === 0x1f) {
            throw new DerError('high tag numbers are not used in certificates');
        }
        const length = this.#length();
        const end = this.#offset + length;
        if (end > this.#bytes.length) {
            throw new DerError(`an element of ${length} bytes runs past the end of its container`);
        }
        const content = this.#bytes.subarray(this.#offset, end);
        this.#offset = end;
        return { tag, content };
    }

    /** The next element, which must have the given tag. */
    expect(tag: number, what: string): DerElement {
        const element = this.read();
        if (element.tag !== tag) {
            throw new DerError(`${what}: expected tag 0x${hex(tag)}, found 0x${hex(element.tag)}`);
        }
        return element;
    }

    /** Refuses trailing bytes after the last expected element. */
    end(what: string): void {
        if (!this.done) {
            throw new DerError(`${what}: unexpected bytes after its last element`);
        }
    }

    #byte(what: string): number {
        const value = this.#bytes[this.#offset];
        if (value === undefined) {
            throw new DerError(`truncated: no ${what} byte`);
        }
        this.#offset += 1;
        return value;
    }

    /** Definite lengths only, in the shortest form (DER); at most four length bytes. */
    #length(): number {
        const first = this.#byte('length');
        if (first < 0x80) {
            return first;
        }
        const count = first & 0x7f;
        if (count === 0 || count > 4) {
            throw new DerError(count === 0 ? 'indefinite lengths are not DER' : 'length too large');
        }
        let length = 0;
        for (let i = 0; i < count; i++) {
            const next = this.#byte('length');
            if (i === 0 && next === 0) {
                throw new DerError('a length with a leading zero byte is not DER');
            }
            length = length * 256 + next;
        }
        if (length < 0x80) {
            throw new DerError('a short length in long form is not DER');
        }
        return length;
    }
}

/** The dotted form of an OBJECT IDENTIFIER's content octets; arcs in minimal base-128 and below 2^31, as Go reads them. */
export function objectIdentifier(content: Uint8Array): string {
    if (content.length === 0) {
        throw new DerError('an empty object identifier');
    }
    const arcs: number[] = [];
    let value = 0;
    let started = false;
    for (const byte of content) {
        if (!started && byte === 0x80) {
            throw new DerError('an object identifier arc with a leading zero is not DER');
        }
        started = true;
        value = value * 128 + (byte & 0x7f);
        if (value > 0x7fffffff) {
            throw new DerError('an object identifier arc is too large');
        }
        if ((byte & 0x80) === 0) {
            arcs.push(value);
            value = 0;
            started = false;
        }
    }
    if (started) {
        throw new DerError('a truncated object identifier');
    }
    const [first = 0, ...rest] = arcs;
    const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
    return [...head, ...rest].join('.');
}

function hex(byte: number): string {
    return byte.toString(16).padStart(2, '0');
}

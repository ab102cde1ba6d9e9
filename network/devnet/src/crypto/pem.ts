// PEM encoding in the exact shape Go's pem.Encode writes (64-column base64, LF line ends), so files match cryptogen's.

const lineLength = 64;

export function toPem(label: string, der: Uint8Array): string {
    const base64 = Buffer.from(der).toString('base64');
    const lines: string[] = [];
    for (let offset = 0; offset < base64.length; offset += lineLength) {
        lines.push(base64.slice(offset, offset + lineLength));
    }
    return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export interface PemBlock {
    readonly label: string;
    readonly der: Buffer;
    /** Text after the block's END line; Fabric treats anything but whitespace there as trailing bytes. */
    readonly rest: string;
}

const pemBlockPattern = /-----BEGIN ([A-Z0-9 ]*)-----\r?\n([A-Za-z0-9+/=\r\n\t ]*?)-----END \1-----\r?\n?/;

/** The first PEM block in the text, or undefined when there is none (Go's pem.Decode returning nil). */
export function firstPemBlock(text: string): PemBlock | undefined {
    const match = pemBlockPattern.exec(text);
    if (!match) {
        return undefined;
    }
    const [whole, label = '', body = ''] = match;
    return {
        label,
        der: Buffer.from(body.replace(/\s+/g, ''), 'base64'),
        rest: text.slice(match.index + whole.length),
    };
}

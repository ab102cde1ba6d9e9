// The one wire format in which chaincode errors cross the chaincode boundary.
// Fabric carries only a message to the client ("chaincode response 500, <message>"), so the message itself
// holds a marker and a JSON object: `BIA_ERROR {"code":"NOT_FOUND","details":{...},"message":"..."}`.

export const errorCodes = ['VALIDATION', 'UNAUTHORIZED', 'NOT_FOUND', 'CONFLICT', 'INVALID_STATE'] as const;

/** VALIDATION: bad input. UNAUTHORIZED: the caller may not do this. NOT_FOUND: no such record.
 * CONFLICT: the record already exists. INVALID_STATE: the record's status does not allow it. */
export type ErrorCode = (typeof errorCodes)[number];

export type ErrorDetails = Readonly<Record<string, string | number | boolean | readonly string[]>>;

export interface ChaincodeErrorPayload {
    readonly code: ErrorCode;
    readonly message: string;
    readonly details: ErrorDetails;
}

export const errorMarker = 'BIA_ERROR ';

export function encodeChaincodeError(error: ChaincodeErrorPayload): string {
    const details = Object.fromEntries(Object.entries(error.details).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return errorMarker + JSON.stringify({ code: error.code, details, message: error.message });
}

/** Finds an encoded chaincode error anywhere in a text (the gateway wraps it in its own words). */
export function decodeChaincodeError(text: string): ChaincodeErrorPayload | undefined {
    const start = text.indexOf(errorMarker);
    if (start < 0) {
        return undefined;
    }
    const json = extractJsonObject(text, start + errorMarker.length);
    if (json === undefined) {
        return undefined;
    }
    try {
        const parsed = JSON.parse(json) as Partial<ChaincodeErrorPayload>;
        if (!isErrorCode(parsed.code) || typeof parsed.message !== 'string') {
            return undefined;
        }
        return { code: parsed.code, message: parsed.message, details: parsed.details ?? {} };
    } catch {
        return undefined;
    }
}

export function isErrorCode(value: unknown): value is ErrorCode {
    return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

/** The balanced {...} starting at `from`, honouring strings, so trailing text after it is ignored. */
function extractJsonObject(text: string, from: number): string | undefined {
    if (text[from] !== '{') {
        return undefined;
    }
    let depth = 0;
    let inString = false;
    for (let i = from; i < text.length; i++) {
        const ch = text[i];
        if (inString) {
            if (ch === '\\') {
                i++;
            } else if (ch === '"') {
                inString = false;
            }
        } else if (ch === '"') {
            inString = true;
        } else if (ch === '{') {
            depth++;
        } else if (ch === '}') {
            depth--;
            if (depth === 0) {
                return text.slice(from, i + 1);
            }
        }
    }
    return undefined;
}

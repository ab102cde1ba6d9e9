// State bytes: canonical JSON (one definition, in @bia/model), so every endorser writes byte-identical state.
import { canonicalJson } from '@bia/model';

export { canonicalJson };

export function toBytes(value: unknown): Uint8Array {
    return Buffer.from(canonicalJson(value), 'utf8');
}

export function fromBytes(bytes: Uint8Array): unknown {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
}

// Operator passwords are kept only as scrypt hashes: memory-hard, so a stolen account store is expensive to brute
// force, and built into Node (no native add-on to build). The parameters travel with each hash, so they can be raised
// later without invalidating existing accounts.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParameters {
    /** CPU/memory cost, a power of two. 2^15 with r = 8 needs 32 MiB per hash. */
    readonly N: number;
    readonly r: number;
    readonly p: number;
}

export const defaultScrypt: ScryptParameters = { N: 2 ** 15, r: 8, p: 1 };
const keyLength = 32;

export interface PasswordHash {
    readonly algorithm: 'scrypt';
    readonly params: ScryptParameters;
    /** base64 */
    readonly salt: string;
    /** base64 */
    readonly hash: string;
}

export const passwordRules = { minLength: 10, maxLength: 256 } as const;

/** Why a new password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string): string | undefined {
    if (password.length < passwordRules.minLength) {
        return `must be at least ${passwordRules.minLength} characters`;
    }
    if (password.length > passwordRules.maxLength) {
        return `must be at most ${passwordRules.maxLength} characters`;
    }
    return undefined;
}

function derive(password: string, salt: Buffer, params: ScryptParameters): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        scrypt(
            password.normalize('NFC'),
            salt,
            keyLength,
            { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r },
            (error, key) => {
                if (error) {
                    reject(error);
                } else {
                    resolve(key);
                }
            },
        );
    });
}

export async function hashPassword(password: string, params: ScryptParameters = defaultScrypt): Promise<PasswordHash> {
    const salt = randomBytes(16);
    const key = await derive(password, salt, params);
    return { algorithm: 'scrypt', params, salt: salt.toString('base64'), hash: key.toString('base64') };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
    const expected = Buffer.from(stored.hash, 'base64');
    const key = await derive(password, Buffer.from(stored.salt, 'base64'), stored.params);
    return key.length === expected.length && timingSafeEqual(key, expected);
}

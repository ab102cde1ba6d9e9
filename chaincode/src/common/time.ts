// Time comes from the transaction timestamp, the same on every endorser.
import type { Context } from 'fabric-contract-api';

export function txInstant(ctx: Context): string {
    return txDate(ctx).toISOString();
}

export function txDate(ctx: Context): Date {
    return ctx.stub.getDateTimestamp();
}

export function addSeconds(instant: string, seconds: number): string {
    return new Date(Date.parse(instant) + seconds * 1000).toISOString();
}

export function minutesBetween(from: string, to: string): number {
    return Math.floor((Date.parse(to) - Date.parse(from)) / 60_000);
}

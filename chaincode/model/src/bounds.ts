// The bounds of every number a request carries, checked by the chaincode and available to clients. Numbers must also
// be exact: a JSON number that a double cannot hold exactly (9007199254740993, 0.1000000000000000055511) is refused,
// never rounded, and so is anything non-finite.
import { maxPageSize } from './common';

/** Inclusive bounds unless `minExclusive`; `integer` numbers must also be safe integers (at most 2^53 - 1 in size). */
export interface NumberBounds {
    readonly min: number;
    readonly max: number;
    readonly integer: boolean;
    readonly minExclusive?: boolean;
}

export const numberBounds = {
    /** CharterTerms.quorumPercent: share of the council that must vote. */
    quorumPercent: { min: 1, max: 100, integer: true },
    /** CharterTerms.approvalPercent: share of the votes cast (abstentions excluded) that must be yes. */
    approvalPercent: { min: 1, max: 100, integer: true },
    /** CharterTerms.votingWindowSeconds: one minute to 90 days. */
    votingWindowSeconds: { min: 60, max: 90 * 24 * 60 * 60, integer: true },
    /** CharterTerms.maxRunningPilots. */
    maxRunningPilots: { min: 1, max: 1000, integer: true },
    /** The pageSize of every listing query. */
    pageSize: { min: 1, max: maxPageSize, integer: true },
    /** Kpi.value and Kpi.target: any measure, within ±10^15 so sums and ratios stay exact enough. */
    kpiValue: { min: -1e15, max: 1e15, integer: false },
    /** ShipmentContents.quantity: positive, at most a billion units (decimals allowed: 2.5 litres). */
    quantity: { min: 0, max: 1e9, integer: false, minExclusive: true },
    /** RequiredConditions.minTemperatureC and maxTemperatureC: ultra-low freezers to warm storage, in °C. */
    requiredTemperatureC: { min: -90, max: 60, integer: false },
    /** RequiredConditions.maxTransitMinutes: up to about 69 days. */
    maxTransitMinutes: { min: 1, max: 100_000, integer: true },
    /** CheckpointReading.temperatureC: what a sensor can plausibly report; beyond it is broken input, not an excursion. */
    readingTemperatureC: { min: -200, max: 200, integer: false },
    /** CheckpointReading.humidityPercent. */
    humidityPercent: { min: 0, max: 100, integer: false },
    /** The handover sequence number AcceptHandover takes (as text). */
    handoverSequence: { min: 1, max: 999_999_999, integer: true },
} as const satisfies Record<string, NumberBounds>;

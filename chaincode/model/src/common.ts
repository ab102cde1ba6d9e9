// Shapes shared by every contract.

/** An ISO 8601 UTC instant, e.g. 2027-03-01T09:30:00.000Z (chaincode takes it from the transaction timestamp). */
export type Instant = string;

/** A calendar date, YYYY-MM-DD. */
export type CalendarDate = string;

/** Who did something and when: the member acting, the identity that signed, the transaction. */
export interface Stamp {
    readonly at: Instant;
    readonly byMemberId: string;
    /** The signing identity's MSP ID. */
    readonly byMspId: string;
    readonly txId: string;
}

export interface StatusTransition<S extends string> {
    readonly from: S | null;
    readonly to: S;
    readonly reason: string;
    readonly stamp: Stamp;
    /** The council motion that decided it, when one did. */
    readonly motionId?: string;
}

/** One page of a paginated query. An empty bookmark means there are no more pages. */
export interface Page<T> {
    readonly records: readonly T[];
    readonly bookmark: string;
    readonly fetchedCount: number;
}

export const maxPageSize = 100;

/** A document's fingerprint on the ledger: the document itself stays off-ledger. */
export interface Evidence {
    /** SHA-256 of the document, 64 lowercase hex digits. */
    readonly sha256: string;
    readonly uri: string;
}

// Cross-organisation deals between members, signed by every party.
import type { Instant, Stamp, StatusTransition } from './common';

export const dealKinds = ['cooperation', 'platform-project', 'facility', 'service'] as const;
export type DealKind = (typeof dealKinds)[number];

export const dealStatuses = ['draft', 'inked', 'completed', 'terminated'] as const;
export type DealStatus = (typeof dealStatuses)[number];

export interface DealParty {
    readonly memberId: string;
    /** The party's hosting MSP: its peers must endorse every change to the deal. */
    readonly mspId: string;
}

export interface DealDraft {
    readonly dealId: string;
    readonly kind: DealKind;
    readonly title: string;
    readonly summary: string;
    /** Member IDs of every party, the drafter included. */
    readonly partyMemberIds: readonly string[];
}

/** The confidential terms; sent as transient data under the key `terms`, never as an argument. */
export interface DealTerms {
    readonly text: string;
    /** Random, at least 32 hex digits: the on-ledger hash is SHA-256(salt + text), so guessing short terms fails. */
    readonly salt: string;
}

/** A party organisation's copy of the terms, in its private collection under the deal's ID. */
export interface DealTermsCopy extends DealTerms {
    readonly dealId: string;
    readonly termsVersion: number;
}

export interface DealSignature {
    readonly memberId: string;
    /** The terms hash the party signed. */
    readonly termsHash: string;
    readonly signed: Stamp;
}

export interface Deal {
    readonly dealId: string;
    readonly kind: DealKind;
    readonly title: string;
    readonly summary: string;
    readonly parties: readonly DealParty[];
    readonly drafterMemberId: string;
    readonly status: DealStatus;
    /** SHA-256 hex of salt + terms text. */
    readonly termsHash: string;
    /** 1 for the first terms, incremented by each amendment. */
    readonly termsVersion: number;
    readonly signatures: readonly DealSignature[];
    readonly createdAt: Instant;
    readonly inkedAt?: Instant;
    readonly transitions: readonly StatusTransition<DealStatus>[];
}

export interface DealQuery {
    readonly partyMemberId?: string;
    readonly kind?: DealKind;
    readonly status?: DealStatus;
    /** A whole number, 1 to 100 (numberBounds.pageSize); 20 when left out. */
    readonly pageSize?: number;
    readonly bookmark?: string;
}

export interface TermsCheck {
    readonly dealId: string;
    readonly termsVersion: number;
    readonly matches: boolean;
}

/** The name of the private data collection holding a party organisation's copy of deal terms. */
export function termsCollectionName(mspId: string): string {
    return `terms_${mspId}`;
}

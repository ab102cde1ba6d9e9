// The member registry and the charter.
import type { Instant, Stamp, StatusTransition } from './common';

export const memberKinds = [
    'enterprise',
    'research-institute',
    'university',
    'government-body',
    'industry-body',
] as const;
export type MemberKind = (typeof memberKinds)[number];

export const memberStatuses = ['applied', 'active', 'rejected', 'suspended', 'withdrawn', 'expelled'] as const;
export type MemberStatus = (typeof memberStatuses)[number];

export interface Contact {
    readonly name: string;
    readonly email: string;
    readonly phone?: string;
}

/** What a member may change about itself. */
export interface MemberProfile {
    readonly legalName: string;
    readonly kind: MemberKind;
    readonly sectors: readonly string[];
    readonly website: string;
    readonly contact: Contact;
}

export interface MembershipApplication extends MemberProfile {
    readonly memberId: string;
    /** The MSP that issues this member's identities: its own, or the secretariat's for members without a peer. */
    readonly hostMspId: string;
}

export interface Member extends MembershipApplication {
    readonly status: MemberStatus;
    readonly founding: boolean;
    readonly appliedAt: Instant;
    readonly transitions: readonly StatusTransition<MemberStatus>[];
}

/** The governance rules, on the ledger; changed only by a council vote. */
export interface Charter {
    readonly name: string;
    readonly secretariatMspId: string;
    /** Member IDs of the council (the founding members by default). */
    readonly council: readonly string[];
    /** Share of the council, in percent, that must vote for a motion to be valid: a whole number, 1 to 100. */
    readonly quorumPercent: number;
    /** Share of yes among yes and no votes, in percent, that carries a motion: a whole number, 1 to 100. */
    readonly approvalPercent: number;
    /** A whole number of seconds, 60 to 7776000 (90 days). */
    readonly votingWindowSeconds: number;
    /** A whole number, 1 to 1000 (10 when a bootstrap leaves it out). */
    readonly maxRunningPilots: number;
    readonly version: number;
    readonly adoptedAt: Instant;
}

/** The charter fields a bootstrap or an amendment sets. */
export type CharterTerms = Omit<Charter, 'secretariatMspId' | 'version' | 'adoptedAt' | 'council'> & {
    readonly council?: readonly string[];
};

export type FoundingMember = MembershipApplication;

export interface BootstrapRequest {
    readonly charter: CharterTerms;
    readonly foundingMembers: readonly FoundingMember[];
}

/** An identity acting for a member, bound by an admin of the member's hosting MSP. */
export interface IdentityBinding {
    /** The identity's ID as Fabric gives it (x509::subject::issuer). */
    readonly identityId: string;
    readonly mspId: string;
    readonly memberId: string;
    readonly boundAt: Instant;
    readonly boundBy: string;
}

/** Who the calling identity is, and the member it acts for when it is bound to one (membership:WhoAmI). */
export interface IdentityInfo {
    readonly identityId: string;
    readonly mspId: string;
    readonly memberId?: string;
}

export interface MemberQuery {
    readonly status?: MemberStatus;
    readonly kind?: MemberKind;
    readonly sector?: string;
    /** A whole number, 1 to 100 (numberBounds.pageSize); 20 when left out. */
    readonly pageSize?: number;
    readonly bookmark?: string;
}

export interface MemberHistoryEntry {
    readonly txId: string;
    readonly at: Instant;
    readonly deleted: boolean;
    readonly member: Member | null;
}

export type { Stamp };

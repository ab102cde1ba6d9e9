// The shape of a story: who the members are, what they do and what the ledger must show afterwards.
// The player interprets it through the public client library only.
import type {
    CharterTerms,
    ContentCategory,
    DealKind,
    MemberKind,
    RequiredConditions,
    ScenarioProposal,
} from '@bia/client';

/** An organisation of the network (a name in the topology): it issues the identities of the members it hosts. */
export type HostOrg = 'secretariat' | 'healthco' | 'healthcentres' | 'carrier';

export interface StoryMember {
    readonly memberId: string;
    readonly legalName: string;
    readonly kind: MemberKind;
    readonly sectors: readonly string[];
    /** The organisation that issues the member's operator identity (the secretariat for members without a peer). */
    readonly host: HostOrg;
}

/** What becomes of an application: the council admits or rejects it, or the applicant withdraws first. */
export type ApplicationOutcome = 'admitted' | 'rejected' | 'withdrawn';

export interface StoryApplicant extends StoryMember {
    readonly outcome: ApplicationOutcome;
}

/** A scenario as proposed (lead: a founding member, as the first pilots are proposed by the founders), and whether the council approves it. */
export interface StoryScenario extends ScenarioProposal {
    readonly councilApproves: boolean;
}

export interface StoryDeal {
    readonly dealId: string;
    readonly kind: DealKind;
    readonly title: string;
    readonly summary: string;
    /** The first party drafts the deal; every party signs it. */
    readonly partyMemberIds: readonly string[];
    /** Confidential: only the parties' organisations' private collections hold it. */
    readonly terms: string;
}

export interface StoryConsignment {
    readonly category: ContentCategory;
    readonly description: string;
    readonly quantity: number;
    readonly unit: string;
    readonly conditions: RequiredConditions;
}

export interface StoryTransport {
    /** An inked deal of the story naming the shipper and every receiver. */
    readonly dealId: string;
    readonly shipperMemberId: string;
    readonly carrierMemberId: string;
    readonly receiverMemberIds: readonly string[];
    /** Each receiver gets one shipment of each consignment. */
    readonly consignments: readonly StoryConsignment[];
    /** Sensors on each shipment, reporting at once while the carrier holds it. */
    readonly sensorsPerShipment: number;
    readonly readingsPerSensor: number;
    /** The one shipment whose sensors see a temperature excursion; its receiver rejects it. */
    readonly excursion: { readonly receiverMemberId: string; readonly category: ContentCategory };
}

export interface Story {
    readonly title: string;
    readonly charter: CharterTerms;
    /** The charter's council: the founding members, who vote on every motion. */
    readonly foundingMembers: readonly StoryMember[];
    readonly applicants: readonly StoryApplicant[];
    readonly scenarios: readonly StoryScenario[];
    readonly deals: readonly StoryDeal[];
    readonly transport: StoryTransport;
}

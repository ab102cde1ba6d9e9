// The request schemas of the portal's API, in JSON Schema (TypeBox). The same objects validate each request (Fastify
// compiles them) and describe it in /api/openapi.json, so the description cannot drift from what is enforced.
// They check shape, types and enumerations; the chaincode stays the authority on every business rule and answers
// with its own error code, which the portal passes on.
import { type Static, type TLiteral, type TObject, type TString, type TUnion, Type } from '@sinclair/typebox';
import {
    type CheckpointReading,
    type DealDraft,
    type EvaluationReport,
    type MemberProfile,
    type MembershipApplication,
    type MotionRequest,
    type ScenarioProposal,
    type ShipmentRequest,
    contentCategories,
    dealKinds,
    dealStatuses,
    maxPageSize,
    memberKinds,
    memberStatuses,
    scenarioStatuses,
    shipmentStatuses,
    voteChoices,
} from '@bia/model';

const text = (maxLength: number, description?: string): TString =>
    Type.String({ minLength: 1, maxLength, ...(description === undefined ? {} : { description }) });
const id = (description: string): TString =>
    Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', description });
const oneOf = <T extends string>(values: readonly T[], description: string): TUnion<TLiteral<T>[]> =>
    Type.Union(
        values.map((value) => Type.Literal(value)),
        { description },
    );

export const Evidence = Type.Object(
    {
        sha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the document, hex' }),
        uri: text(2048, 'Where the document is kept'),
    },
    { additionalProperties: false },
);

const Contact = Type.Object(
    {
        name: text(200),
        email: Type.String({ format: 'email', maxLength: 254 }),
        phone: Type.Optional(text(40)),
    },
    { additionalProperties: false },
);

const profileFields = {
    legalName: text(200, 'Registered legal name'),
    kind: oneOf(memberKinds, 'Kind of organisation'),
    sectors: Type.Array(text(64), { minItems: 1, maxItems: 16, uniqueItems: true }),
    website: Type.String({ format: 'uri', maxLength: 2048 }),
    contact: Contact,
};

export const MemberProfileBody = Type.Object(profileFields, { additionalProperties: false });

export const ApplicationBody = Type.Object(
    {
        memberId: id('The new member ID'),
        hostMspId: id('The MSP that hosts the member: this organisation, or the secretariat for members with no peer'),
        ...profileFields,
    },
    { additionalProperties: false },
);

export const ReasonBody = Type.Object({ reason: text(2000, 'Why') }, { additionalProperties: false });

const CharterTerms = Type.Object(
    {
        name: text(200),
        quorumPercent: Type.Integer({ minimum: 1, maximum: 100 }),
        approvalPercent: Type.Integer({ minimum: 1, maximum: 100 }),
        votingWindowSeconds: Type.Integer({ minimum: 60, maximum: 31_536_000 }),
        maxRunningPilots: Type.Integer({ minimum: 1, maximum: 1000 }),
        council: Type.Optional(Type.Array(id('A council member'), { minItems: 1, maxItems: 200, uniqueItems: true })),
    },
    { additionalProperties: false },
);

export const MotionBody = Type.Object(
    {
        motionId: id('The new motion ID'),
        kind: oneOf(['suspend-member', 'expel-member', 'reinstate-member', 'amend-charter'] as const, 'Kind of motion'),
        subjectId: id('The member concerned, or "charter"'),
        reason: text(2000),
        charterTerms: Type.Optional(CharterTerms),
    },
    { additionalProperties: false },
);

export const VoteBody = Type.Object({ choice: oneOf(voteChoices, 'The vote') }, { additionalProperties: false });

const calendarDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

export const ScenarioBody = Type.Object(
    {
        scenarioId: id('The new scenario ID'),
        title: text(200),
        sector: text(64),
        problem: text(4000),
        expectedOutcome: text(4000),
        leadMemberId: id('The lead member: the member the signed-in operator acts for'),
        plannedParticipants: Type.Array(id('A member'), { maxItems: 100, uniqueItems: true }),
        plannedStart: calendarDate,
        plannedEnd: calendarDate,
    },
    { additionalProperties: false },
);

export const ParticipationBody = Type.Object(
    { action: oneOf(['join', 'leave'] as const, 'Join or leave the pilot') },
    { additionalProperties: false },
);

export const MemberRefBody = Type.Object({ memberId: id('The member') }, { additionalProperties: false });

export const MilestoneBody = Type.Object(
    { milestoneId: id('Unique within the scenario'), title: text(200), evidence: Evidence },
    { additionalProperties: false },
);

export const EvaluationBody = Type.Object(
    {
        summary: text(4000),
        kpis: Type.Array(
            Type.Object(
                {
                    name: text(100),
                    value: Type.Number(),
                    unit: text(32),
                    target: Type.Optional(Type.Number()),
                },
                { additionalProperties: false },
            ),
            { maxItems: 50 },
        ),
        evidence: Type.Optional(Evidence),
    },
    { additionalProperties: false },
);

const Terms = Type.Object(
    {
        text: text(100_000, "The confidential terms: they go to the parties' private collections, never on the ledger"),
        salt: Type.String({ minLength: 16, maxLength: 128, description: 'Random salt hashed with the text' }),
    },
    { additionalProperties: false },
);

export const DealBody = Type.Object(
    {
        dealId: id('The new deal ID'),
        kind: oneOf(dealKinds, 'Kind of deal'),
        title: text(200),
        summary: text(2000),
        partyMemberIds: Type.Array(id('A party'), { minItems: 2, maxItems: 20, uniqueItems: true }),
        terms: Terms,
    },
    { additionalProperties: false },
);

export const TermsBody = Type.Object({ terms: Terms }, { additionalProperties: false });

export const SignBody = Type.Object(
    { termsHash: Type.String({ pattern: '^[0-9a-f]{64}$', description: "The deal's current terms hash" }) },
    { additionalProperties: false },
);

export const ShipmentBody = Type.Object(
    {
        shipmentId: id('The new shipment ID'),
        dealId: id('The inked deal the shipment runs under'),
        receiverMemberId: id('The receiving party'),
        carrierMemberId: id('The carrier'),
        contents: Type.Object(
            {
                category: oneOf(contentCategories, 'What is carried'),
                description: text(500),
                quantity: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
                unit: text(32),
                specimenRef: Type.Optional(text(128)),
            },
            { additionalProperties: false },
        ),
        conditions: Type.Object(
            {
                minTemperatureC: Type.Number({ minimum: -200, maximum: 100 }),
                maxTemperatureC: Type.Number({ minimum: -200, maximum: 100 }),
                maxTransitMinutes: Type.Integer({ minimum: 1, maximum: 20_160 }),
            },
            { additionalProperties: false },
        ),
    },
    { additionalProperties: false },
);

export const HandoverBody = Type.Object(
    { toMemberId: id('The member custody passes to') },
    { additionalProperties: false },
);

export const CheckpointBody = Type.Object(
    {
        readingId: id('Unique within the shipment'),
        sensorId: id('The sensor'),
        readAt: Type.String({ format: 'date-time' }),
        location: text(200),
        temperatureC: Type.Number({ minimum: -200, maximum: 100 }),
        humidityPercent: Type.Number({ minimum: 0, maximum: 100 }),
        shock: Type.Boolean(),
    },
    { additionalProperties: false },
);

export const LoginBody = Type.Object(
    { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) },
    { additionalProperties: false },
);

const pageQuery = {
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: maxPageSize })),
    bookmark: Type.Optional(Type.String({ maxLength: 1024 })),
};

export const MemberQuery = Type.Object(
    {
        status: Type.Optional(oneOf(memberStatuses, 'Member status')),
        kind: Type.Optional(oneOf(memberKinds, 'Kind of organisation')),
        sector: Type.Optional(text(64)),
        ...pageQuery,
    },
    { additionalProperties: false },
);

export const ScenarioQuery = Type.Object(
    {
        status: Type.Optional(oneOf(scenarioStatuses, 'Scenario status')),
        sector: Type.Optional(text(64)),
        ...pageQuery,
    },
    { additionalProperties: false },
);

export const DealQuery = Type.Object(
    {
        partyMemberId: Type.Optional(id('A party')),
        kind: Type.Optional(oneOf(dealKinds, 'Kind of deal')),
        status: Type.Optional(oneOf(dealStatuses, 'Deal status')),
        ...pageQuery,
    },
    { additionalProperties: false },
);

export const ShipmentQuery = Type.Object(
    {
        status: Type.Optional(oneOf(shipmentStatuses, 'Shipment status')),
        partyMemberId: Type.Optional(id('A party')),
        dealId: Type.Optional(id('The deal')),
        ...pageQuery,
    },
    { additionalProperties: false },
);

export const IdParam = (name: string, description: string): TObject =>
    Type.Object({ [name]: id(description) }, { additionalProperties: false });

// The compiler checks that every body the portal accepts is what the client library sends: a field renamed in
// @bia/model breaks the build here instead of failing at run time.
type Assignable<Narrow extends Wide, Wide> = Narrow;
export type SchemaChecks = [
    Assignable<Static<typeof ApplicationBody>, MembershipApplication>,
    Assignable<Static<typeof MemberProfileBody>, MemberProfile>,
    Assignable<Static<typeof MotionBody>, MotionRequest>,
    Assignable<Static<typeof ScenarioBody>, ScenarioProposal>,
    Assignable<Static<typeof EvaluationBody>, EvaluationReport>,
    Assignable<Omit<Static<typeof DealBody>, 'terms'>, DealDraft>,
    Assignable<Static<typeof ShipmentBody>, ShipmentRequest>,
    Assignable<Static<typeof CheckpointBody> & { shipmentId: string }, CheckpointReading>,
];

// The association's founding day, as data: the charter, the 16 founders, the applicants and the council's
// decisions, the first pilot scenarios, the four deals of the founding ceremony and the first medical transport.
import type { ApplicationOutcome, HostOrg, Story, StoryApplicant, StoryMember, StoryScenario } from './story-types';
import type { MemberKind } from '@bia/client';

type MemberRow = readonly [memberId: string, legalName: string, kind: MemberKind, sectors: string, host?: HostOrg];

function member([memberId, legalName, kind, sectors, host = 'secretariat']: MemberRow): StoryMember {
    return { memberId, legalName, kind, sectors: sectors.split(' '), host };
}

function applicant(row: MemberRow, outcome: ApplicationOutcome = 'admitted'): StoryApplicant {
    return { ...member(row), outcome };
}

const founders: readonly MemberRow[] = [
    ['secretariat', 'Association Secretariat', 'industry-body', 'blockchain', 'secretariat'],
    ['healthco', 'Regional Healthcare Company', 'enterprise', 'healthcare logistics', 'healthco'],
    ['healthcentres', 'District Health Centres Network', 'government-body', 'healthcare', 'healthcentres'],
    ['carrier', 'Cold Chain Carrier', 'enterprise', 'logistics healthcare', 'carrier'],
    ['fabric-platform', 'Cooperative Ledger Platform Provider', 'enterprise', 'blockchain cloud'],
    ['univ-tech', 'University of Technology', 'university', 'education blockchain'],
    ['ledger-institute', 'Distributed Ledger Research Institute', 'research-institute', 'blockchain cryptography'],
    ['district-data-office', 'District Government Data Office', 'government-body', 'government data'],
    ['trade-finance-bank', 'Regional Trade Finance Bank', 'enterprise', 'finance supply-chain'],
    ['fresh-food-group', 'Fresh Food Group', 'enterprise', 'food agriculture'],
    ['copyright-centre', 'Digital Copyright Registration Centre', 'industry-body', 'copyright media'],
    ['open-source-guild', 'Open Source Guild', 'industry-body', 'open-source software'],
    ['innovation-base', 'Blockchain Innovation Base Operator', 'enterprise', 'blockchain incubation'],
    ['logistics-hub', 'Inland Logistics Hub', 'enterprise', 'logistics supply-chain'],
    ['cyber-lab', 'Cyber Security Laboratory', 'research-institute', 'security cryptography'],
    ['software-park', 'Software Park Management Company', 'enterprise', 'software incubation'],
];

const centres: readonly MemberRow[] = [
    ['centre-north', 'North District Health Centre', 'government-body', 'healthcare', 'healthcentres'],
    ['centre-south', 'South District Health Centre', 'government-body', 'healthcare', 'healthcentres'],
    ['centre-east', 'East District Health Centre', 'government-body', 'healthcare', 'healthcentres'],
    ['centre-west', 'West District Health Centre', 'government-body', 'healthcare', 'healthcentres'],
];

const applicants: readonly StoryApplicant[] = [
    ...centres.map((row) => applicant(row)),
    applicant(['agri-coop', 'Agricultural Cooperative Union', 'industry-body', 'agriculture food']),
    applicant(['port-authority', 'River Port Authority', 'government-body', 'logistics trade']),
    applicant(['insure-mutual', 'Mutual Insurance Society', 'enterprise', 'finance insurance']),
    applicant(['pharma-labs', 'Pharmaceutical Laboratories', 'enterprise', 'healthcare pharma']),
    applicant(['normal-univ', 'Normal University', 'university', 'education']),
    applicant(['finance-univ', 'University of Finance and Economics', 'university', 'finance education']),
    applicant(['ai-institute', 'Applied AI Institute', 'research-institute', 'ai data']),
    applicant(['iot-devices', 'IoT Devices Manufacturer', 'enterprise', 'iot manufacturing']),
    applicant(['energy-grid', 'Energy Grid Company', 'enterprise', 'energy']),
    applicant(['customs-office', 'District Customs Office', 'government-body', 'trade government']),
    applicant(['media-group', 'Regional Media Group', 'enterprise', 'media copyright']),
    applicant(['music-rights', 'Music Rights Society', 'industry-body', 'copyright music']),
    applicant(['dairy-farms', 'Dairy Farms Company', 'enterprise', 'food agriculture']),
    applicant(['cold-storage', 'Cold Storage Warehousing', 'enterprise', 'logistics food']),
    applicant(['auto-parts', 'Auto Parts Supplier', 'enterprise', 'manufacturing supply-chain']),
    applicant(['textile-mill', 'Textile Mill', 'enterprise', 'manufacturing']),
    applicant(['credit-union', 'Community Credit Union', 'enterprise', 'finance']),
    applicant(['law-firm', 'Technology Law Partners', 'enterprise', 'legal']),
    applicant(['audit-firm', 'Digital Audit Partners', 'enterprise', 'finance audit']),
    applicant(['vocational-college', 'Vocational College of Information Technology', 'university', 'education']),
    applicant(['standards-body', 'Regional Standards Institute', 'research-institute', 'standards']),
    applicant(['telecom-operator', 'Telecom Operator', 'enterprise', 'telecom cloud']),
    applicant(['data-exchange', 'Data Exchange Centre', 'industry-body', 'data trade']),
    applicant(['water-utility', 'Water Utility', 'enterprise', 'utilities']),
    applicant(['seed-bank', 'Seed Bank Institute', 'research-institute', 'agriculture']),
    applicant(['ecommerce-platform', 'E-commerce Platform', 'enterprise', 'retail supply-chain']),
    applicant(['startup-studio', 'Blockchain Startup Studio', 'enterprise', 'blockchain incubation']),
    applicant(['token-exchange', 'Unlicensed Token Exchange', 'enterprise', 'crypto-trading'], 'rejected'),
    applicant(['shell-company', 'Anonymous Holdings', 'enterprise', 'consulting'], 'rejected'),
    applicant(['game-studio', 'Indie Game Studio', 'enterprise', 'games media'], 'withdrawn'),
];

const pilotDates = { plannedStart: '2027-03-01', plannedEnd: '2027-12-31' } as const;

type ScenarioRow = readonly [
    scenarioId: string,
    title: string,
    sector: string,
    leadMemberId: string,
    participants: string,
    problem: string,
    expectedOutcome: string,
];

const scenarioRows: readonly ScenarioRow[] = [
    [
        'medical-supply-trace',
        'Medical supply traceability',
        'healthcare',
        'healthco',
        'centre-north centre-south carrier',
        'Cold-chain breaks in vaccine deliveries are found too late',
        'Every medical shipment traceable with its temperature history',
    ],
    [
        'supply-chain-finance',
        'Supply-chain finance on shared invoices',
        'finance',
        'trade-finance-bank',
        'logistics-hub auto-parts credit-union',
        'Small suppliers wait months for payment and cannot prove their receivables',
        'Invoices financed within days against ledger-confirmed deliveries',
    ],
    [
        'gov-data-sharing',
        'Government data sharing between district offices',
        'government',
        'district-data-office',
        'customs-office data-exchange',
        'Citizens hand in the same certificates to every office',
        'Certificates checked once and shared with consent',
    ],
    [
        'copyright-registry',
        'Copyright registration',
        'copyright',
        'copyright-centre',
        'media-group music-rights',
        'Proving authorship of digital works is slow and costly',
        'Works registered with a timestamped fingerprint in minutes',
    ],
    [
        'food-trace',
        'Food traceability from farm to shelf',
        'food',
        'fresh-food-group',
        'dairy-farms cold-storage agri-coop',
        'Recalls take days because batches cannot be traced',
        'A batch traced to its farm in seconds',
    ],
    [
        'research-data-provenance',
        'Research data provenance',
        'research',
        'ledger-institute',
        'univ-tech ai-institute',
        'Published results cannot be tied to the data they came from',
        'Datasets fingerprinted and cited by hash',
    ],
    [
        'academic-credentials',
        'Verifiable academic credentials',
        'education',
        'univ-tech',
        'normal-univ vocational-college',
        'Diploma fraud and slow verification',
        'Employers verify a diploma instantly',
    ],
    [
        'open-source-compliance',
        'Open-source licence compliance',
        'software',
        'open-source-guild',
        'software-park',
        'Licence obligations of dependencies are lost in supply chains',
        'A signed software bill of materials for every release',
    ],
    [
        'logistics-documents',
        'Electronic bills of lading',
        'logistics',
        'logistics-hub',
        'port-authority customs-office',
        'Paper documents delay river freight',
        'Bills of lading transferred electronically',
    ],
    [
        'secure-iot-identity',
        'Device identity for industrial IoT',
        'security',
        'cyber-lab',
        'iot-devices telecom-operator',
        'Forged sensors feed false readings into supply chains',
        'Every sensor reading signed by a registered device',
    ],
    [
        'incubation-grants',
        'Transparent incubation grants',
        'incubation',
        'innovation-base',
        'startup-studio software-park',
        'Start-ups cannot see how grants are allocated',
        'Grant decisions and disbursements visible to applicants',
    ],
    [
        'platform-benchmark',
        'Shared platform benchmark',
        'blockchain',
        'fabric-platform',
        'cyber-lab',
        'Members size their nodes by guesswork',
        'A shared benchmark of the cooperative platform',
    ],
    [
        'token-rewards',
        'Token rewards for data contributions',
        'blockchain',
        'software-park',
        '',
        'Data contributors are not rewarded',
        'Contributors earn tradable tokens',
    ],
];

const scenarios: readonly StoryScenario[] = scenarioRows.map(
    ([scenarioId, title, sector, leadMemberId, participants, problem, expectedOutcome]) => ({
        scenarioId,
        title,
        sector,
        leadMemberId,
        plannedParticipants: participants.split(' ').filter((id) => id !== ''),
        problem,
        expectedOutcome,
        councilApproves: scenarioId !== 'token-rewards',
        ...pilotDates,
    }),
);

/** Cold-chain requirements by category (°C, minutes). */
const coldChain = { minTemperatureC: 2, maxTemperatureC: 8, maxTransitMinutes: 240 };

export const foundingDay: Story = {
    title: "The association's founding day",
    charter: {
        name: 'Charter of the Regional Blockchain Industry Association',
        quorumPercent: 50,
        approvalPercent: 60,
        votingWindowSeconds: 7 * 24 * 3600,
        maxRunningPilots: 10,
    },
    foundingMembers: founders.map(member),
    applicants,
    scenarios,
    deals: [
        {
            dealId: 'deal-healthcare-centres',
            kind: 'cooperation',
            title: 'Healthcare cooperation with the district health centres',
            summary: 'The healthcare company supplies vaccines, blood products and specimen logistics to four centres',
            partyMemberIds: ['healthco', ...centres.map(([memberId]) => memberId)],
            terms: 'Supply at list price less 12%; cold-chain penalties 5% per excursion; three-year term.',
        },
        {
            dealId: 'deal-fabric-platform',
            kind: 'platform-project',
            title: 'Fabric cooperative platform project',
            summary: 'The platform provider runs the shared Fabric platform with the members that host peers',
            partyMemberIds: ['fabric-platform', 'healthco', 'carrier'],
            terms: 'Platform fee 40,000 a year shared by node count; 99.5% availability; provider-owned hardware.',
        },
        {
            dealId: 'deal-innovation-base',
            kind: 'facility',
            title: 'Blockchain innovation base',
            summary: 'An innovation base for blockchain start-ups, run with the district and the university',
            partyMemberIds: ['innovation-base', 'district-data-office', 'univ-tech', 'healthcentres'],
            terms: 'District grants 2,000 m2 rent-free for five years; the university seconds two researchers.',
        },
        {
            dealId: 'deal-open-source-workspace',
            kind: 'service',
            title: 'Open-source shared workspace',
            summary: 'A shared workspace and code hosting for open-source work of the members',
            partyMemberIds: ['open-source-guild', 'software-park', 'carrier'],
            terms: 'Forty desks at cost; the guild maintains the code forge; members pay per seat per month.',
        },
    ],
    transport: {
        dealId: 'deal-healthcare-centres',
        shipperMemberId: 'healthco',
        carrierMemberId: 'carrier',
        receiverMemberIds: centres.map(([memberId]) => memberId),
        consignments: [
            {
                category: 'vaccine',
                description: 'Influenza vaccine',
                quantity: 400,
                unit: 'doses',
                conditions: coldChain,
            },
            {
                category: 'blood-product',
                description: 'Packed red blood cells',
                quantity: 20,
                unit: 'units',
                conditions: { minTemperatureC: 2, maxTemperatureC: 6, maxTransitMinutes: 180 },
            },
            {
                category: 'specimen',
                description: 'Blood samples for laboratory analysis',
                quantity: 60,
                unit: 'tubes',
                conditions: { minTemperatureC: 15, maxTemperatureC: 25, maxTransitMinutes: 300 },
            },
        ],
        sensorsPerShipment: 4,
        readingsPerSensor: 3,
        excursion: { receiverMemberId: 'centre-east', category: 'vaccine' },
    },
};

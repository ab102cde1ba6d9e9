// The association as the suite finds it: one set of members for this run (one per organisation, each operated by
// that organisation's User1) that sits on the council, whatever the ledger held before. On an empty ledger the
// run bootstraps the association; on a ledger that already has a charter (real Fabric runs phases; reruns) the
// run takes the sitting council's seats through identities bound by each member's own MSP admin, admits its
// members and amends the charter so that they form the council.
import { randomBytes } from 'node:crypto';
import {
    type AssociationClient,
    type CharterTerms,
    type Charter,
    type MemberKind,
    type MemberProfile,
    type MembershipApplication,
    type Motion,
    type RetryNotice,
    GrpcClientPool,
    NotFoundError,
    connect,
} from '@bia/client';
import { type NetworkUnderTest, openNetworkUnderTest } from './network-under-test';

export const organizations = ['secretariat', 'healthco', 'healthcentres', 'carrier'] as const;
export type Organization = (typeof organizations)[number];

export const mspIds: Readonly<Record<Organization, string>> = {
    secretariat: 'SecretariatMSP',
    healthco: 'HealthcoMSP',
    healthcentres: 'HealthCentresMSP',
    carrier: 'CarrierMSP',
};

/** How the run found the ledger. */
export type SetupCase = 'bootstrapped' | 'adopted-existing-charter';

/** Users of each organisation that sit in for an existing council's members (counted down from the last user). */
const proxyUsers: Readonly<Record<Organization, number>> = {
    secretariat: 50,
    healthco: 4,
    healthcentres: 6,
    carrier: 4,
};

export class Association {
    readonly network: NetworkUnderTest;
    /** Unique per run: every ID the suite creates contains it. */
    readonly runId: string;
    /** The run's council members, one per organisation, each operated by the organisation's User1. */
    readonly members: Readonly<Record<Organization, string>>;
    /** Every re-proposal after a read conflict, as the clients reported it. */
    readonly retries: RetryNotice[] = [];
    #setup: SetupCase | undefined;
    #charterBefore: Charter | undefined;
    readonly #clients = new Map<string, Promise<AssociationClient>>();
    readonly #pools = new Map<Organization, GrpcClientPool>();
    #sequence = 0;

    constructor(network: NetworkUnderTest) {
        this.network = network;
        this.runId = randomBytes(3).toString('hex');
        this.members = Object.fromEntries(organizations.map((org) => [org, `${org}-${this.runId}`])) as Record<
            Organization,
            string
        >;
    }

    get setup(): SetupCase {
        if (this.#setup === undefined) {
            throw new Error('the association is not set up yet');
        }
        return this.#setup;
    }

    /** The charter found before the run changed anything (undefined when the ledger had none). */
    get charterBefore(): Charter | undefined {
        return this.#charterBefore;
    }

    /** A unique ID for this run: `<prefix>-<runId>-<n>`. */
    id(prefix: string): string {
        this.#sequence++;
        return `${prefix}-${this.runId}-${String(this.#sequence)}`;
    }

    /** A connection as one identity of one organisation (cached; identities of one organisation share a channel). */
    as(org: Organization, identity = 'User1'): Promise<AssociationClient> {
        const key = `${org}/${identity}`;
        let client = this.#clients.get(key);
        if (client === undefined) {
            client = connect({
                connectionFile: this.network.connectionFile(org),
                identity,
                pool: this.#pool(org),
                onRetry: (notice) => this.retries.push(notice),
            });
            this.#clients.set(key, client);
        }
        return client;
    }

    admin(org: Organization): Promise<AssociationClient> {
        return this.as(org, 'Admin');
    }

    /** The operator of the run's member of that organisation. */
    operator(org: Organization): Promise<AssociationClient> {
        return this.as(org, 'User1');
    }

    /** An identity bound to no member (an earlier run's binding is removed by its MSP's admin). */
    async unboundIdentity(org: Organization, identity: string): Promise<AssociationClient> {
        const client = await this.as(org, identity);
        const who = await client.membership.whoAmI();
        if (who.memberId !== undefined) {
            await (await this.admin(org)).membership.unbindIdentity(who.identityId);
        }
        return client;
    }

    /** Binds the identity to the member (its MSP's admin does it), removing any earlier binding first. */
    async bind(org: Organization, identity: string, memberId: string): Promise<AssociationClient> {
        const client = await this.unboundIdentity(org, identity);
        const { identityId } = await client.membership.whoAmI();
        await (await this.admin(org)).membership.bindIdentity(memberId, identityId);
        return client;
    }

    /** The charter terms the run keeps: two yes votes of the four council members decide a motion. */
    charterTerms(changes: Partial<CharterTerms> = {}): CharterTerms {
        return {
            name: `Association charter (test run ${this.runId})`,
            council: organizations.map((org) => this.members[org]),
            quorumPercent: 50,
            approvalPercent: 50,
            votingWindowSeconds: 3600,
            maxRunningPilots: 10,
            ...changes,
        };
    }

    /**
     * Waits until `read` succeeds through every organisation's peer. A write is committed on its submitter's peer
     * first and reaches the others moments later (on a loaded real network, after the next call may already have been
     * endorsed elsewhere): a step that another organisation's peers must see starts after this.
     */
    async visibleToAll(read: (client: AssociationClient) => Promise<unknown>, timeoutMs = 30_000): Promise<void> {
        await Promise.all(
            organizations.map(async (org) => {
                const client = await this.operator(org);
                const deadline = Date.now() + timeoutMs;
                for (;;) {
                    try {
                        await read(client);
                        return;
                    } catch (error) {
                        if (!(error instanceof NotFoundError) || Date.now() > deadline) {
                            throw error;
                        }
                        await new Promise((resolve) => setTimeout(resolve, 100));
                    }
                }
            }),
        );
    }

    /** Two council members (secretariat's and healthco's) vote yes, then the motion is closed. */
    async carry(motionId: string): Promise<Motion> {
        await Promise.all(
            (['secretariat', 'healthco'] as const).map(async (org) =>
                (await this.operator(org)).membership.vote(motionId, 'yes'),
            ),
        );
        return (await this.operator('carrier')).membership.closeMotion(motionId);
    }

    /** Amends the charter through the council: `changes` on top of the run's terms. */
    async amendCharter(changes: Partial<CharterTerms>): Promise<Charter> {
        const secretariat = await this.operator('secretariat');
        const motion = await secretariat.membership.proposeMotion({
            motionId: this.id('amend'),
            kind: 'amend-charter',
            subjectId: 'charter',
            reason: 'test run charter terms',
            charterTerms: this.charterTerms(changes),
        });
        const closed = await this.carry(motion.motionId);
        if (closed.status !== 'carried') {
            throw new Error(`charter amendment ${motion.motionId} ${closed.status}`);
        }
        return secretariat.membership.getCharter();
    }

    /** A sector tag unique to this run, so queries by sector list only this run's records. */
    get sector(): string {
        return `sector-${this.runId}`;
    }

    application(org: Organization, memberId: string, kind: MemberKind = 'enterprise'): MembershipApplication {
        return { memberId, hostMspId: mspIds[org], ...this.profile(memberId, kind) };
    }

    profile(memberId: string, kind: MemberKind = 'enterprise'): MemberProfile {
        return {
            legalName: `Test member ${memberId}`,
            kind,
            sectors: ['Healthcare', this.sector],
            website: `https://${memberId}.example.org`,
            contact: { name: 'Test desk', email: `desk@${memberId}.example.org` },
        };
    }

    async setUp(): Promise<void> {
        const admin = await this.admin('secretariat');
        this.#charterBefore = await admin.membership.getCharter().catch((error: unknown) => {
            if (error instanceof NotFoundError) {
                return undefined;
            }
            throw error;
        });
        if (this.#charterBefore === undefined) {
            await this.#bootstrap();
            this.#setup = 'bootstrapped';
        } else {
            await this.#adoptCouncil(this.#charterBefore);
            this.#setup = 'adopted-existing-charter';
        }
    }

    async close(): Promise<void> {
        const clients = await Promise.allSettled(this.#clients.values());
        for (const client of clients) {
            if (client.status === 'fulfilled') {
                client.value.close();
            }
        }
        for (const pool of this.#pools.values()) {
            pool.close();
        }
        await this.network.stop();
    }

    async #bootstrap(): Promise<void> {
        const admin = await this.admin('secretariat');
        await admin.membership.bootstrap({
            charter: this.charterTerms(),
            foundingMembers: organizations.map((org) => this.application(org, this.members[org])),
        });
        await Promise.all(organizations.map((org) => this.bind(org, 'User1', this.members[org])));
    }

    /**
     * Sits in for each member of the existing council (an identity of its hosting MSP, bound by that MSP's admin),
     * admits the run's members by the council's vote and makes them the council.
     */
    async #adoptCouncil(charter: Charter): Promise<void> {
        const seats = await this.#takeSeats(charter.council);
        await Promise.all(
            organizations.map(async (org) =>
                (await this.unboundIdentity(org, 'User1')).membership.apply(this.application(org, this.members[org])),
            ),
        );
        const decide = async (motionId: string): Promise<Motion> => {
            await Promise.all(seats.map((seat) => seat.membership.vote(motionId, 'yes')));
            return (await this.admin('secretariat')).membership.closeMotion(motionId);
        };
        for (const org of organizations) {
            const motion = await decide(`admit-${this.members[org]}`);
            if (motion.status !== 'carried') {
                throw new Error(`the sitting council did not admit ${this.members[org]}: ${motion.status}`);
            }
        }
        const [proposer] = seats;
        if (proposer === undefined) {
            throw new Error('the existing charter has no council member who can vote');
        }
        const amendment = await proposer.membership.proposeMotion({
            motionId: this.id('adopt'),
            kind: 'amend-charter',
            subjectId: 'charter',
            reason: `council of test run ${this.runId}`,
            charterTerms: this.charterTerms(),
        });
        const outcome = await decide(amendment.motionId);
        if (outcome.status !== 'carried') {
            throw new Error(`the sitting council did not amend the charter: ${outcome.status}`);
        }
    }

    /** One bound identity per active council member, counted down from each organisation's last user. */
    async #takeSeats(council: readonly string[]): Promise<AssociationClient[]> {
        const reader = await this.admin('secretariat');
        const nextUser = { ...proxyUsers };
        const seats: AssociationClient[] = [];
        for (const memberId of council) {
            const member = await reader.membership.getMember(memberId);
            const org = organizations.find((name) => mspIds[name] === member.hostMspId);
            if (org === undefined || member.status !== 'active') {
                continue;
            }
            const user = `User${String(nextUser[org]--)}`;
            seats.push(await this.bind(org, user, memberId));
        }
        return seats;
    }

    #pool(org: Organization): GrpcClientPool {
        let pool = this.#pools.get(org);
        if (pool === undefined) {
            pool = new GrpcClientPool();
            this.#pools.set(org, pool);
        }
        return pool;
    }
}

let shared: Promise<Association> | undefined;

/** The association shared by every file of the suite in this process, set up on first use. */
export function association(): Promise<Association> {
    shared ??= (async () => {
        const network = await openNetworkUnderTest();
        const fixture = new Association(network);
        try {
            await fixture.setUp();
        } catch (error) {
            await fixture.close();
            throw error;
        }
        return fixture;
    })();
    return shared;
}

/** Closes every connection and stops the devnet (if one was started); for a root-level `after` hook. */
export async function closeAssociation(): Promise<void> {
    const current = shared;
    shared = undefined;
    const fixture = await current?.catch(() => undefined);
    await fixture?.close();
}

/** Polls a condition (events arrive asynchronously); fails after the timeout. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > deadline) {
            throw new Error(`timed out waiting for ${what}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}

// The world the portal suites run in: a devnet with a shortened founding day played on it (members, motions,
// pilots, inked deals, shipments with an excursion), and the portals of two organisations, each with an operator
// account acting for the organisation's first member and a viewer account.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cast, type Operator } from '../../../scripts/founding-day/cast';
import { type StoryNetwork, startStoryDevnet } from '../../../scripts/founding-day/networks';
import { playStory } from '../../../scripts/founding-day/player';
import { shortenStory } from '../../../scripts/founding-day/shorten';
import { foundingDay } from '../../../scripts/founding-day/story';
import type { Story } from '../../../scripts/founding-day/story-types';
import { type RunningPortal, type StartPortalOptions, startPortal } from '@bia/portal';

export const story: Story = shortenStory(foundingDay, {
    applicants: 4,
    approvedScenarios: 2,
    receivers: 1,
    sensorsPerShipment: 1,
    readingsPerSensor: 2,
});

export interface PortalLogin {
    readonly username: string;
    readonly password: string;
}

export interface OrgPortal {
    readonly organization: string;
    readonly portal: RunningPortal;
    readonly url: string;
    /** The member the operator and viewer accounts act for. */
    readonly memberId: string;
    readonly operator: PortalLogin;
    readonly viewer: PortalLogin;
    /** An operator account on an identity bound to no member yet, as a newcomer's: it may apply for membership. */
    readonly applicant: PortalLogin;
}

export interface PortalWorld {
    readonly network: StoryNetwork;
    readonly operators: ReadonlyMap<string, Operator>;
    readonly cast: Cast;
    portalOf(organization: string): OrgPortal;
    /** Another portal of an organisation, with options of its own (short sessions, a proxy in front). */
    extraPortal(organization: string, options: Partial<StartPortalOptions>): Promise<OrgPortal>;
    close(): Promise<void>;
}

const password = 'correct horse battery staple';

async function openPortal(
    network: StoryNetwork,
    operators: ReadonlyMap<string, Operator>,
    organization: string,
    dataDir: string,
    options: Partial<StartPortalOptions> = {},
): Promise<OrgPortal> {
    const connectionFile = network.connectionFiles.get(organization);
    const first = [...operators].find(([, operator]) => operator.org === organization);
    if (connectionFile === undefined || first === undefined) {
        throw new Error(`the story has no member hosted by ${organization}`);
    }
    const [memberId, operator] = first;
    // The cast hands out User1, User2, ... in order; the next one is bound to nobody.
    const taken = [...operators.values()].filter((entry) => entry.org === organization).length;
    const portal = await startPortal({ connectionFile, dataDir, ...options });
    const login = (role: string): PortalLogin => ({ username: `${organization}-${role}`, password });
    await portal.accounts.create({ ...login('operator'), role: 'operator', identity: operator.identity });
    await portal.accounts.create({ ...login('viewer'), role: 'viewer', identity: operator.identity });
    await portal.accounts.create({ ...login('applicant'), role: 'operator', identity: `User${taken + 1}` });
    return {
        organization,
        portal,
        url: portal.url,
        memberId,
        operator: login('operator'),
        viewer: login('viewer'),
        applicant: login('applicant'),
    };
}

let shared: Promise<PortalWorld> | undefined;

/**
 * One world for every portal suite of this mocha run (the devnet and the story take most of a suite's time): the
 * healthco and health-centres portals. Closed by {@link closeSharedPortalWorld} in a root `after` hook.
 */
export function sharedPortalWorld(): Promise<PortalWorld> {
    shared ??= openPortalWorld(['healthco', 'healthcentres']);
    return shared;
}

export async function closeSharedPortalWorld(): Promise<void> {
    const world = shared;
    shared = undefined;
    await (await world?.catch(() => undefined))?.close();
}

/** Starts the devnet, plays the shortened story, and opens the portals of the given organisations. */
export async function openPortalWorld(organizations: readonly string[]): Promise<PortalWorld> {
    const network = await startStoryDevnet();
    const scratch = await mkdtemp(join(tmpdir(), 'bia-portal-test-'));
    const cast = new Cast(network.connectionFiles);
    const portals = new Map<string, OrgPortal>();
    const extras: OrgPortal[] = [];
    try {
        await playStory(story, cast, { concurrency: 8 });
        const operators = new Map(cast.operators());
        for (const organization of organizations) {
            // Many sign-ins a minute from the suites' browsers: the default limit (5) is tested on a portal of its own.
            portals.set(
                organization,
                await openPortal(network, operators, organization, join(scratch, organization), {
                    loginAttemptsPerMinute: 100,
                }),
            );
        }
        return {
            network,
            operators,
            cast,
            portalOf: (organization) => {
                const portal = portals.get(organization);
                if (portal === undefined) {
                    throw new Error(`no portal for ${organization}`);
                }
                return portal;
            },
            extraPortal: async (organization, options) => {
                const portal = await openPortal(
                    network,
                    operators,
                    organization,
                    join(scratch, `${organization}-${extras.length + 1}`),
                    options,
                );
                extras.push(portal);
                return portal;
            },
            close: async () => {
                await Promise.allSettled([...portals.values(), ...extras].map((entry) => entry.portal.close()));
                await cast.close();
                await network.stop();
                await rm(scratch, { recursive: true, force: true });
            },
        };
    } catch (error) {
        await Promise.allSettled([...portals.values()].map((entry) => entry.portal.close()));
        await cast.close();
        await network.stop();
        await rm(scratch, { recursive: true, force: true });
        throw error;
    }
}

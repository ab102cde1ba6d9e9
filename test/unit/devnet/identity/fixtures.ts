// Shared setup for the identity and policy tests: a small topology and a scratch directory per suite.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadTopology, type Topology } from '../../../../network/devnet/src/topology';

/** The association's topology with fewer users, so suites that do not test user counts generate quickly. */
export function smallTopology(userCount = 2): Topology {
    const topology = loadTopology();
    return {
        ...topology,
        organizations: topology.organizations.map((org) => ({ ...org, userCount })),
    };
}

export async function scratchDir(label: string): Promise<string> {
    return mkdtemp(join(tmpdir(), `bia-identity-${label}-`));
}

export async function removeDir(path: string | undefined): Promise<void> {
    if (path !== undefined) {
        await rm(path, { recursive: true, force: true });
    }
}

/** Throws when the topology lacks the organisation, so tests fail loudly rather than on undefined. */
export function organization(topology: Topology, name: string): Topology['organizations'][number] {
    const org = topology.organizations.find((candidate) => candidate.name === name);
    if (!org) {
        throw new Error(`no organisation ${name}`);
    }
    return org;
}

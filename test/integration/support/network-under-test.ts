// The network the association suite runs against: a real Fabric network when BIA_FABRIC_CONNECTIONS names its
// connections folder (test/fabric/run.sh brings it up and deploys the chaincode), otherwise a devnet of our own.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Devnet, loadTopology, startDevnet } from '@bia/devnet';

export type NetworkKind = 'devnet' | 'fabric';

export interface NetworkUnderTest {
    readonly kind: NetworkKind;
    /** Where the connection files come from, for the test log. */
    readonly description: string;
    /** The organisation names of the topology, in topology order. */
    readonly organizations: readonly string[];
    /** The organisation's connection file (the same format on both networks). */
    connectionFile(organization: string): string;
    /** Stops what this module started (nothing, for real Fabric). */
    stop(): Promise<void>;
}

const chaincodeDir = resolve(__dirname, '../../../chaincode');

export async function openNetworkUnderTest(): Promise<NetworkUnderTest> {
    const connectionsDir = process.env.BIA_FABRIC_CONNECTIONS;
    if (connectionsDir !== undefined && connectionsDir !== '') {
        return fabricNetwork(connectionsDir);
    }
    return startDevnetNetwork();
}

function fabricNetwork(connectionsDir: string): NetworkUnderTest {
    const organizations = loadTopology().organizations.map((org) => org.name);
    const files = new Map(organizations.map((name) => [name, join(connectionsDir, `${name}.json`)]));
    for (const [name, file] of files) {
        if (!existsSync(file)) {
            throw new Error(`BIA_FABRIC_CONNECTIONS=${connectionsDir} has no connection file for ${name} (${file})`);
        }
    }
    return {
        kind: 'fabric',
        description: `the network of BIA_FABRIC_CONNECTIONS=${connectionsDir}`,
        organizations,
        connectionFile: (organization) => lookup(files, organization),
        stop: () => Promise.resolve(),
    };
}

/** A devnet in a fresh temporary folder with the association's chaincode deployed (not bootstrapped). */
export async function startDevnetNetwork(): Promise<NetworkUnderTest> {
    const dataDir = await mkdtemp(join(tmpdir(), 'bia-association-'));
    const topology = loadTopology();
    let devnet: Devnet;
    try {
        devnet = await startDevnet({
            dataDir,
            // Small blocks cut quickly, as on the real network's development settings.
            batch: { maxMessageCount: 10, batchTimeoutMs: 50 },
            chaincodes: [
                {
                    name: topology.chaincode,
                    packageDir: chaincodeDir,
                    endorsementPolicy: topology.endorsementPolicy,
                    collectionsConfig: join(chaincodeDir, 'collections_config.json'),
                },
            ],
        });
    } catch (error) {
        await rm(dataDir, { recursive: true, force: true });
        throw error;
    }
    return {
        kind: 'devnet',
        description: `a devnet started for this run in ${dataDir}`,
        organizations: topology.organizations.map((org) => org.name),
        connectionFile: (organization) => lookup(devnet.connectionFiles, organization),
        stop: async () => {
            await devnet.stop();
            await rm(dataDir, { recursive: true, force: true });
        },
    };
}

function lookup(files: ReadonlyMap<string, string>, organization: string): string {
    const file = files.get(organization);
    if (file === undefined) {
        throw new Error(`no connection file for organisation ${organization}`);
    }
    return file;
}

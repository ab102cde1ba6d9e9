// Command line of `bia org add|remove` (scripts/lib/org.sh): edits of the network's topology copy, the new
// organisation's own cryptogen and configtxgen inputs, the channel configuration JSON and the collections config.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { configtx } from './configtx';
import { cryptoConfig } from './crypto-config';
import { readInventory, readPlacement, withPlacedOrganization, type Placement } from './hosts';
import { Layout } from './layout';
import {
    type AnchorPeer,
    blockConfig,
    channelOrganizations,
    configUpdateEnvelope,
    withChannelOrganization,
    withoutChannelOrganization,
} from './org-channel';
import { termsCollections, withOrganization, withoutOrganization, type Collection } from './org-topology';
import { parseTopology, type OrganizationSpec, type Topology } from '@bia/devnet/topology';

const usage = `usage: org-config <command> [options]
  topology-add --topology FILE --name N [--msp-id ID] [--domain D] [--peer-port P] [--users N]
                                   adds the organisation to FILE; prints mspId|domain
  topology-remove --topology FILE --name N   removes it from FILE; prints mspId|domain
  crypto-config --topology FILE --name N --out FILE     cryptogen input for that organisation alone (N may be
                                   the orderer organisation's name: its orderers alone)
  placement-add --placement FILE --inventory FILE --name N --host H
                                   places the organisation on machine H (a network spread over hosts)
  configtx --topology FILE --name N --generated DIR --out DIR
                                   DIR/configtx.yaml with the organisation for configtxgen -printOrg
  describe --topology FILE --name N     prints mspId|domain
  block-config --block FILE --out FILE   the config of a decoded config block
  channel-orgs --config FILE       the channel's application MSP IDs, one a line
  channel-add-org --config FILE --msp-id ID --group FILE --out FILE [--topology FILE --name N]
                                   (with N: its anchor peer, as configtx places the founders')
  channel-remove-org --config FILE --msp-id ID --out FILE
  envelope --channel C --update FILE --out FILE          a CONFIG_UPDATE envelope around a decoded ConfigUpdate
  collections --topology FILE --out FILE [--previous FILE]
                                   the association chaincode's terms collections
common: --placement FILE (a network spread over hosts: generated/placement)`;

const options = {
    topology: { type: 'string' },
    name: { type: 'string' },
    'msp-id': { type: 'string' },
    domain: { type: 'string' },
    'peer-port': { type: 'string' },
    users: { type: 'string' },
    out: { type: 'string' },
    generated: { type: 'string' },
    config: { type: 'string' },
    group: { type: 'string' },
    channel: { type: 'string' },
    update: { type: 'string' },
    previous: { type: 'string' },
    block: { type: 'string' },
    placement: { type: 'string' },
    inventory: { type: 'string' },
    host: { type: 'string' },
} as const;

type Values = Partial<Record<keyof typeof options, string>>;

function required(values: Values, flag: keyof Values): string {
    const value = values[flag];
    if (value === undefined || value === '') {
        throw new Error(`--${flag} is required\n${usage}`);
    }
    return value;
}

function optionalNumber(values: Values, flag: 'peer-port' | 'users'): number | undefined {
    const value = values[flag];
    if (value === undefined) {
        return undefined;
    }
    if (!/^[1-9][0-9]*$/.test(value)) {
        throw new Error(`--${flag} must be a positive integer, not '${value}'`);
    }
    return Number(value);
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8')) as unknown;
function writeJson(path: string, value: unknown): void {
    writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

function organization(topology: Topology, name: string): OrganizationSpec {
    const org = topology.organizations.find((candidate) => candidate.name === name);
    if (org === undefined) {
        throw new Error(`no organisation '${name}' in the topology`);
    }
    return org;
}

function placementOf(values: Values): Placement | undefined {
    return values.placement === undefined ? undefined : readPlacement(values.placement);
}

/** The topology reduced to one organisation, for inputs that must hold that organisation alone. */
function alone(values: Values): Topology {
    const topology = parseTopology(readJson(required(values, 'topology')));
    return { ...topology, organizations: [organization(topology, required(values, 'name'))] };
}

/** The organisation's entry in configtx (MSP folder, policies, anchor peer), as the founders' are rendered. */
function organizationSection(values: Values): { AnchorPeers: AnchorPeer[] } {
    const topology = alone(values);
    const layout = new Layout(resolve(values.generated ?? '.'), placementOf(values));
    const options = { orderers: 1, batchTimeout: '1s', maxMessageCount: 1, raftTickInterval: '100ms' };
    const profile = configtx(topology, layout, options).Profiles as Record<string, Record<string, unknown>>;
    const application = Object.values(profile)[0]?.Application as { Organizations: unknown[] } | undefined;
    const section = application?.Organizations[0] as { AnchorPeers: AnchorPeer[] } | undefined;
    if (section === undefined) {
        throw new Error(`no organisation '${required(values, 'name')}' in the topology`);
    }
    return section;
}

const commands: Readonly<Record<string, (values: Values) => string[]>> = {
    'topology-add': (values) => {
        const file = required(values, 'topology');
        const peerPort = optionalNumber(values, 'peer-port');
        const userCount = optionalNumber(values, 'users');
        const { raw, added } = withOrganization(readJson(file), {
            name: required(values, 'name'),
            ...(values['msp-id'] === undefined ? {} : { mspId: values['msp-id'] }),
            ...(values.domain === undefined ? {} : { domain: values.domain }),
            ...(peerPort === undefined ? {} : { peerPort }),
            ...(userCount === undefined ? {} : { userCount }),
        });
        writeJson(file, raw);
        return [`${String(added.mspId)}|${String(added.domain)}`];
    },
    'topology-remove': (values) => {
        const file = required(values, 'topology');
        const { raw, removed } = withoutOrganization(readJson(file), required(values, 'name'));
        writeJson(file, raw);
        return [`${String(removed.mspId)}|${String(removed.domain)}`];
    },
    'crypto-config': (values) => {
        const topology = parseTopology(readJson(required(values, 'topology')));
        const name = required(values, 'name');
        const config = cryptoConfig({ ...topology, organizations: [] }, placementOf(values));
        if (name === topology.ordererOrganization.name) {
            // The ordering organisation's own material (its orderers and admin), on its own host.
            writeJson(required(values, 'out'), { ...config, PeerOrgs: [] });
            return [];
        }
        // Only the peer organisation: the orderer organisation's material is not the newcomer's to make.
        writeJson(required(values, 'out'), { ...cryptoConfig(alone(values), placementOf(values)), OrdererOrgs: [] });
        return [];
    },
    'placement-add': (values) => {
        const file = required(values, 'placement');
        const placement = withPlacedOrganization(
            readPlacement(file),
            readInventory(required(values, 'inventory')),
            required(values, 'name'),
            required(values, 'host'),
        );
        writeFileSync(file, placement.format());
        return [];
    },
    configtx: (values) => {
        required(values, 'generated');
        writeJson(`${required(values, 'out')}/configtx.yaml`, { Organizations: [organizationSection(values)] });
        return [];
    },
    describe: (values) => {
        const org = alone(values).organizations[0];
        return org === undefined ? [] : [`${org.mspId}|${org.domain}`];
    },
    'block-config': (values) => {
        writeJson(required(values, 'out'), blockConfig(readJson(required(values, 'block'))));
        return [];
    },
    'channel-orgs': (values) => channelOrganizations(readJson(required(values, 'config'))),
    'channel-add-org': (values) => {
        const config = readJson(required(values, 'config'));
        const group = readJson(required(values, 'group'));
        const anchor = values.name === undefined ? undefined : organizationSection(values).AnchorPeers[0];
        writeJson(required(values, 'out'), withChannelOrganization(config, required(values, 'msp-id'), group, anchor));
        return [];
    },
    'channel-remove-org': (values) => {
        const config = readJson(required(values, 'config'));
        writeJson(required(values, 'out'), withoutChannelOrganization(config, required(values, 'msp-id')));
        return [];
    },
    envelope: (values) => {
        const update = readJson(required(values, 'update'));
        writeJson(required(values, 'out'), configUpdateEnvelope(required(values, 'channel'), update));
        return [];
    },
    collections: (values) => {
        const topology = parseTopology(readJson(required(values, 'topology')));
        const previous = values.previous === undefined ? [] : (readJson(values.previous) as Collection[]);
        writeJson(required(values, 'out'), termsCollections(topology, previous));
        return [];
    },
};

/** Runs one command; returns the lines to print. */
export function runOrgCli(args: readonly string[]): string[] {
    const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options });
    const name = positionals[0];
    const command = name !== undefined && Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (command === undefined) {
        throw new Error(usage);
    }
    return command(values);
}

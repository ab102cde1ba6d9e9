// Command line of the config tool, called by scripts/bia.sh: `render`, `orderers`, `peers`, `get <key>`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ccaasConnection, ccaasMetadata, ccaasServerTlsConnection, packageLabel } from './ccaas';
import { composeEnvFile, composeProjectEnvironment } from './compose';
import { patchCoreYaml } from './core-yaml';
import { caLines, nodeOusConfig } from './fabric-ca';
import { chaincodeServerHost, initialPlacement, readInventory, readPlacement } from './hosts';
import { Layout } from './layout';
import { ordererLines, peerLines, renderNetwork } from './render';
import { loadTopology, type Topology } from '@bia/devnet/topology';

const usage = `usage: network-config <command> [options]
  render   --generated DIR --orderers N --batch-timeout DURATION --max-message-count N --raft-tick DURATION
           [--state-database goleveldb|CouchDB] [--couchdb-address HOST:PORT] [--peers-per-org N]
  orderers --generated DIR --orderers N     one line per orderer
  peers    --generated DIR [--peers-per-org N]
                                            one line per running peer (each organisation's first N, default 1)
  fabric-ca --generated DIR                 one line per organisation's CA; writes ca/msp-config.yaml (NodeOUs)
  core-yaml --sample FILE --out FILE --builder DIR   core.yaml from Fabric's sample, Docker off, our builder
  ccaas-files --out DIR --version V --address HOST:PORT --tls-dir DIR [--name CHAINCODE]
                                            metadata.json, connection.json; prints the label
                                            (CHAINCODE defaults to the topology's chaincode)
              (on a network spread over hosts: --generated DIR instead of --tls-dir; server-only TLS checked
              against every organisation's TLS CA, no key in the package)
  placement --inventory FILE --out FILE     the founding placement: one kind|org|host|netns line each
  compose-env --generated DIR --builder DIR --image-tag TAG --user UID:GID
                                            writes compose/compose.env; prints the project name
  get KEY...                                channel | chaincode | endorsementPolicy | chaincodeServerPort |
                                            batchTimeoutMs | maxMessageCount | ordererCount |
                                            ordererOrganizationName | ordererDomain | chaincodeServerHost
common: --topology FILE (default: network/config/topology.json)
        --placement FILE (a network spread over hosts: generated/placement)`;

function scalar(topology: Topology, key: string): string {
    const values: Record<string, string | number> = {
        channel: topology.channel,
        chaincode: topology.chaincode,
        endorsementPolicy: topology.endorsementPolicy,
        chaincodeServerPort: topology.chaincodeServer.port,
        batchTimeoutMs: topology.batch.batchTimeoutMs,
        maxMessageCount: topology.batch.maxMessageCount,
        ordererCount: topology.ordererOrganization.orderers.length,
        ordererOrganizationName: topology.ordererOrganization.name,
        ordererDomain: topology.ordererOrganization.domain,
        chaincodeServerHost,
    };
    const value = values[key];
    if (value === undefined) {
        throw new Error(`unknown key '${key}'\n${usage}`);
    }
    return String(value);
}

function required(value: string | undefined, flag: string): string {
    if (value === undefined || value === '') {
        throw new Error(`--${flag} is required\n${usage}`);
    }
    return value;
}

function stateDatabase(value: string | undefined): 'goleveldb' | 'CouchDB' {
    if (value === undefined || value === 'goleveldb') {
        return 'goleveldb';
    }
    if (value === 'CouchDB') {
        return 'CouchDB';
    }
    throw new Error(`--state-database must be goleveldb or CouchDB, not '${value}'`);
}

const options = {
    topology: { type: 'string' },
    generated: { type: 'string' },
    orderers: { type: 'string' },
    'batch-timeout': { type: 'string' },
    'max-message-count': { type: 'string' },
    'raft-tick': { type: 'string' },
    'state-database': { type: 'string' },
    'couchdb-address': { type: 'string' },
    'peers-per-org': { type: 'string' },
    sample: { type: 'string' },
    out: { type: 'string' },
    builder: { type: 'string' },
    version: { type: 'string' },
    name: { type: 'string' },
    address: { type: 'string' },
    'tls-dir': { type: 'string' },
    'image-tag': { type: 'string' },
    user: { type: 'string' },
    placement: { type: 'string' },
    inventory: { type: 'string' },
} as const;

type Values = Partial<Record<keyof typeof options, string>>;

interface Invocation {
    readonly topology: Topology;
    readonly values: Values;
    readonly keys: readonly string[];
}

const layoutOf = (values: Values): Layout =>
    new Layout(
        resolve(required(values.generated, 'generated')),
        values.placement === undefined ? undefined : readPlacement(values.placement),
    );
const ordererCount = (values: Values): number => Number(required(values.orderers, 'orderers'));

function peersPerOrg(values: Values): number {
    const value = values['peers-per-org'] ?? '1';
    if (!/^[1-9][0-9]*$/.test(value)) {
        throw new Error(`--peers-per-org must be a positive integer, not '${value}'`);
    }
    return Number(value);
}

const commands: Readonly<Record<string, (invocation: Invocation) => string[]>> = {
    render: ({ topology, values }) => {
        renderNetwork(topology, layoutOf(values), {
            orderers: ordererCount(values),
            batchTimeout: required(values['batch-timeout'], 'batch-timeout'),
            maxMessageCount: Number(required(values['max-message-count'], 'max-message-count')),
            raftTickInterval: required(values['raft-tick'], 'raft-tick'),
            stateDatabase: stateDatabase(values['state-database']),
            peersPerOrg: peersPerOrg(values),
            ...(values['couchdb-address'] === undefined ? {} : { couchDbAddress: values['couchdb-address'] }),
        });
        return [];
    },
    orderers: ({ topology, values }) => ordererLines(topology, layoutOf(values), ordererCount(values)),
    peers: ({ topology, values }) => peerLines(topology, layoutOf(values), peersPerOrg(values)),
    'fabric-ca': ({ topology, values }) => {
        const layout = layoutOf(values);
        mkdirSync(join(layout.root, 'ca'), { recursive: true });
        writeFileSync(join(layout.root, 'ca', 'msp-config.yaml'), nodeOusConfig('cacerts/ca.pem'));
        return caLines(topology, layout);
    },
    'core-yaml': ({ values }) => {
        const patched = patchCoreYaml(readFileSync(required(values.sample, 'sample'), 'utf8'), {
            builderName: 'bia-ccaas',
            builderPath: resolve(required(values.builder, 'builder')),
        });
        writeFileSync(required(values.out, 'out'), patched);
        return [];
    },
    'ccaas-files': ({ topology, values }) => {
        const out = required(values.out, 'out');
        const label = packageLabel(values.name ?? topology.chaincode, required(values.version, 'version'));
        const address = required(values.address, 'address');
        const layout = values.generated === undefined ? undefined : layoutOf(values);
        const connection =
            layout?.placement === undefined
                ? ccaasConnection(address, required(values['tls-dir'], 'tls-dir'))
                : ccaasServerTlsConnection(
                      address,
                      topology.organizations.map((org) => layout.peerTlsCaFile(org)),
                  );
        writeFileSync(join(out, 'metadata.json'), JSON.stringify(ccaasMetadata(label)));
        writeFileSync(join(out, 'connection.json'), JSON.stringify(connection));
        return [label];
    },
    'compose-env': ({ values }) => {
        const layout = layoutOf(values);
        const environment = composeProjectEnvironment(layout, {
            builders: resolve(required(values.builder, 'builder')),
            imageTag: required(values['image-tag'], 'image-tag'),
            user: required(values.user, 'user'),
        });
        mkdirSync(join(layout.root, 'compose'), { recursive: true });
        writeFileSync(join(layout.root, 'compose', 'compose.env'), composeEnvFile(environment));
        return [environment.COMPOSE_PROJECT_NAME ?? ''];
    },
    placement: ({ topology, values }) => {
        const placement = initialPlacement(topology, readInventory(required(values.inventory, 'inventory')));
        writeFileSync(required(values.out, 'out'), placement.format());
        return [];
    },
    get: ({ topology, keys }) => {
        required(keys[0], 'KEY');
        return keys.map((key) => scalar(topology, key));
    },
};

/** Runs one command; returns the lines to print. */
export function runCli(args: readonly string[], defaultTopology: string): string[] {
    const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options });
    const [name, ...keys] = positionals;
    const command = name !== undefined && Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (command === undefined) {
        throw new Error(usage);
    }
    return command({ topology: loadTopology(values.topology ?? defaultTopology), values, keys });
}

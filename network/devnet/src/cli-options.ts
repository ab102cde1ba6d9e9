// The devnet command line's options: flags to DevnetOptions, with the association's defaults so that a bare
// `npm run devnet` starts the association's network (its chaincode, data in .devnet at the repository root).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { DevnetChaincode, DevnetOptions } from './devnet';
import { DEFAULT_STATE_DATABASE, type StateDatabase } from './ledger';
import { loadTopology, type Topology } from './topology';

export const usage = `usage: devnet [--data-dir DIR] [--chaincode NAME=PATH]... [--chaincode-server NAME[@ORG]=HOST:PORT]...
       [--endorsement-policy NAME=POLICY]... [--collections-config NAME=PATH]... [--build]
       [--state-database goleveldb|CouchDB] [--base-port N | --ephemeral-ports]
       [--max-message-count N] [--batch-timeout-ms N] [--preferred-max-bytes N] [--topology FILE] [--help]
Without --chaincode or --chaincode-server, runs the association's chaincode (chaincode/ of this repository, with its
collections and the topology's endorsement policy); without --data-dir, keeps its data in .devnet at the repository
root. --chaincode-server NAME=HOST:PORT is dialled by every organisation's peer; NAME@ORG=HOST:PORT names the
server of one organisation (then every organisation needs one). Peers listen on the topology's ports (default
topology: network/config/topology.json) unless --base-port or --ephemeral-ports. --state-database: goleveldb
(default, as Fabric's) refuses rich queries; CouchDB answers them.`;

/** The repository this devnet package lives in (network/devnet/{src,dist} → the root). */
export const repositoryRoot = resolve(__dirname, '../../..');

export interface CliDefaults {
    /** Where the data goes without --data-dir. */
    readonly dataDir: string;
    /** The chaincode project run without --chaincode or --chaincode-server; undefined when there is none. */
    readonly chaincodeDir: string | undefined;
}

/** The association's defaults, when this package sits in the association's repository. */
export function repositoryDefaults(root: string = repositoryRoot): CliDefaults {
    const chaincodeDir = join(root, 'chaincode');
    return {
        dataDir: join(root, '.devnet'),
        chaincodeDir: existsSync(join(chaincodeDir, 'package.json')) ? chaincodeDir : undefined,
    };
}

export type CliCommand = { readonly help: true } | { readonly help: false; readonly options: DevnetOptions };

/** Parses the arguments; throws an Error naming the flag for anything it cannot use. */
export function parseDevnetArgs(args: readonly string[], defaults: CliDefaults = repositoryDefaults()): CliCommand {
    const { values } = parseArgs({
        args: [...args],
        options: {
            'data-dir': { type: 'string' },
            chaincode: { type: 'string', multiple: true, default: [] },
            'chaincode-server': { type: 'string', multiple: true, default: [] },
            'endorsement-policy': { type: 'string', multiple: true, default: [] },
            'collections-config': { type: 'string', multiple: true, default: [] },
            'state-database': { type: 'string' },
            'base-port': { type: 'string' },
            'ephemeral-ports': { type: 'boolean', default: false },
            'max-message-count': { type: 'string' },
            'batch-timeout-ms': { type: 'string' },
            'preferred-max-bytes': { type: 'string' },
            topology: { type: 'string' },
            build: { type: 'boolean', default: false },
            help: { type: 'boolean', short: 'h', default: false },
        },
        strict: true,
        allowPositionals: false,
    });
    if (values.help) {
        return { help: true };
    }
    const topology = values.topology === undefined ? loadTopology() : loadTopology(resolve(values.topology));
    const policies = pairs(values['endorsement-policy'], '--endorsement-policy');
    const collections = pairs(values['collections-config'], '--collections-config');
    const common = (name: string): Pick<DevnetChaincode, 'name' | 'endorsementPolicy' | 'collectionsConfig'> => ({
        name,
        ...(policies.has(name) ? { endorsementPolicy: policies.get(name) } : {}),
        ...(collections.has(name) ? { collectionsConfig: resolve(collections.get(name) ?? '') } : {}),
    });
    const launched: DevnetChaincode[] = [...pairs(values.chaincode, '--chaincode')].map(([name, packageDir]) => ({
        ...common(name),
        packageDir: resolve(packageDir),
        build: values.build,
    }));
    const dialled = chaincodeServers(values['chaincode-server'], topology).map(({ name, ...where }) => ({
        ...common(name),
        ...where,
    }));
    const named = [...launched, ...dialled].map((cc) => cc.name);
    const duplicate = named.find((name, index) => named.indexOf(name) !== index);
    if (duplicate !== undefined) {
        throw new Error(`chaincode ${duplicate} is given more than once`);
    }
    const chaincodes = named.length > 0 ? [...launched, ...dialled] : [associationChaincode(topology, defaults)];
    const basePort = optionalInteger(values['base-port'], '--base-port');
    const ports =
        values['ephemeral-ports'] || basePort !== undefined
            ? undefined
            : Object.fromEntries(topology.organizations.map((org) => [org.name, org.peer.port]));
    const maxMessageCount = optionalInteger(values['max-message-count'], '--max-message-count');
    const batchTimeoutMs = optionalInteger(values['batch-timeout-ms'], '--batch-timeout-ms');
    const preferredMaxBytes = optionalInteger(values['preferred-max-bytes'], '--preferred-max-bytes');
    return {
        help: false,
        options: {
            dataDir: resolve(values['data-dir'] ?? defaults.dataDir),
            topology,
            chaincodes,
            stateDatabase: stateDatabase(values['state-database']),
            ...(ports ? { ports } : {}),
            ...(basePort !== undefined ? { basePort } : {}),
            batch: {
                ...(maxMessageCount !== undefined ? { maxMessageCount } : {}),
                ...(batchTimeoutMs !== undefined ? { batchTimeoutMs } : {}),
                ...(preferredMaxBytes !== undefined ? { preferredMaxBytes } : {}),
            },
        },
    };
}

/** The association's chaincode as the integration suite and the founding day run it. */
function associationChaincode(topology: Topology, defaults: CliDefaults): DevnetChaincode {
    if (defaults.chaincodeDir === undefined) {
        throw new Error('no --chaincode or --chaincode-server given, and no association chaincode beside this devnet');
    }
    return {
        name: topology.chaincode,
        packageDir: defaults.chaincodeDir,
        endorsementPolicy: topology.endorsementPolicy,
        collectionsConfig: join(defaults.chaincodeDir, 'collections_config.json'),
    };
}

/** NAME=HOST:PORT (every organisation dials it) or NAME@ORG=HOST:PORT (one per organisation), by chaincode. */
function chaincodeServers(
    entries: readonly string[],
    topology: Topology,
): ({ name: string; address: string } | { name: string; addresses: Record<string, string> })[] {
    const shared = new Map<string, string>();
    const perOrg = new Map<string, Record<string, string>>();
    for (const [target, address] of pairList(entries, '--chaincode-server')) {
        const at = target.indexOf('@');
        if (at < 0) {
            if (shared.has(target) || perOrg.has(target)) {
                throw new Error(`--chaincode-server: chaincode ${target} is given more than once`);
            }
            shared.set(target, address);
            continue;
        }
        const name = target.slice(0, at);
        const org = target.slice(at + 1);
        if (!topology.organizations.some((candidate) => candidate.name === org)) {
            const known = topology.organizations.map((candidate) => candidate.name).join(', ');
            throw new Error(`--chaincode-server ${target}: no organisation '${org}' in the topology (${known})`);
        }
        const addresses = perOrg.get(name) ?? {};
        if (shared.has(name) || addresses[org] !== undefined) {
            throw new Error(`--chaincode-server: chaincode ${name} is given more than once for ${org}`);
        }
        perOrg.set(name, { ...addresses, [org]: address });
    }
    return [
        ...[...shared].map(([name, address]) => ({ name, address })),
        ...[...perOrg].map(([name, addresses]) => ({ name, addresses })),
    ];
}

function stateDatabase(value: string | undefined): StateDatabase {
    if (value === undefined) {
        return DEFAULT_STATE_DATABASE;
    }
    if (value === 'goleveldb' || value === 'CouchDB') {
        return value;
    }
    throw new Error(`--state-database expects goleveldb or CouchDB (as core.yaml's stateDatabase), got '${value}'`);
}

function pairList(entries: readonly string[], flag: string): [string, string][] {
    return entries.map((entry) => {
        const separator = entry.indexOf('=');
        if (separator <= 0 || separator === entry.length - 1) {
            throw new Error(`${flag} expects NAME=VALUE, got '${entry}'`);
        }
        return [entry.slice(0, separator), entry.slice(separator + 1)];
    });
}

function pairs(entries: readonly string[], flag: string): Map<string, string> {
    const map = new Map<string, string>();
    for (const [name, value] of pairList(entries, flag)) {
        if (map.has(name)) {
            throw new Error(`${flag}: ${name} is given more than once`);
        }
        map.set(name, value);
    }
    return map;
}

function optionalInteger(value: string | undefined, flag: string): number | undefined {
    if (value === undefined) {
        return undefined;
    }
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 0) {
        throw new Error(`${flag} expects a non-negative integer, got '${value}'`);
    }
    return parsed;
}

#!/usr/bin/env node
// Command line: starts the devnet, prints the connection files and stays up until SIGINT or SIGTERM.
//   node network/devnet/dist/cli.js --data-dir DIR [--chaincode NAME=PATH]... [--chaincode-server NAME=HOST:PORT]...
//       [--endorsement-policy NAME=POLICY]... [--collections-config NAME=PATH]... [--base-port N | --ephemeral-ports]
//       [--max-message-count N] [--batch-timeout-ms N] [--preferred-max-bytes N] [--topology FILE] [--build]
import { parseArgs } from 'node:util';
import { startDevnet, type DevnetChaincode, type DevnetOptions } from './devnet';
import { loadTopology } from './topology';

const usage = `usage: devnet --data-dir DIR [--chaincode NAME=PATH]... [--chaincode-server NAME=HOST:PORT]...
       [--endorsement-policy NAME=POLICY]... [--collections-config NAME=PATH]...
       [--base-port N | --ephemeral-ports] [--max-message-count N] [--batch-timeout-ms N]
       [--preferred-max-bytes N] [--topology FILE] [--build]
Peers listen on the topology's ports (default topology: network/config/topology.json) unless --base-port or
--ephemeral-ports.`;

function main(): void {
    let options: DevnetOptions;
    try {
        options = parseOptions(process.argv.slice(2));
    } catch (error) {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
        process.exitCode = 2;
        return;
    }
    startDevnet(options).then(
        (devnet) => {
            process.stdout.write(`devnet running on channel '${devnet.topology.channel}', data in ${devnet.dataDir}\n`);
            for (const [org, path] of devnet.connectionFiles) {
                process.stdout.write(`  ${org}: ${devnet.peerEndpoint(org)}  connection file ${path}\n`);
            }
            const shutdown = (signal: string): void => {
                process.stdout.write(`${signal}: stopping the devnet\n`);
                devnet.stop().then(
                    () => process.exit(0),
                    (error: unknown) => {
                        process.stderr.write(`devnet stopped with errors: ${String(error)}\n`);
                        process.exit(1);
                    },
                );
            };
            process.once('SIGINT', shutdown);
            process.once('SIGTERM', shutdown);
        },
        (error: unknown) => {
            process.stderr.write(
                `devnet failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
            );
            process.exitCode = 1;
        },
    );
}

function parseOptions(args: string[]): DevnetOptions {
    const { values } = parseArgs({
        args,
        options: {
            'data-dir': { type: 'string' },
            chaincode: { type: 'string', multiple: true, default: [] },
            'chaincode-server': { type: 'string', multiple: true, default: [] },
            'endorsement-policy': { type: 'string', multiple: true, default: [] },
            'collections-config': { type: 'string', multiple: true, default: [] },
            'base-port': { type: 'string' },
            'ephemeral-ports': { type: 'boolean', default: false },
            'max-message-count': { type: 'string' },
            'batch-timeout-ms': { type: 'string' },
            'preferred-max-bytes': { type: 'string' },
            topology: { type: 'string' },
            build: { type: 'boolean', default: false },
        },
        strict: true,
    });
    const dataDir = values['data-dir'];
    if (dataDir === undefined) {
        throw new Error('--data-dir is required');
    }
    const topology = values.topology === undefined ? loadTopology() : loadTopology(values.topology);
    const policies = pairs(values['endorsement-policy'], '--endorsement-policy');
    const collections = pairs(values['collections-config'], '--collections-config');
    const chaincode = (name: string): Omit<DevnetChaincode, 'packageDir' | 'address'> => ({
        name,
        ...(policies.has(name) ? { endorsementPolicy: policies.get(name) } : {}),
        ...(collections.has(name) ? { collectionsConfig: collections.get(name) } : {}),
    });
    const chaincodes: DevnetChaincode[] = [
        ...[...pairs(values.chaincode, '--chaincode')].map(([name, packageDir]) => ({
            ...chaincode(name),
            packageDir,
            build: values.build,
        })),
        ...[...pairs(values['chaincode-server'], '--chaincode-server')].map(([name, address]) => ({
            ...chaincode(name),
            address,
        })),
    ];
    const basePort = optionalInteger(values['base-port'], '--base-port');
    const ports =
        values['ephemeral-ports'] || basePort !== undefined
            ? undefined
            : Object.fromEntries(topology.organizations.map((org) => [org.name, org.peer.port]));
    const maxMessageCount = optionalInteger(values['max-message-count'], '--max-message-count');
    const batchTimeoutMs = optionalInteger(values['batch-timeout-ms'], '--batch-timeout-ms');
    const preferredMaxBytes = optionalInteger(values['preferred-max-bytes'], '--preferred-max-bytes');
    return {
        dataDir,
        topology,
        chaincodes,
        ...(ports ? { ports } : {}),
        ...(basePort !== undefined ? { basePort } : {}),
        batch: {
            ...(maxMessageCount !== undefined ? { maxMessageCount } : {}),
            ...(batchTimeoutMs !== undefined ? { batchTimeoutMs } : {}),
            ...(preferredMaxBytes !== undefined ? { preferredMaxBytes } : {}),
        },
    };
}

function pairs(entries: readonly string[], flag: string): Map<string, string> {
    return new Map(
        entries.map((entry) => {
            const separator = entry.indexOf('=');
            if (separator <= 0 || separator === entry.length - 1) {
                throw new Error(`${flag} expects NAME=VALUE, got '${entry}'`);
            }
            return [entry.slice(0, separator), entry.slice(separator + 1)];
        }),
    );
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

main();

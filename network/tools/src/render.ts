// Writes every generated configuration file of the network from the topology and the chosen options.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeEnvFile, composeEnvPath } from './compose';
import { configtx, selectedOrderers, type OrderingOptions } from './configtx';
import { connectionProfile, identityFiles } from './connection-profile';
import { cryptoConfig } from './crypto-config';
import { Layout, peerNodeName, peerNodeNameOf } from './layout';
import { environmentFile, ordererEnvironment, peerEnvironment, type Environment, type PeerOptions } from './node-env';
import { organizationPeers, type OrganizationSpec, type PeerSpec, type Topology } from '@bia/devnet/topology';

export type RenderOptions = OrderingOptions &
    PeerOptions & {
        /** How many of each organisation's peers run (its peer, then its extraPeers); 1 when absent. */
        readonly peersPerOrg?: number;
    };

function writeJson(path: string, value: unknown): void {
    writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** The environment of the `peer` CLI acting as an organisation's admin against one of its peers (the first by default). */
export function peerAdminEnvironment(layout: Layout, org: OrganizationSpec, peer: PeerSpec = org.peer): Environment {
    return {
        FABRIC_CFG_PATH: layout.nodeConfigDir(peerNodeNameOf(org, peer)),
        FABRIC_LOGGING_SPEC: 'WARNING',
        CORE_PEER_LOCALMSPID: org.mspId,
        CORE_PEER_MSPCONFIGPATH: join(layout.userDir(org, 'Admin'), 'msp'),
        CORE_PEER_ADDRESS: `${layout.endpointHost(org.name) ?? '127.0.0.1'}:${peer.port}`,
        CORE_PEER_TLS_ENABLED: 'true',
        CORE_PEER_TLS_ROOTCERT_FILE: join(layout.peerDir(org, peer), 'tls', 'ca.crt'),
    };
}

/**
 * Writes compose/<node>.env: each node's environment in docker's format for network/compose/compose.yaml, for
 * every orderer of the topology (compose loads the env files of all its services, started or not).
 */
function renderComposeEnvironments(topology: Topology, layout: Layout, options: RenderOptions): void {
    mkdirSync(join(layout.root, 'compose'), { recursive: true });
    for (const orderer of topology.ordererOrganization.orderers) {
        writeFileSync(
            composeEnvPath(layout, orderer.name),
            composeEnvFile(ordererEnvironment(layout, topology, orderer)),
        );
    }
    for (const org of topology.organizations) {
        const node = peerNodeName(org);
        writeFileSync(composeEnvPath(layout, node), composeEnvFile(peerEnvironment(layout, org, node, options)));
    }
}

/**
 * Writes config/crypto-config.yaml and config/configtx.yaml (JSON, which is YAML), nodes/<node>/node.env and
 * admin.env, and connections/<org>.json. The YAML files Fabric's binaries need in full (core.yaml, orderer.yaml)
 * are copied from the binaries' own sample configuration by the scripts, not here. Also compose/<node>.env.
 */
export function renderNetwork(topology: Topology, layout: Layout, options: RenderOptions): void {
    mkdirSync(layout.configDir, { recursive: true });
    mkdirSync(layout.connectionsDir, { recursive: true });
    writeJson(join(layout.configDir, 'crypto-config.yaml'), cryptoConfig(topology, layout.placement));
    writeJson(join(layout.configDir, 'configtx.yaml'), configtx(topology, layout, options));
    for (const orderer of selectedOrderers(topology, options.orderers)) {
        const dir = layout.nodeConfigDir(orderer.name);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'node.env'), environmentFile(ordererEnvironment(layout, topology, orderer)));
    }
    const peersDir = join(layout.connectionsDir, 'peers');
    for (const org of topology.organizations) {
        const peers = organizationPeers(org, options.peersPerOrg ?? 1);
        const others = peers.filter((peer) => peer !== org.peer);
        writeJson(
            join(layout.connectionsDir, `${org.name}.json`),
            connectionProfile(topology, layout, org, org.peer, layout.connectionsDir, others),
        );
        for (const peer of peers) {
            const node = peerNodeNameOf(org, peer);
            const dir = layout.nodeConfigDir(node);
            mkdirSync(dir, { recursive: true });
            writeFileSync(join(dir, 'node.env'), environmentFile(peerEnvironment(layout, org, node, options, peer)));
            writeFileSync(join(dir, 'admin.env'), environmentFile(peerAdminEnvironment(layout, org, peer)));
            if (peer !== org.peer) {
                // The organisation through this one peer (connections/peers/<node>.json), for tests that must
                // address a particular peer; connections/<org>.json stays the organisation's file.
                mkdirSync(peersDir, { recursive: true });
                writeJson(join(peersDir, `${node}.json`), connectionProfile(topology, layout, org, peer, peersDir));
            }
        }
    }
    renderComposeEnvironments(topology, layout, options);
}

/** One line per orderer for the scripts: name|port|adminPort|operationsPort|host|tlsCa|adminCert|adminKey. */
export function ordererLines(topology: Topology, layout: Layout, count: number): string[] {
    const admin = join(layout.ordererAdminDir(topology), 'tls');
    return selectedOrderers(topology, count).map((orderer) => {
        const tlsCa = layout.ordererTlsCaFile(topology, orderer);
        const host = `${orderer.name}.${topology.ordererOrganization.domain}`;
        return [
            orderer.name,
            orderer.port,
            orderer.adminPort,
            orderer.operationsPort,
            host,
            tlsCa,
            join(admin, 'client.crt'),
            join(admin, 'client.key'),
        ].join('|');
    });
}

/**
 * One line per running peer for the scripts (each organisation's first `peersPerOrg` peers, organisations in
 * topology order): org|mspId|node|port|chaincodePort|operationsPort|tlsCa|adminCert|adminKey.
 */
export function peerLines(topology: Topology, layout: Layout, peersPerOrg = 1): string[] {
    return topology.organizations.flatMap((org) => {
        const admin = identityFiles(layout, org, 'Admin');
        return organizationPeers(org, peersPerOrg).map((peer) =>
            [
                org.name,
                org.mspId,
                peerNodeNameOf(org, peer),
                peer.port,
                peer.chaincodePort,
                peer.operationsPort,
                layout.peerTlsCaFile(org, peer),
                admin.certificate,
                admin.privateKey,
            ].join('|'),
        );
    });
}

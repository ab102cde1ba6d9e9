// Per-process environment for peers and orderers: everything Fabric lets us set by variable, kept out of the YAML.
import { join } from 'node:path';
import { Layout, peerHostOf } from './layout';
import type { OrdererSpec, OrganizationSpec, PeerSpec, Topology } from '@bia/devnet/topology';

export type Environment = Readonly<Record<string, string>>;

export interface PeerOptions {
    /** goleveldb (default) or CouchDB. */
    readonly stateDatabase: 'goleveldb' | 'CouchDB';
    /** Only with CouchDB: host:port of its HTTP endpoint. */
    readonly couchDbAddress?: string;
}

/**
 * The environment a peer process runs with (the organisation's first peer unless `peer` names another);
 * FABRIC_CFG_PATH points at its generated core.yaml.
 */
export function peerEnvironment(
    layout: Layout,
    org: OrganizationSpec,
    node: string,
    options: PeerOptions,
    peer: PeerSpec = org.peer,
): Environment {
    const peerDir = layout.peerDir(org, peer);
    const tls = join(peerDir, 'tls');
    // On a network spread over hosts, a peer listens on every address of its host and is reached at its host name;
    // its operations endpoint stays on the host's loopback.
    const host = layout.endpointHost(org.name);
    const address = `${host ?? '127.0.0.1'}:${peer.port}`;
    // An extra peer bootstraps from its organisation's first peer too: that is how peers of one organisation find
    // each other (anchor peers serve other organisations).
    const bootstrap = peer === org.peer ? address : `${address} ${host ?? '127.0.0.1'}:${org.peer.port}`;
    const data = layout.nodeDataDir(node);
    const environment: Record<string, string> = {
        FABRIC_CFG_PATH: layout.nodeConfigDir(node),
        FABRIC_LOGGING_SPEC: 'INFO',
        CORE_PEER_ID: peerHostOf(org, peer),
        CORE_PEER_LOCALMSPID: org.mspId,
        CORE_PEER_MSPCONFIGPATH: join(peerDir, 'msp'),
        CORE_PEER_LISTENADDRESS: host === undefined ? address : `0.0.0.0:${peer.port}`,
        CORE_PEER_ADDRESS: address,
        CORE_PEER_CHAINCODELISTENADDRESS: `127.0.0.1:${peer.chaincodePort}`,
        CORE_PEER_CHAINCODEADDRESS: `127.0.0.1:${peer.chaincodePort}`,
        // Gossip: each peer bootstraps from itself and announces an external endpoint, so other
        // organisations' peers (and the gateway's endorser discovery) can reach it.
        CORE_PEER_GOSSIP_BOOTSTRAP: bootstrap,
        CORE_PEER_GOSSIP_EXTERNALENDPOINT: address,
        CORE_PEER_GOSSIP_ENDPOINT: address,
        // A peer that joins the channel before the others is refused by them until they join too; it retries
        // after reconnectInterval (25s by default), which would hold up every fresh network for half a minute.
        CORE_PEER_GOSSIP_RECONNECTINTERVAL: '2s',
        // Faster alive and state-info messages: a development network of four peers can afford the chatter, and
        // discovery (hence the gateway) lists a peer only after its state info arrived.
        CORE_PEER_GOSSIP_ALIVETIMEINTERVAL: '1s',
        CORE_PEER_GOSSIP_ALIVEEXPIRATIONTIMEOUT: '5s',
        CORE_PEER_GOSSIP_PUBLISHSTATEINFOINTERVAL: '1s',
        CORE_PEER_TLS_ENABLED: 'true',
        CORE_PEER_TLS_CERT_FILE: join(tls, 'server.crt'),
        CORE_PEER_TLS_KEY_FILE: join(tls, 'server.key'),
        CORE_PEER_TLS_ROOTCERT_FILE: join(tls, 'ca.crt'),
        CORE_PEER_FILESYSTEMPATH: data,
        CORE_LEDGER_SNAPSHOTS_ROOTDIR: join(data, 'snapshots'),
        CORE_LEDGER_STATE_STATEDATABASE: options.stateDatabase,
        CORE_OPERATIONS_LISTENADDRESS: `127.0.0.1:${peer.operationsPort}`,
        CORE_OPERATIONS_TLS_ENABLED: 'false',
        CORE_METRICS_PROVIDER: 'disabled',
        CORE_PEER_GATEWAY_ENABLED: 'true',
    };
    if (options.stateDatabase === 'CouchDB') {
        environment.CORE_LEDGER_STATE_COUCHDBCONFIG_COUCHDBADDRESS = options.couchDbAddress ?? '127.0.0.1:5984';
    }
    return environment;
}

/** The environment an orderer process runs with: channel participation on, no system channel, TLS everywhere. */
export function ordererEnvironment(layout: Layout, topology: Topology, orderer: OrdererSpec): Environment {
    const ordererDir = layout.ordererDir(topology, orderer);
    const tls = join(ordererDir, 'tls');
    const tlsCa = `[${join(tls, 'ca.crt')}]`;
    const data = layout.nodeDataDir(orderer.name);
    return {
        FABRIC_CFG_PATH: layout.nodeConfigDir(orderer.name),
        FABRIC_LOGGING_SPEC: 'INFO',
        // On a network spread over hosts, every address of the orderers' host (other hosts dial its host name).
        ORDERER_GENERAL_LISTENADDRESS:
            layout.endpointHost(topology.ordererOrganization.name) === undefined ? '127.0.0.1' : '0.0.0.0',
        ORDERER_GENERAL_LISTENPORT: String(orderer.port),
        ORDERER_GENERAL_LOCALMSPID: topology.ordererOrganization.mspId,
        ORDERER_GENERAL_LOCALMSPDIR: join(ordererDir, 'msp'),
        ORDERER_GENERAL_BOOTSTRAPMETHOD: 'none',
        ORDERER_GENERAL_TLS_ENABLED: 'true',
        ORDERER_GENERAL_TLS_PRIVATEKEY: join(tls, 'server.key'),
        ORDERER_GENERAL_TLS_CERTIFICATE: join(tls, 'server.crt'),
        ORDERER_GENERAL_TLS_ROOTCAS: tlsCa,
        ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE: join(tls, 'server.crt'),
        ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY: join(tls, 'server.key'),
        ORDERER_GENERAL_CLUSTER_ROOTCAS: tlsCa,
        ORDERER_CHANNELPARTICIPATION_ENABLED: 'true',
        ORDERER_ADMIN_LISTENADDRESS: `127.0.0.1:${orderer.adminPort}`,
        ORDERER_ADMIN_TLS_ENABLED: 'true',
        ORDERER_ADMIN_TLS_PRIVATEKEY: join(tls, 'server.key'),
        ORDERER_ADMIN_TLS_CERTIFICATE: join(tls, 'server.crt'),
        ORDERER_ADMIN_TLS_ROOTCAS: tlsCa,
        ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED: 'true',
        ORDERER_ADMIN_TLS_CLIENTROOTCAS: tlsCa,
        ORDERER_FILELEDGER_LOCATION: join(data, 'ledger'),
        ORDERER_CONSENSUS_WALDIR: join(data, 'etcdraft', 'wal'),
        ORDERER_CONSENSUS_SNAPDIR: join(data, 'etcdraft', 'snapshot'),
        ORDERER_OPERATIONS_LISTENADDRESS: `127.0.0.1:${orderer.operationsPort}`,
        ORDERER_OPERATIONS_TLS_ENABLED: 'false',
        // Prometheus metrics let the scripts poll the real readiness condition: a Raft leader exists.
        ORDERER_METRICS_PROVIDER: 'prometheus',
    };
}

/** Renders an environment as a file bash can source (every value single-quoted). */
export function environmentFile(environment: Environment): string {
    const lines = Object.keys(environment)
        .sort()
        .map((name) => `export ${name}='${(environment[name] ?? '').replaceAll("'", "'\\''")}'`);
    return `${lines.join('\n')}\n`;
}

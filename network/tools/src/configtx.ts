// configtxgen's input for the application channel's genesis block (no system channel; osnadmin joins it).
import { join } from 'node:path';
import { Layout } from './layout';
import type { Topology } from '@bia/devnet/topology';

/** Development settings for ordering; see network/README.md for why these values. */
export interface OrderingOptions {
    /** How many of the topology's orderers form the Raft cluster (1 or 3). */
    readonly orderers: number;
    /** Fabric duration, e.g. "100ms": a block is cut at the latest this long after its first transaction. */
    readonly batchTimeout: string;
    readonly maxMessageCount: number;
    /** Raft tick; a single orderer elects itself after ElectionTick ticks. */
    readonly raftTickInterval: string;
}

export const channelProfile = 'AssociationChannel';

type Policy = { readonly Type: 'Signature' | 'ImplicitMeta'; readonly Rule: string };

const implicit = (rule: string): Policy => ({ Type: 'ImplicitMeta', Rule: rule });
const signature = (rule: string): Policy => ({ Type: 'Signature', Rule: rule });

function quoted(principals: readonly string[]): string {
    return principals.map((principal) => `'${principal}'`).join(', ');
}

/** The orderers that take part for the given option, in topology order; throws when there are too few. */
export function selectedOrderers(topology: Topology, count: number): Topology['ordererOrganization']['orderers'] {
    const orderers = topology.ordererOrganization.orderers;
    if (!Number.isInteger(count) || count < 1 || count > orderers.length) {
        throw new Error(`orderers: ${count} is not between 1 and ${orderers.length}`);
    }
    return orderers.slice(0, count);
}

/** The whole configtx document for the channel, with absolute MSP and certificate paths. */
export function configtx(topology: Topology, layout: Layout, options: OrderingOptions): Record<string, unknown> {
    const ordererOrg = topology.ordererOrganization;
    const orderers = selectedOrderers(topology, options.orderers);
    const ordererMsp = ordererOrg.mspId;
    // Every endpoint in the channel configuration: the organisation's host on a network spread over hosts.
    const ordererHost = layout.endpointHost(ordererOrg.name) ?? '127.0.0.1';
    const ordererOrganization = {
        Name: ordererMsp,
        ID: ordererMsp,
        MSPDir: layout.publicMspDir(ordererOrg.name, layout.ordererOrgDir(topology)),
        Policies: {
            Readers: signature(`OR('${ordererMsp}.member')`),
            Writers: signature(`OR('${ordererMsp}.member')`),
            Admins: signature(`OR('${ordererMsp}.admin')`),
        },
        OrdererEndpoints: orderers.map((orderer) => `${ordererHost}:${orderer.port}`),
    };
    const peerOrganizations = topology.organizations.map((org) => ({
        Name: org.mspId,
        ID: org.mspId,
        MSPDir: layout.publicMspDir(org.name, layout.peerOrgDir(org)),
        Policies: {
            Readers: signature(`OR(${quoted([`${org.mspId}.admin`, `${org.mspId}.peer`, `${org.mspId}.client`])})`),
            Writers: signature(`OR(${quoted([`${org.mspId}.admin`, `${org.mspId}.client`])})`),
            Admins: signature(`OR('${org.mspId}.admin')`),
            Endorsement: signature(`OR('${org.mspId}.peer')`),
        },
        // With the channel participation API there is no anchor peer update: anchors belong in the genesis block.
        AnchorPeers: [{ Host: layout.endpointHost(org.name) ?? '127.0.0.1', Port: org.peer.port }],
    }));
    return {
        Profiles: {
            [channelProfile]: {
                Policies: {
                    Readers: implicit('ANY Readers'),
                    Writers: implicit('ANY Writers'),
                    Admins: implicit('MAJORITY Admins'),
                },
                Capabilities: { V2_0: true },
                Orderer: {
                    OrdererType: 'etcdraft',
                    EtcdRaft: {
                        Consenters: orderers.map((orderer) => {
                            const tls = join(layout.ordererDir(topology, orderer), 'tls', 'server.crt');
                            return { Host: ordererHost, Port: orderer.port, ClientTLSCert: tls, ServerTLSCert: tls };
                        }),
                        Options: {
                            TickInterval: options.raftTickInterval,
                            ElectionTick: 10,
                            HeartbeatTick: 1,
                            MaxInflightBlocks: 5,
                            SnapshotIntervalSize: '16 MB',
                        },
                    },
                    BatchTimeout: options.batchTimeout,
                    BatchSize: {
                        MaxMessageCount: options.maxMessageCount,
                        AbsoluteMaxBytes: '99 MB',
                        PreferredMaxBytes: '2 MB',
                    },
                    Organizations: [ordererOrganization],
                    Policies: {
                        Readers: implicit('ANY Readers'),
                        Writers: implicit('ANY Writers'),
                        Admins: implicit('MAJORITY Admins'),
                        BlockValidation: implicit('ANY Writers'),
                    },
                    Capabilities: { V2_0: true },
                },
                Application: {
                    Organizations: peerOrganizations,
                    Policies: {
                        Readers: implicit('ANY Readers'),
                        Writers: implicit('ANY Writers'),
                        Admins: implicit('MAJORITY Admins'),
                        LifecycleEndorsement: implicit('MAJORITY Endorsement'),
                        Endorsement: implicit('MAJORITY Endorsement'),
                    },
                    Capabilities: { V2_5: true },
                },
            },
        },
    };
}

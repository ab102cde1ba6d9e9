// cryptogen's input, derived from the topology: one orderer organisation, every peer of every organisation.
import type { Placement } from './hosts';
import type { Topology } from '@bia/devnet/topology';

/** Host names every TLS certificate also carries, so clients on this machine can dial 127.0.0.1 or localhost. */
export const localSans: readonly string[] = ['localhost', '127.0.0.1'];

export interface CryptoConfig {
    readonly OrdererOrgs: readonly CryptoOrg[];
    readonly PeerOrgs: readonly CryptoOrg[];
}

interface CryptoOrg {
    readonly Name: string;
    readonly Domain: string;
    readonly EnableNodeOUs: true;
    readonly Specs: readonly { readonly Hostname: string; readonly SANS: readonly string[] }[];
    readonly Users?: { readonly Count: number };
}

function titleCase(name: string): string {
    return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * Crypto material for every orderer of the topology (so --orderers 3 needs no new material) and every peer. On a
 * network spread over hosts, each node's TLS certificate also carries its organisation's host name.
 */
export function cryptoConfig(topology: Topology, placement?: Placement): CryptoConfig {
    const ordererOrg = topology.ordererOrganization;
    const sans = (organization: string): readonly string[] =>
        placement?.has(organization) === true ? [placement.host(organization), ...localSans] : localSans;
    return {
        OrdererOrgs: [
            {
                Name: titleCase(ordererOrg.name),
                Domain: ordererOrg.domain,
                EnableNodeOUs: true,
                Specs: ordererOrg.orderers.map((orderer) => ({ Hostname: orderer.name, SANS: sans(ordererOrg.name) })),
            },
        ],
        PeerOrgs: topology.organizations.map((org) => ({
            Name: titleCase(org.name),
            Domain: org.domain,
            EnableNodeOUs: true,
            // Extra peers get material too, whether started or not (like the orderers), so `--peers-per-org` needs none.
            Specs: [org.peer, ...(org.extraPeers ?? [])].map((peer) => ({ Hostname: peer.name, SANS: sans(org.name) })),
            Users: { Count: org.userCount },
        })),
    };
}

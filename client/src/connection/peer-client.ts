// The gRPC client for an organisation's connection file: its first peer gateway, then its failover peers.
import type { EndpointTls } from './grpc-pool';
import { GrpcClientPool } from './grpc-pool';
import { FailoverClient, type FailoverNotice, type PeerRoute } from './failover-client';
import type { ConnectionProfile } from './profile';

/** Where the channels come from and who hears of failovers. */
export interface PeerClientOptions {
    /** Share channels with other connections to the same peers (default: a pool of this client's own). */
    readonly pool?: GrpcClientPool;
    /** Told each time calls move from an unreachable peer to the organisation's next one. */
    readonly onFailover?: (notice: FailoverNotice) => void;
}

/** Every peer gateway the connection file names, the first one first. */
export function peerGateways(profile: ConnectionProfile): EndpointTls[] {
    return [
        { endpoint: profile.peerEndpoint, hostAlias: profile.peerHostAlias, tlsCACertPath: profile.tlsCACert },
        ...(profile.failoverPeers ?? []).map((peer) => ({
            endpoint: peer.endpoint,
            hostAlias: peer.hostAlias,
            tlsCACertPath: peer.tlsCACert,
        })),
    ];
}

/**
 * Opens the gRPC client for an organisation: calls go to its first peer gateway and move to the next of its
 * `failoverPeers` when a peer cannot be reached. Give it to fabric-gateway's `connect` to call a chaincode this
 * library has no facade for; `close()` it when done (it releases its channels to the pool).
 * @param profile - the organisation's connection profile (paths resolved, as `readConnectionProfile` returns them)
 * @param options - a pool to share, and a failover callback
 * @returns the client
 * @throws when a peer's TLS CA certificate cannot be read (no channel is left open)
 * @example
 * const client = await openPeerClient(await readConnectionProfile('connections/healthco.json'));
 * const gateway = connect({ client, identity, signer });
 */
export async function openPeerClient(
    profile: ConnectionProfile,
    options: PeerClientOptions = {},
): Promise<FailoverClient> {
    const pool = options.pool ?? new GrpcClientPool();
    const routes: PeerRoute[] = [];
    const release = (route: PeerRoute): void => {
        pool.release(route.client);
    };
    try {
        for (const target of peerGateways(profile)) {
            routes.push({ endpoint: target.endpoint, client: await pool.acquire(target) });
        }
    } catch (error) {
        routes.forEach(release);
        throw error;
    }
    return new FailoverClient(routes, release, options.onFailover);
}

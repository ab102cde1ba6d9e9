// The per-organisation connection file: written by the real network's scripts and by the devnet,
// read by the client library. File paths are relative to the connection file's own folder.

export interface IdentityFiles {
    /** PEM certificate file. */
    readonly certificate: string;
    /** PEM PKCS#8 private key file. */
    readonly privateKey: string;
}

/** One more peer gateway of the organisation, as `peerEndpoint`, `peerHostAlias` and `tlsCACert` describe the first. */
export interface PeerGateway {
    /** host:port. */
    readonly endpoint: string;
    /** The name in the peer's TLS certificate. */
    readonly hostAlias: string;
    /** PEM file of the CA that issued the peer's TLS certificate, relative to the connection file's folder. */
    readonly tlsCACert: string;
}

export interface ConnectionProfile {
    /** The organisation's name in network/config/topology.json, e.g. `healthco`. */
    readonly name: string;
    readonly mspId: string;
    readonly channel: string;
    readonly chaincode: string;
    /** host:port of the organisation's peer gateway. */
    readonly peerEndpoint: string;
    /** The name in the peer's TLS certificate, used as the TLS server name. */
    readonly peerHostAlias: string;
    /** PEM file of the CA that issued the peer's TLS certificate. */
    readonly tlsCACert: string;
    /**
     * The organisation's other peer gateways, tried in this order when the one in use cannot be reached. Absent or
     * empty for an organisation with one peer.
     */
    readonly failoverPeers?: readonly PeerGateway[];
    /** `Admin`, `User1` … `UserN`. */
    readonly identities: Readonly<Record<string, IdentityFiles>>;
    /** `User1` (or `Admin` for an organisation with no users). */
    readonly defaultIdentity: string;
}

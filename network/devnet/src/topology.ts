// The association's network topology, shared with the real Fabric network's configuration (network/config/topology.json).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface PeerSpec {
    readonly name: string;
    readonly port: number;
    readonly chaincodePort: number;
    readonly operationsPort: number;
}

export interface OrganizationSpec {
    readonly name: string;
    readonly mspId: string;
    readonly domain: string;
    readonly role: string;
    readonly peer: PeerSpec;
    readonly userCount: number;
}

export interface OrdererSpec {
    readonly name: string;
    readonly port: number;
    readonly adminPort: number;
    readonly operationsPort: number;
}

export interface Topology {
    readonly domain: string;
    readonly channel: string;
    readonly chaincode: string;
    readonly ordererOrganization: {
        readonly name: string;
        readonly mspId: string;
        readonly domain: string;
        readonly orderers: readonly OrdererSpec[];
    };
    readonly organizations: readonly OrganizationSpec[];
    readonly chaincodeServer: { readonly port: number };
    readonly endorsementPolicy: string;
    readonly batch: { readonly maxMessageCount: number; readonly batchTimeoutMs: number };
}

/** network/config/topology.json, resolved from this package's location (src/ or dist/). */
export const defaultTopologyPath = resolve(__dirname, '../../config/topology.json');

export function loadTopology(path: string = defaultTopologyPath): Topology {
    return JSON.parse(readFileSync(path, 'utf8')) as Topology;
}

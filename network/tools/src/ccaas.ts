// The two JSON files of a chaincode-as-a-service package: metadata.json (outer) and connection.json (in code.tar.gz).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CcaasMetadata {
    readonly type: 'ccaas';
    readonly label: string;
}

/** What the peer reads to dial the chaincode server (Fabric's ChaincodeServerUserData). */
export type CcaasConnection = MutualTlsConnection | ServerTlsConnection;

interface MutualTlsConnection {
    readonly address: string;
    readonly dial_timeout: string;
    readonly tls_required: true;
    readonly client_auth_required: true;
    readonly root_cert: string;
    readonly client_cert: string;
    readonly client_key: string;
}

/** TLS that authenticates the server only: the package carries no key (see ccaasServerTlsConnection). */
interface ServerTlsConnection {
    readonly address: string;
    readonly dial_timeout: string;
    readonly tls_required: true;
    readonly client_auth_required: false;
    readonly root_cert: string;
}

// Fabric's rule for package labels.
const labelPattern = /^[A-Za-z0-9]+([.+\-_][A-Za-z0-9]+)*$/;

/** The package label for a chaincode version, e.g. bia_1.0; throws when Fabric would refuse it. */
export function packageLabel(chaincode: string, version: string): string {
    const label = `${chaincode}_${version}`;
    if (!labelPattern.test(label)) {
        throw new Error(`package label '${label}' is not valid: use letters, digits and . + - _ between them`);
    }
    return label;
}

export function ccaasMetadata(label: string): CcaasMetadata {
    return { type: 'ccaas', label };
}

/**
 * connection.json for a server at `address`, with mutual TLS: the server's CA, and the client certificate and key
 * the peer presents (tlsDir holds ca.crt, client.crt, client.key).
 */
export function ccaasConnection(address: string, tlsDir: string): CcaasConnection {
    const pem = (name: string): string => readFileSync(join(tlsDir, name), 'utf8');
    return {
        address,
        dial_timeout: '10s',
        tls_required: true,
        client_auth_required: true,
        root_cert: pem('ca.crt'),
        client_cert: pem('client.crt'),
        client_key: pem('client.key'),
    };
}

/**
 * connection.json for a network spread over hosts, where every organisation runs its own chaincode server on its own
 * host, reached at the same `address` (a name each host resolves to itself, on its loopback). The package is
 * installed by every organisation, so it may hold no key: the peer is not asked for a client certificate, and the
 * server's certificate, issued by its organisation's TLS CA, is checked against every organisation's TLS CA
 * certificate (`rootCertFiles`; public material). Only processes on the server's own host can reach it.
 */
export function ccaasServerTlsConnection(address: string, rootCertFiles: readonly string[]): ServerTlsConnection {
    if (rootCertFiles.length === 0) {
        throw new Error('chaincode connection: no TLS CA certificate to check the servers with');
    }
    return {
        address,
        dial_timeout: '10s',
        tls_required: true,
        client_auth_required: false,
        root_cert: rootCertFiles.map((file) => readFileSync(file, 'utf8')).join(''),
    };
}

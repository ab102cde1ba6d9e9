// The two JSON files of a chaincode-as-a-service package: metadata.json (outer) and connection.json (in code.tar.gz).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CcaasMetadata {
    readonly type: 'ccaas';
    readonly label: string;
}

/** What the peer reads to dial the chaincode server (Fabric's ChaincodeServerUserData). */
export interface CcaasConnection {
    readonly address: string;
    readonly dial_timeout: string;
    readonly tls_required: true;
    readonly client_auth_required: true;
    readonly root_cert: string;
    readonly client_cert: string;
    readonly client_key: string;
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

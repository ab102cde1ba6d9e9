// Transport (b): chaincode-as-a-service. The devnet dials a running `fabric-chaincode-node server` and opens
// a protos.Chaincode/Connect stream; the chaincode then registers over it exactly as in transport (a).
import * as grpc from '@grpc/grpc-js';
import { peer } from '@hyperledger/fabric-protos';
import { withoutClassChecks } from '../protocol-services';
import type { MessageStream } from './stream-handler';

export interface ChaincodeServerTlsOptions {
    /** PEM of the CA that signed the chaincode server's certificate. */
    readonly rootCert: Buffer;
    /** Client key and certificate (PEM), needed when the chaincode server requires client authentication. */
    readonly clientKey?: Buffer;
    readonly clientCert?: Buffer;
    /** Host name to verify in the server certificate when it differs from the dialled host. */
    readonly serverNameOverride?: string;
}

export interface ChaincodeServerEndpoint {
    /** host:port of the chaincode server (connection.json "address"). */
    readonly address: string;
    readonly tls?: ChaincodeServerTlsOptions;
    /** How long to keep trying to reach the server (connection.json "dial_timeout"); default 10 s. */
    readonly dialTimeoutMs?: number;
}

export interface ChaincodeServerConnection {
    readonly stream: MessageStream;
    close(): void;
}

const DEFAULT_DIAL_TIMEOUT_MS = 10_000;

/** protos.Chaincode client (see protocol-services for why not peer.ChaincodeClient). */
const ChaincodeClient = grpc.makeGenericClientConstructor(
    withoutClassChecks(peer.ChaincodeService),
    'Chaincode',
) as unknown as typeof peer.ChaincodeClient;

function channelCredentials(tls: ChaincodeServerTlsOptions | undefined): grpc.ChannelCredentials {
    return tls
        ? grpc.credentials.createSsl(tls.rootCert, tls.clientKey ?? null, tls.clientCert ?? null)
        : grpc.credentials.createInsecure();
}

export async function connectChaincodeServer(endpoint: ChaincodeServerEndpoint): Promise<ChaincodeServerConnection> {
    const options: grpc.ChannelOptions = endpoint.tls?.serverNameOverride
        ? {
              'grpc.ssl_target_name_override': endpoint.tls.serverNameOverride,
              'grpc.default_authority': endpoint.tls.serverNameOverride,
          }
        : {};
    const client = new ChaincodeClient(endpoint.address, channelCredentials(endpoint.tls), options);
    const deadline = Date.now() + (endpoint.dialTimeoutMs ?? DEFAULT_DIAL_TIMEOUT_MS);
    try {
        await new Promise<void>((resolve, reject) => {
            client.waitForReady(deadline, (err) => {
                if (err) {
                    reject(err);
                } else {
                    resolve();
                }
            });
        });
    } catch (err) {
        client.close();
        throw new Error(`could not connect to chaincode server at ${endpoint.address}: ${(err as Error).message}`);
    }
    const stream = client.connect();
    return {
        stream,
        close: () => {
            stream.cancel();
            client.close();
        },
    };
}

// Transport (a): chaincode processes dial the devnet, as `fabric-chaincode-node start --peer.address` does,
// and open a protos.ChaincodeSupport/Register stream.
import * as grpc from '@grpc/grpc-js';
import { peer } from '@hyperledger/fabric-protos';
import { withoutClassChecks } from '../protocol-services';
import type { MessageStream } from './stream-handler';

/** TLS for the chaincode listener; the shim insists on mutual TLS when it uses TLS at all. */
export interface ServerTlsOptions {
    readonly key: Buffer;
    readonly cert: Buffer;
    /** CA certificates that sign the chaincode's client certificates. */
    readonly clientRootCert?: Buffer;
}

const SHUTDOWN_GRACE_MS = 2_000;

export class ChaincodeSupportServer {
    readonly #server: grpc.Server;
    readonly address: string;

    private constructor(server: grpc.Server, address: string) {
        this.#server = server;
        this.address = address;
    }

    /** Listens on host:port (port 0 picks a free one); each Register stream goes to onStream. */
    static async start(
        listenAddress: string,
        onStream: (stream: MessageStream) => void,
        tls?: ServerTlsOptions,
    ): Promise<ChaincodeSupportServer> {
        const server = new grpc.Server();
        server.addService(withoutClassChecks(peer.ChaincodeSupportService), {
            register: (call: grpc.ServerDuplexStream<peer.ChaincodeMessage, peer.ChaincodeMessage>) => {
                onStream(call);
            },
        });
        const credentials = tls
            ? grpc.ServerCredentials.createSsl(
                  tls.clientRootCert ?? null,
                  [{ private_key: tls.key, cert_chain: tls.cert }],
                  tls.clientRootCert !== undefined,
              )
            : grpc.ServerCredentials.createInsecure();
        const port = await new Promise<number>((resolve, reject) => {
            server.bindAsync(listenAddress, credentials, (err, boundPort) => {
                if (err) {
                    reject(err);
                } else {
                    resolve(boundPort);
                }
            });
        });
        const host = listenAddress.slice(0, listenAddress.lastIndexOf(':'));
        return new ChaincodeSupportServer(server, `${host}:${port}`);
    }

    /** Stops listening; streams still open after a short grace period are cut. */
    async stop(): Promise<void> {
        await new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
                this.#server.forceShutdown();
                resolve();
            }, SHUTDOWN_GRACE_MS);
            this.#server.tryShutdown(() => {
                clearTimeout(timer);
                resolve();
            });
        });
    }
}

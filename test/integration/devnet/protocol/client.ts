// Test helper: an unmodified @hyperledger/fabric-gateway client connected to a devnet peer from its connection file.
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { connect, hash, signers, type Gateway } from '@hyperledger/fabric-gateway';
import type { ConnectionFile } from '../../../../network/devnet/src';

export interface ConnectedClient {
    readonly gateway: Gateway;
    readonly mspId: string;
    readonly client: grpc.Client;
    close(): void;
}

export function connectClient(connectionFilePath: string, identityName?: string): ConnectedClient {
    const file = JSON.parse(readFileSync(connectionFilePath, 'utf8')) as ConnectionFile;
    const base = dirname(connectionFilePath);
    const identity = file.identities[identityName ?? file.defaultIdentity];
    if (!identity) {
        throw new Error(`no identity ${identityName ?? file.defaultIdentity} in ${connectionFilePath}`);
    }
    const client = new grpc.Client(
        file.peerEndpoint,
        grpc.credentials.createSsl(readFileSync(resolve(base, file.tlsCACert))),
        {
            'grpc.ssl_target_name_override': file.peerHostAlias,
        },
    );
    const gateway = connect({
        client,
        identity: { mspId: file.mspId, credentials: readFileSync(resolve(base, identity.certificate)) },
        signer: signers.newPrivateKeySigner(createPrivateKey(readFileSync(resolve(base, identity.privateKey)))),
        hash: hash.sha256,
    });
    return {
        gateway,
        mspId: file.mspId,
        client,
        close() {
            gateway.close();
            client.close();
        },
    };
}

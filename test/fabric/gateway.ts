// Opens a fabric-gateway connection from a connection file written by `scripts/bia network up`.
import * as grpc from '@grpc/grpc-js';
import { connect, signers, type Contract, type Gateway } from '@hyperledger/fabric-gateway';
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ConnectionProfile } from '@bia/model';

export type ConnectionFile = ConnectionProfile;

export interface OrgConnection {
    readonly profile: ConnectionFile;
    readonly contract: Contract;
    close(): void;
}

export function readConnectionFile(path: string): ConnectionFile {
    return JSON.parse(readFileSync(path, 'utf8')) as ConnectionFile;
}

/** Connects as `identity` (default: the file's default identity) to the organisation's own peer. */
export function connectAs(path: string, identity?: string): OrgConnection {
    const profile = readConnectionFile(path);
    const fromFile = (file: string): Buffer => readFileSync(resolve(dirname(path), file));
    const files = profile.identities[identity ?? profile.defaultIdentity];
    if (files === undefined) {
        throw new Error(`${path} has no identity ${identity ?? profile.defaultIdentity}`);
    }
    const client = new grpc.Client(profile.peerEndpoint, grpc.credentials.createSsl(fromFile(profile.tlsCACert)), {
        'grpc.ssl_target_name_override': profile.peerHostAlias,
    });
    const gateway: Gateway = connect({
        client,
        identity: { mspId: profile.mspId, credentials: fromFile(files.certificate) },
        signer: signers.newPrivateKeySigner(createPrivateKey(fromFile(files.privateKey))),
        evaluateOptions: () => ({ deadline: Date.now() + 10_000 }),
        endorseOptions: () => ({ deadline: Date.now() + 30_000 }),
        submitOptions: () => ({ deadline: Date.now() + 10_000 }),
        commitStatusOptions: () => ({ deadline: Date.now() + 60_000 }),
    });
    return {
        profile,
        contract: gateway.getNetwork(profile.channel).getContract(profile.chaincode),
        close: () => {
            gateway.close();
            client.close();
        },
    };
}

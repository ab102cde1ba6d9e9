// A raw @hyperledger/fabric-gateway connection for the adversarial suite: no @bia/client in between, so nothing on
// the client side can validate, translate or retry what the suite sends, and every refusal seen is the network's.
// It connects to an organisation's own peer from its connection file (the same format on the devnet and on real
// Fabric) as one of the file's identities or as any certificate and key the suite crafted.
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import {
    type Contract,
    type Gateway,
    GatewayError,
    type Network,
    type ProposalOptions,
    connect,
    signers,
} from '@hyperledger/fabric-gateway';
import { type ChaincodeErrorPayload, type ConnectionProfile, decodeChaincodeError } from '@bia/model';

/** A certificate and its private key, both PEM. */
export interface Credentials {
    readonly certificatePem: string;
    readonly privateKeyPem: string;
}

export interface RawConnection {
    readonly profile: ConnectionProfile;
    /** The connection file's absolute path (its folder anchors the relative paths inside it). */
    readonly connectionFile: string;
    readonly gateway: Gateway;
    readonly network: Network;
    /** The chaincode this connection calls (the connection file's unless another was named). */
    readonly contract: Contract;
    /** The MSP ID the connection signs as (the organisation's). */
    readonly mspId: string;
    /** Evaluates on the organisation's peer and returns the raw result bytes. */
    evaluate(name: string, args?: readonly string[], transient?: Readonly<Record<string, string>>): Promise<Uint8Array>;
    /** Evaluates and parses the JSON result. */
    evaluateJson<T>(name: string, args?: readonly string[], transient?: Readonly<Record<string, string>>): Promise<T>;
    /** Endorses, submits and waits for the commit status; throws unless the transaction is valid. */
    submit(name: string, options?: ProposalOptions): Promise<Uint8Array>;
    close(): void;
}

export interface RawConnectOptions {
    /** A named identity of the connection file (`Admin`, `User1`, ...) or crafted credentials; default the file's. */
    readonly identity?: string | Credentials;
    /** Another chaincode on the same channel (e.g. a second, never bootstrapped, instance of the association's). */
    readonly chaincode?: string;
    /** A gRPC client to use instead of a channel to the file's peerEndpoint (e.g. @bia/client's failover client); its owner closes it. */
    readonly client?: grpc.Client;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function readConnectionProfile(connectionFile: string): ConnectionProfile {
    return JSON.parse(readFileSync(connectionFile, 'utf8')) as ConnectionProfile;
}

/** The credentials of a named identity of the connection file. */
export function namedCredentials(connectionFile: string, identity: string): Credentials {
    const profile = readConnectionProfile(connectionFile);
    const files = profile.identities[identity];
    if (files === undefined) {
        throw new Error(`${connectionFile} has no identity ${identity}`);
    }
    const fromFile = (file: string): string => readFileSync(resolve(dirname(connectionFile), file), 'utf8');
    return { certificatePem: fromFile(files.certificate), privateKeyPem: fromFile(files.privateKey) };
}

export function rawConnect(connectionFile: string, options: RawConnectOptions = {}): RawConnection {
    const file = resolve(connectionFile);
    const profile = readConnectionProfile(file);
    const credentials =
        typeof options.identity === 'object'
            ? options.identity
            : namedCredentials(file, options.identity ?? profile.defaultIdentity);
    const client =
        options.client ??
        new grpc.Client(
            profile.peerEndpoint,
            grpc.credentials.createSsl(readFileSync(resolve(dirname(file), profile.tlsCACert))),
            { 'grpc.ssl_target_name_override': profile.peerHostAlias },
        );
    const gateway = connect({
        client,
        identity: { mspId: profile.mspId, credentials: encoder.encode(credentials.certificatePem) },
        signer: signers.newPrivateKeySigner(createPrivateKey(credentials.privateKeyPem)),
        evaluateOptions: () => ({ deadline: Date.now() + 30_000 }),
        endorseOptions: () => ({ deadline: Date.now() + 60_000 }),
        submitOptions: () => ({ deadline: Date.now() + 30_000 }),
        commitStatusOptions: () => ({ deadline: Date.now() + 60_000 }),
    });
    const network = gateway.getNetwork(profile.channel);
    const contract = network.getContract(options.chaincode ?? profile.chaincode);
    const transientMap = (transient?: Readonly<Record<string, string>>): Record<string, Uint8Array> | undefined =>
        transient === undefined
            ? undefined
            : Object.fromEntries(Object.entries(transient).map(([key, value]) => [key, encoder.encode(value)]));
    const evaluate = (
        name: string,
        args: readonly string[] = [],
        transient?: Readonly<Record<string, string>>,
    ): Promise<Uint8Array> => contract.evaluate(name, { arguments: [...args], transientData: transientMap(transient) });
    return {
        profile,
        connectionFile: file,
        gateway,
        network,
        contract,
        mspId: profile.mspId,
        evaluate,
        evaluateJson: async <T>(
            name: string,
            args: readonly string[] = [],
            transient?: Readonly<Record<string, string>>,
        ): Promise<T> => JSON.parse(decoder.decode(await evaluate(name, args, transient))) as T,
        submit: async (name: string, proposalOptions: ProposalOptions = {}): Promise<Uint8Array> => {
            const transaction = await contract.newProposal(name, proposalOptions).endorse();
            const commit = await transaction.submit();
            const status = await commit.getStatus();
            if (!status.successful) {
                throw new Error(
                    `${name} (${status.transactionId}) committed invalid: validation code ${String(status.code)}`,
                );
            }
            return transaction.getResult();
        },
        close: () => {
            gateway.close();
            if (options.client === undefined) {
                client.close();
            }
        },
    };
}

/** Arguments and transient data of a proposal, as strings (the suite's requests are all text). */
export function proposal(args: readonly string[], transient?: Readonly<Record<string, string>>): ProposalOptions {
    return {
        arguments: [...args],
        ...(transient === undefined
            ? {}
            : {
                  transientData: Object.fromEntries(
                      Object.entries(transient).map(([key, value]) => [key, encoder.encode(value)]),
                  ),
              }),
    };
}

/** Where a refusal came from and what the chaincode said, decoded from the gateway error. */
export interface Refusal {
    readonly error: GatewayError;
    /** The project's error decoded from a peer's detail (`chaincode response 500, BIA_ERROR {...}`) or the message. */
    readonly chaincodeError: ChaincodeErrorPayload | undefined;
    /** Every text the error carries: its message and each peer's detail. */
    readonly texts: readonly string[];
}

/**
 * Awaits an operation the network must refuse and returns the refusal; fails if it succeeded or failed in some
 * other way than a gateway error (a client-side exception would mean nothing reached the network).
 */
export async function refusalOf(operation: Promise<unknown>): Promise<Refusal> {
    let outcome: unknown;
    try {
        outcome = await operation;
    } catch (error) {
        return refusalFrom(error);
    }
    throw new Error(`expected a refusal, but the network accepted it: ${describe(outcome)}`);
}

/** Decodes a caught error as the network's refusal; rethrows anything that is not a gateway error. */
export function refusalFrom(error: unknown): Refusal {
    if (!(error instanceof GatewayError)) {
        throw new Error(`expected a refusal by the network, got ${String(error)}`, { cause: error });
    }
    const texts = [...error.details.map((detail) => detail.message), error.message];
    const chaincodeError = texts.map(decodeChaincodeError).find((decoded) => decoded !== undefined);
    return { error, chaincodeError, texts };
}

function describe(outcome: unknown): string {
    if (outcome instanceof Uint8Array) {
        return decoder.decode(outcome).slice(0, 500);
    }
    return String(outcome);
}

// GatewayPort over @hyperledger/fabric-gateway, turning its errors into the library's typed errors.
import {
    type Contract,
    type Network,
    CommitStatusError as FabricCommitStatusError,
    EndorseError as FabricEndorseError,
    GatewayError,
} from '@hyperledger/fabric-gateway';
import { status as grpcStatus } from '@grpc/grpc-js';
import {
    BiaError,
    CommitStatusError,
    EndorseError,
    type PeerDetail,
    type Stage,
    SubmitError,
    UnavailableError,
    decodeChaincodeFailure,
} from '../errors';
import type { CallRequest, CommitStatus, Endorsed, GatewayPort, Submitted } from './port';

const unreachableCodes: ReadonlySet<number> = new Set([grpcStatus.UNAVAILABLE, grpcStatus.DEADLINE_EXCEEDED]);

export class FabricGatewayPort implements GatewayPort {
    readonly #network: Network;
    readonly #chaincode: string;
    readonly #contracts = new Map<string, Contract>();

    constructor(network: Network, chaincode: string) {
        this.#network = network;
        this.#chaincode = chaincode;
    }

    async evaluate(request: CallRequest): Promise<Uint8Array> {
        const proposal = this.#contract(request.contract).newProposal(request.transaction, proposalOptions(request));
        try {
            return await proposal.evaluate();
        } catch (error) {
            throw toBiaError(error, 'evaluate', proposal.getTransactionId());
        }
    }

    async endorse(request: CallRequest): Promise<Endorsed> {
        const proposal = this.#contract(request.contract).newProposal(request.transaction, proposalOptions(request));
        const transactionId = proposal.getTransactionId();
        let transaction;
        try {
            transaction = await proposal.endorse();
        } catch (error) {
            throw toBiaError(error, 'endorse', transactionId);
        }
        return {
            transactionId,
            result: transaction.getResult(),
            submit: async (): Promise<Submitted> => {
                let submitted;
                try {
                    submitted = await transaction.submit();
                } catch (error) {
                    throw toBiaError(error, 'submit', transactionId);
                }
                return {
                    transactionId,
                    status: async (): Promise<CommitStatus> => {
                        try {
                            const status = await submitted.getStatus();
                            return {
                                code: status.code,
                                successful: status.successful,
                                blockNumber: status.blockNumber,
                            };
                        } catch (error) {
                            throw toBiaError(error, 'commit-status', transactionId);
                        }
                    },
                };
            },
        };
    }

    #contract(name: string): Contract {
        let contract = this.#contracts.get(name);
        if (contract === undefined) {
            contract = this.#network.getContract(this.#chaincode, name);
            this.#contracts.set(name, contract);
        }
        return contract;
    }
}

function proposalOptions(request: CallRequest): {
    arguments: string[];
    transientData?: Record<string, Uint8Array>;
    endorsingOrganizations?: string[];
} {
    return {
        arguments: [...request.args],
        ...(request.transient !== undefined ? { transientData: { ...request.transient } } : {}),
        ...(request.endorsingOrganizations !== undefined
            ? { endorsingOrganizations: [...request.endorsingOrganizations] }
            : {}),
    };
}

/** Maps a fabric-gateway failure to the library's error for that stage. */
export function toBiaError(error: unknown, stage: Stage, transactionId: string): BiaError {
    if (!(error instanceof GatewayError)) {
        return new BiaError({ message: String(error), stage, transactionId, cause: error });
    }
    const peers: PeerDetail[] = error.details.map((d) => ({ address: d.address, mspId: d.mspId, message: d.message }));
    const properties = {
        message: describe(error, stage, transactionId, peers),
        stage,
        transactionId,
        peers,
        grpcCode: error.code,
        cause: error,
    };
    const chaincodeError = decodeChaincodeFailure([...peers.map((p) => p.message), error.message], properties);
    if (chaincodeError !== undefined) {
        return chaincodeError;
    }
    // Submit and commit status failures are resent as they are, reachable or not.
    if (stage === 'submit') {
        return new SubmitError(properties);
    }
    if (stage === 'commit-status' || error instanceof FabricCommitStatusError) {
        return new CommitStatusError(properties);
    }
    if (unreachableCodes.has(error.code)) {
        return new UnavailableError(properties);
    }
    if (stage === 'endorse' || error instanceof FabricEndorseError) {
        return new EndorseError(properties);
    }
    return new BiaError(properties);
}

function describe(error: GatewayError, stage: Stage, transactionId: string, peers: readonly PeerDetail[]): string {
    const said = peers.map((p) => `${p.mspId}@${p.address}: ${p.message}`).join('; ');
    return `${stage} failed for transaction ${transactionId}: ${error.message}${said === '' ? '' : ` (${said})`}`;
}

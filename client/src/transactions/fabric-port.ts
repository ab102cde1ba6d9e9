// GatewayPort over @hyperledger/fabric-gateway, turning its errors into the library's typed errors.
import { type Contract, type Network, GatewayError as FabricGatewayError } from '@hyperledger/fabric-gateway';
import {
    BiaError,
    CommitStatusError,
    EndorseError,
    type ErrorDetail,
    GatewayError,
    type Stage,
    SubmitError,
    type TransactionGatewayErrorProperties,
    decodeChaincodeFailure,
} from '../errors';
import type { CallRequest, CommitStatus, Endorsed, GatewayPort, Submitted } from './port';

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

/**
 * Maps a fabric-gateway failure to the library's error for that stage: the chaincode's refusal when a peer's message
 * carries one (its `cause` the stage error), else the stage error itself with fabric-gateway's meaning.
 */
export function toBiaError(error: unknown, stage: Stage, transactionId: string): BiaError {
    if (!(error instanceof FabricGatewayError)) {
        return new BiaError({
            message: `${stage} failed for transaction ${transactionId}: ${String(error)}`,
            stage,
            transactionId,
            cause: error,
        });
    }
    const details: ErrorDetail[] = error.details.map((d) => ({
        address: d.address,
        mspId: d.mspId,
        message: d.message,
    }));
    const properties = {
        message: describe(error, stage, transactionId, details),
        transactionId,
        code: error.code,
        details,
        cause: error,
    };
    const gatewayError = stageError(stage, properties);
    return decodeChaincodeFailure(gatewayError) ?? gatewayError;
}

function stageError(stage: Stage, properties: TransactionGatewayErrorProperties): GatewayError {
    switch (stage) {
        case 'endorse':
            return new EndorseError(properties);
        case 'submit':
            return new SubmitError(properties);
        case 'commit-status':
            return new CommitStatusError(properties);
        default:
            return new GatewayError({ ...properties, stage });
    }
}

function describe(
    error: FabricGatewayError,
    stage: Stage,
    transactionId: string,
    details: readonly ErrorDetail[],
): string {
    const said = details.map((p) => `${p.mspId}@${p.address}: ${p.message}`).join('; ');
    return `${stage} failed for transaction ${transactionId}: ${error.message}${said === '' ? '' : ` (${said})`}`;
}

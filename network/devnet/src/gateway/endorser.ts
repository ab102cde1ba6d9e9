// One organisation's peer endorser: validates a proposal, simulates it on the chaincode and signs the result,
// answering like Fabric's Endorser.ProcessProposal (an error only for proposals it refuses to process).
import { peer } from '@hyperledger/fabric-protos';
import type { ChaincodeRuntime, ExecuteResult } from '../chaincode/runtime';
import type { Identity, Msp } from '../ports';
import { ProposalError, unpackProposal, validateProposal, type UnpackedProposal } from './proposal';
import type { EndorserLedger, PeerSigner, SimulationPurpose } from './ports';

/** Status codes at or above which the chaincode response is an error (shim.ERRORTHRESHOLD, shim.ERROR). */
const ERROR_THRESHOLD = 400;
const ERROR = 500;

export interface ChaincodeDefinition {
    readonly name: string;
    readonly version: string;
}

export interface EndorserOptions<I extends Identity> {
    readonly mspId: string;
    /** host:port reported in the gateway's error details (known once the peer's server is listening). */
    readonly address: () => string;
    readonly channel: string;
    readonly signer: PeerSigner;
    readonly msp: Msp<I>;
    readonly chaincodes: ReadonlyMap<string, ChaincodeDefinition>;
    readonly runtime: ChaincodeRuntime;
    readonly ledger: EndorserLedger;
}

export interface ProposalOutcome {
    readonly response: peer.ProposalResponse;
    /** Set when the endorser refused the proposal itself (a gRPC error from a real peer). */
    readonly error?: string;
    /** The rwset.TxReadWriteSet of a successful simulation. */
    readonly results?: Uint8Array;
}

export class Endorser<I extends Identity> {
    readonly #options: EndorserOptions<I>;

    constructor(options: Readonly<EndorserOptions<I>>) {
        this.#options = options;
    }

    get mspId(): string {
        return this.#options.mspId;
    }

    get address(): string {
        return this.#options.address();
    }

    async processProposal(signedProposal: peer.SignedProposal, purpose: SimulationPurpose): Promise<ProposalOutcome> {
        let proposal: UnpackedProposal;
        try {
            proposal = unpackProposal(signedProposal);
        } catch (error) {
            return refused(messageOf(error));
        }
        const channel = proposal.channelHeader.getChannelId();
        if (channel !== this.#options.channel) {
            return failed(`channel '${channel}' not found`);
        }
        let creator: I;
        try {
            creator = validateProposal(proposal, this.#options.msp);
        } catch (error) {
            if (error instanceof ProposalError) {
                return refused(`error validating proposal: ${error.message}`);
            }
            throw error;
        }
        const txId = proposal.channelHeader.getTxId();
        if (await this.#options.ledger.hasTx(txId)) {
            const creatorHex = Buffer.from(proposal.signatureHeader.getCreator_asU8()).toString('hex');
            return refused(`duplicate transaction found [${txId}]. Creator [${creatorHex}]`);
        }
        const definition = this.#options.chaincodes.get(proposal.chaincodeName);
        if (!definition) {
            return failed(
                `make sure the chaincode ${proposal.chaincodeName} has been successfully defined on channel ${channel} and try again: chaincode ${proposal.chaincodeName} not found`,
            );
        }
        return this.#simulateAndEndorse(proposal, definition, creator, purpose);
    }

    async #simulateAndEndorse(
        proposal: UnpackedProposal,
        definition: ChaincodeDefinition,
        creator: I,
        purpose: SimulationPurpose,
    ): Promise<ProposalOutcome> {
        const channel = this.#options.channel;
        const txId = proposal.channelHeader.getTxId();
        const simulation = this.#options.ledger.newSimulation(
            { channel, txId, namespace: definition.name, creatorMspId: creator.mspId, peerMspId: this.#options.mspId },
            purpose,
        );
        let executed: ExecuteResult;
        let results: Uint8Array;
        try {
            executed = await this.#options.runtime.execute(
                definition.name,
                { channel, txId, signedProposal: proposal.signedProposal.serializeBinary(), input: proposal.input },
                simulation,
            );
        } catch (error) {
            simulation.done(false);
            return failed(`error in simulation: ${messageOf(error)}`);
        }
        try {
            // As in Fabric, a failed invocation's response payload still carries its simulation results.
            results = simulation.done(executed.response.status < ERROR_THRESHOLD).results;
        } catch (error) {
            return failed(`error in simulation: ${messageOf(error)}`);
        }
        const response = new peer.Response();
        response.setStatus(executed.response.status);
        response.setMessage(executed.response.message);
        response.setPayload(executed.response.payload);

        const proposalResponse = new peer.ProposalResponse();
        proposalResponse.setResponse(response);
        if (executed.response.status >= ERROR_THRESHOLD && executed.response.status < ERROR) {
            return { response: proposalResponse };
        }
        const payload = responsePayload(proposal, definition, response, results, executed);
        proposalResponse.setPayload(payload);
        if (executed.response.status >= ERROR) {
            return { response: proposalResponse };
        }
        proposalResponse.setVersion(1);
        proposalResponse.setEndorsement(this.#endorse(payload));
        return { response: proposalResponse, results };
    }

    /** The peer's signature over the response payload followed by its own identity (Fabric's default ESCC). */
    #endorse(payload: Uint8Array): peer.Endorsement {
        const { signer } = this.#options;
        const endorsement = new peer.Endorsement();
        endorsement.setEndorser(signer.serializedIdentity);
        endorsement.setSignature(signer.sign(Buffer.concat([payload, signer.serializedIdentity])));
        return endorsement;
    }
}

function responsePayload(
    proposal: UnpackedProposal,
    definition: ChaincodeDefinition,
    response: peer.Response,
    results: Uint8Array,
    executed: ExecuteResult,
): Uint8Array {
    const chaincodeId = new peer.ChaincodeID();
    chaincodeId.setName(definition.name);
    chaincodeId.setVersion(definition.version);

    const action = new peer.ChaincodeAction();
    action.setResults(results);
    action.setEvents(eventBytes(executed));
    action.setResponse(response);
    action.setChaincodeId(chaincodeId);

    const payload = new peer.ProposalResponsePayload();
    payload.setProposalHash(proposal.proposalHash);
    payload.setExtension$(action.serializeBinary());
    return payload.serializeBinary();
}

function eventBytes(executed: ExecuteResult): Uint8Array {
    const event = executed.event;
    // Fabric drops events of failed invocations and marshals an absent event as an empty message.
    if (!event || executed.response.status >= ERROR_THRESHOLD) {
        return new Uint8Array();
    }
    const message = new peer.ChaincodeEvent();
    message.setChaincodeId(event.chaincodeId);
    message.setTxId(event.txId);
    message.setEventName(event.eventName);
    message.setPayload(event.payload);
    return message.serializeBinary();
}

function failed(message: string): ProposalOutcome {
    const response = new peer.Response();
    response.setStatus(ERROR);
    response.setMessage(message);
    const proposalResponse = new peer.ProposalResponse();
    proposalResponse.setResponse(response);
    return { response: proposalResponse };
}

function refused(message: string): ProposalOutcome {
    return { ...failed(message), error: message };
}

function messageOf(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

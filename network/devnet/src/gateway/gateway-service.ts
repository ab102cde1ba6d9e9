// Fabric's gateway.Gateway service for one organisation's peer: the behaviour, status codes and messages of
// hyperledger/fabric internal/pkg/gateway, over the devnet's in-process endorsers, orderer and ledger.
import { status } from '@grpc/grpc-js';
import { common, gateway, orderer, peer } from '@hyperledger/fabric-protos';
import type { BroadcastStatus } from '../orderer/ordering-service';
import type { BlockEvents, BlockLedger, ChannelPolicies, CommitLedger, Identity, Msp } from '../ports';
import { summarizeResults } from '../committer/rwset';
import { requiredPolicies } from '../committer/required-policies';
import type { Endorser, ProposalOutcome } from './endorser';
import { planEndorsingOrgs } from './endorsement-plan';
import { prepareTransaction } from './prepared-transaction';
import { unpackProposal, type UnpackedProposal } from './proposal';
import { endorserVerdict, RpcError, type EndpointError } from './rpc-error';
import { checkReaders } from './signed-request';
import { streamChaincodeEvents } from './event-stream';
import type { CancelSignal } from './block-stream';
import { WIRE_FORMAT_ERROR } from '../wire-errors';

export type { CancelSignal } from './block-stream';

export interface GatewayServiceOptions<I extends Identity> {
    readonly channel: string;
    /** MSP ID of the organisation whose peer hosts this gateway. */
    readonly localMspId: string;
    /** Every organisation's endorser, keyed by MSP ID. */
    readonly endorsers: ReadonlyMap<string, Endorser<I>>;
    readonly msp: Msp<I>;
    readonly policies: ChannelPolicies<I>;
    readonly peerIdentity: (mspId: string) => I;
    readonly ledger: BlockLedger & Pick<CommitLedger, 'writtenKeysWithValidationParameters'>;
    readonly orderer: { broadcast(envelope: Uint8Array): BroadcastStatus; readonly address: string };
    readonly notifier: BlockEvents;
}

interface Endorsed {
    readonly endorser: Endorser<Identity>;
    readonly outcome: ProposalOutcome;
}

export class GatewayService<I extends Identity> {
    readonly #options: GatewayServiceOptions<I>;

    constructor(options: Readonly<GatewayServiceOptions<I>>) {
        this.#options = options;
    }

    async evaluate(request: gateway.EvaluateRequest): Promise<gateway.EvaluateResponse> {
        const signedProposal = request.getProposedTransaction();
        if (!signedProposal || signedProposal.getProposalBytes_asU8().length === 0) {
            throw new RpcError(
                status.INVALID_ARGUMENT,
                'failed to unpack transaction proposal: a signed proposal is required',
            );
        }
        const proposal = unpack(signedProposal, 'failed to unpack transaction proposal: ');
        const { channel, chaincode } = this.#target(proposal);
        if (channel !== this.#options.channel) {
            throw new RpcError(
                status.UNAVAILABLE,
                `failed to get config for channel [${channel}]: channel ${channel} not found`,
            );
        }
        let targets = request.getTargetOrganizationsList();
        if (proposal.hasTransientData && targets.length === 0) {
            targets = [this.#options.localMspId];
        }
        const endorser = (targets.length > 0 ? targets : [this.#options.localMspId])
            .map((mspId) => this.#options.endorsers.get(mspId))
            .find((candidate) => candidate !== undefined);
        if (!endorser || !this.#options.policies.chaincodePolicy(chaincode)) {
            const message = `no peers available to evaluate chaincode ${chaincode} in channel ${channel}`;
            throw new RpcError(
                status.FAILED_PRECONDITION,
                proposal.hasTransientData && request.getTargetOrganizationsList().length === 0
                    ? `no endorsers found in the gateway's organization; retry specifying target organization(s) to protect transient data: ${message}`
                    : message,
            );
        }
        const outcome = await endorser.processProposal(signedProposal, 'evaluate');
        const verdict = endorserVerdict(outcome);
        if (verdict.code !== status.OK) {
            const details = [endpointError(endorser, verdict.message)];
            // One peer per organisation: a retryable failure has no other peer to go to.
            const message = verdict.retry
                ? 'failed to evaluate transaction, see attached details for more info'
                : `evaluate call to endorser returned error: ${verdict.message}`;
            throw new RpcError(verdict.code, message, details);
        }
        const response = outcome.response.getResponse() ?? new peer.Response();
        response.setPayload(
            resultFromResponsePayload(outcome.response.getPayload_asU8()) ?? response.getPayload_asU8(),
        );
        const evaluateResponse = new gateway.EvaluateResponse();
        evaluateResponse.setResult(response);
        return evaluateResponse;
    }

    async endorse(request: gateway.EndorseRequest): Promise<gateway.EndorseResponse> {
        const signedProposal = request.getProposedTransaction();
        if (!signedProposal || signedProposal.getProposalBytes_asU8().length === 0) {
            throw new RpcError(status.INVALID_ARGUMENT, 'the proposed transaction must contain a signed proposal');
        }
        const proposal = unpack(signedProposal, '');
        const requested = request.getEndorsingOrganizationsList();
        const endorsed =
            requested.length > 0
                ? await this.#endorseByOrgs(signedProposal, requested)
                : await this.#endorseByPolicy(signedProposal, proposal);
        const first = endorsed[0];
        if (!first) {
            throw new RpcError(
                status.ABORTED,
                'failed to collect enough transaction endorsements, see attached details for more info',
            );
        }
        const endorsements = endorsed.flatMap(({ outcome }) => {
            const endorsement = outcome.response.getEndorsement();
            return endorsement ? [endorsement] : [];
        });
        const envelope = prepareTransaction(proposal, first.outcome.response.getPayload_asU8(), endorsements);
        const response = new gateway.EndorseResponse();
        response.setPreparedTransaction(envelope);
        return response;
    }

    submit(request: gateway.SubmitRequest): gateway.SubmitResponse {
        const envelope = request.getPreparedTransaction();
        if (!envelope) {
            throw new RpcError(status.INVALID_ARGUMENT, 'a prepared transaction is required');
        }
        if (envelope.getSignature_asU8().length === 0) {
            throw new RpcError(status.INVALID_ARGUMENT, 'prepared transaction must be signed');
        }
        const channel = request.getChannelId();
        if (channel !== this.#options.channel) {
            throw new RpcError(
                status.FAILED_PRECONDITION,
                `failed to get config for channel [${channel}]: channel ${channel} not found`,
            );
        }
        const result = this.#options.orderer.broadcast(envelope.serializeBinary());
        if (result.status === common.Status.SUCCESS) {
            return new gateway.SubmitResponse();
        }
        const statusName =
            Object.entries(common.Status).find(([, value]) => value === result.status)?.[0] ?? String(result.status);
        if (result.status >= 400 && result.status < 500) {
            throw new RpcError(
                status.ABORTED,
                `received unsuccessful response from orderer: status=${statusName}, info=${result.info}`,
            );
        }
        throw new RpcError(status.UNAVAILABLE, 'no orderers could successfully process transaction', [
            {
                address: this.#options.orderer.address,
                mspId: '',
                message: `received unsuccessful response from orderer: ${statusName}`,
            },
        ]);
    }

    async commitStatus(
        signed: gateway.SignedCommitStatusRequest,
        signal: CancelSignal,
    ): Promise<gateway.CommitStatusResponse> {
        const requestBytes = signed.getRequest_asU8();
        if (requestBytes.length === 0) {
            throw new RpcError(status.INVALID_ARGUMENT, 'a commit status request is required');
        }
        const request = decodeRequest(
            () => gateway.CommitStatusRequest.deserializeBinary(requestBytes),
            'invalid status request: ',
        );
        this.#checkReaders(
            request.getChannelId(),
            request.getIdentity_asU8(),
            requestBytes,
            signed.getSignature_asU8(),
        );

        const txId = request.getTransactionId();
        const waiter = this.#options.notifier.waitForTx(txId);
        signal.onCancel(waiter.cancel);
        try {
            const committed = await this.#options.ledger.txStatus(txId);
            const txStatus = committed ?? (await waiter.promise);
            const response = new gateway.CommitStatusResponse();
            response.setResult(txStatus.code as peer.TxValidationCodeMap[keyof peer.TxValidationCodeMap]);
            response.setBlockNumber(Number(txStatus.blockNumber));
            return response;
        } finally {
            waiter.cancel();
        }
    }

    async chaincodeEvents(
        signed: gateway.SignedChaincodeEventsRequest,
        send: (response: gateway.ChaincodeEventsResponse) => Promise<void>,
        signal: CancelSignal,
    ): Promise<void> {
        const requestBytes = signed.getRequest_asU8();
        if (requestBytes.length === 0) {
            throw new RpcError(status.INVALID_ARGUMENT, 'a chaincode events request is required');
        }
        const request = decodeRequest(
            () => gateway.ChaincodeEventsRequest.deserializeBinary(requestBytes),
            'invalid chaincode events request: ',
        );
        this.#checkReaders(
            request.getChannelId(),
            request.getIdentity_asU8(),
            requestBytes,
            signed.getSignature_asU8(),
        );
        const startBlock = await this.#startBlock(request);
        await streamChaincodeEvents({
            ledger: this.#options.ledger,
            notifier: this.#options.notifier,
            startBlock,
            chaincodeId: request.getChaincodeId(),
            afterTransactionId: request.getAfterTransactionId(),
            send,
            signal,
        });
    }

    #checkReaders(channel: string, identity: Uint8Array, data: Uint8Array, signature: Uint8Array): void {
        const denied = checkReaders(
            {
                channel: this.#options.channel,
                msp: this.#options.msp,
                readerMspIds: [...this.#options.endorsers.keys()],
            },
            { channel, identity, data, signature },
        );
        if (denied !== undefined) {
            throw new RpcError(status.PERMISSION_DENIED, denied);
        }
    }

    async #startBlock(request: gateway.ChaincodeEventsRequest): Promise<bigint> {
        const afterTransactionId = request.getAfterTransactionId();
        if (afterTransactionId !== '') {
            const committed = await this.#options.ledger.txStatus(afterTransactionId);
            if (committed) {
                return committed.blockNumber;
            }
        }
        const position = request.getStartPosition();
        switch (position?.getTypeCase() ?? orderer.SeekPosition.TypeCase.TYPE_NOT_SET) {
            case orderer.SeekPosition.TypeCase.SPECIFIED:
                return BigInt(position?.getSpecified()?.getNumber() ?? 0);
            case orderer.SeekPosition.TypeCase.TYPE_NOT_SET:
            case orderer.SeekPosition.TypeCase.NEXT_COMMIT:
                return this.#options.ledger.height();
            default:
                throw new RpcError(status.INVALID_ARGUMENT, `invalid start position type: ${seekTypeName(position)}`);
        }
    }

    #target(proposal: UnpackedProposal): { channel: string; chaincode: string } {
        return { channel: proposal.channelHeader.getChannelId(), chaincode: proposal.chaincodeName };
    }

    /** The client chose the endorsing organisations and takes responsibility for the policy. */
    async #endorseByOrgs(signedProposal: peer.SignedProposal, mspIds: readonly string[]): Promise<Endorsed[]> {
        const missing = mspIds.filter((mspId) => !this.#options.endorsers.has(mspId));
        if (missing.length > 0) {
            throw new RpcError(
                status.UNAVAILABLE,
                `failed to find any endorsing peers for org(s): ${missing.join(', ')}`,
            );
        }
        const endorsers = [...new Set(mspIds)].flatMap((mspId) => {
            const endorser = this.#options.endorsers.get(mspId);
            return endorser ? [endorser] : [];
        });
        return this.#collect(signedProposal, endorsers, []);
    }

    /** Endorse on the gateway's own peer first, then on the further orgs the policies of the result require. */
    async #endorseByPolicy(signedProposal: peer.SignedProposal, proposal: UnpackedProposal): Promise<Endorsed[]> {
        const local = this.#options.endorsers.get(this.#options.localMspId);
        const chaincodePolicy = this.#options.policies.chaincodePolicy(proposal.chaincodeName);
        if (!local || !chaincodePolicy || proposal.channelHeader.getChannelId() !== this.#options.channel) {
            throw new RpcError(
                status.FAILED_PRECONDITION,
                'no combination of peers can be derived which satisfy the endorsement policy: required chaincodes are not installed on sufficient peers',
            );
        }
        const firstOutcome = await local.processProposal(signedProposal, 'endorse');
        const firstVerdict = endorserVerdict(firstOutcome);
        if (firstVerdict.code !== status.OK) {
            throw new RpcError(status.ABORTED, 'failed to endorse transaction, see attached details for more info', [
                endpointError(local, firstVerdict.message),
            ]);
        }
        const first: Endorsed = { endorser: local, outcome: firstOutcome };
        const orgs = await this.#planOrgs(proposal, firstOutcome.results ?? new Uint8Array(), chaincodePolicy);
        const others = orgs.flatMap((mspId) => {
            const endorser = mspId === local.mspId ? undefined : this.#options.endorsers.get(mspId);
            return endorser ? [endorser] : [];
        });
        return this.#collect(signedProposal, others, orgs.includes(local.mspId) ? [first] : []);
    }

    async #planOrgs(
        proposal: UnpackedProposal,
        results: Uint8Array,
        chaincodePolicy: NonNullable<ReturnType<ChannelPolicies<I>['chaincodePolicy']>>,
    ): Promise<string[]> {
        const summary = summarizeResults(results);
        const policies = requiredPolicies({
            summary,
            written: await this.#options.ledger.writtenKeysWithValidationParameters(results),
            policies: this.#options.policies,
            chaincodePolicy,
        });
        const allOrgs = [
            this.#options.localMspId,
            ...[...this.#options.endorsers.keys()].filter((id) => id !== this.#options.localMspId),
        ];
        const plan = (candidates: readonly string[]): string[] | undefined =>
            planEndorsingOrgs({ candidates, peerIdentity: this.#options.peerIdentity, policies });

        const collections = [
            ...new Set(summary.flatMap((ns) => ns.collectionsTouched.map((name) => ({ ns: ns.namespace, name })))),
        ];
        if (proposal.hasTransientData && collections.length > 0) {
            // Transient data may only reach organisations in every touched collection's distribution policy.
            const members = allOrgs.filter((mspId) =>
                collections.every(
                    ({ ns, name }) =>
                        this.#options.policies.collection(ns, name)?.memberMspIds.includes(mspId) ?? false,
                ),
            );
            const restricted = plan(members);
            if (restricted) {
                return restricted;
            }
            if (plan(allOrgs)) {
                const names = collections.map(({ name }) => name).join(' ');
                throw new RpcError(
                    status.FAILED_PRECONDITION,
                    `requires endorsement from organisation(s) that are not in the distribution policy of the private data collection(s): [${names}]; retry specifying trusted endorsing organizations to protect transient data`,
                );
            }
        }
        const orgs = plan(allOrgs);
        if (!orgs) {
            throw new RpcError(
                status.FAILED_PRECONDITION,
                "no combination of peers can be derived which satisfy the endorsement policy: cannot satisfy the endorsement policies with the channel's peers",
            );
        }
        return orgs;
    }

    /** Runs the proposal on the endorsers in parallel; all must succeed with the same response payload. */
    async #collect(
        signedProposal: peer.SignedProposal,
        endorsers: readonly Endorser<I>[],
        already: Endorsed[],
    ): Promise<Endorsed[]> {
        const outcomes = await Promise.all(
            endorsers.map(async (endorser) => ({
                endorser,
                outcome: await endorser.processProposal(signedProposal, 'endorse'),
            })),
        );
        const collected = [...already];
        const errors: EndpointError[] = [];
        for (const endorsed of outcomes) {
            const verdict = endorserVerdict(endorsed.outcome);
            const reference = collected[0]?.outcome.response.getPayload_asU8();
            if (verdict.code !== status.OK) {
                errors.push(endpointError(endorsed.endorser, verdict.message));
            } else if (reference && !Buffer.from(reference).equals(endorsed.outcome.response.getPayload_asU8())) {
                errors.push(endpointError(endorsed.endorser, 'ProposalResponsePayloads do not match'));
            } else {
                collected.push(endorsed);
            }
        }
        if (errors.length > 0) {
            throw new RpcError(
                status.ABORTED,
                'failed to collect enough transaction endorsements, see attached details for more info',
                errors,
            );
        }
        return collected;
    }
}

function unpack(signedProposal: peer.SignedProposal, prefix: string): UnpackedProposal {
    try {
        return unpackProposal(signedProposal);
    } catch (error) {
        throw new RpcError(status.INVALID_ARGUMENT, prefix + (error instanceof Error ? error.message : String(error)));
    }
}

function decodeRequest<T>(decode: () => T, prefix: string): T {
    try {
        return decode();
    } catch {
        throw new RpcError(status.INVALID_ARGUMENT, prefix + WIRE_FORMAT_ERROR);
    }
}

function endpointError(endorser: Endorser<Identity>, message: string): EndpointError {
    return { address: endorser.address, mspId: endorser.mspId, message };
}

/** The transaction result inside a ProposalResponsePayload (the chaincode response payload). */
function resultFromResponsePayload(payload: Uint8Array): Uint8Array | undefined {
    try {
        const responsePayload = peer.ProposalResponsePayload.deserializeBinary(payload);
        const action = peer.ChaincodeAction.deserializeBinary(responsePayload.getExtension_asU8());
        return action.getResponse()?.getPayload_asU8();
    } catch {
        return undefined;
    }
}

function seekTypeName(position: orderer.SeekPosition | undefined): string {
    switch (position?.getTypeCase()) {
        case orderer.SeekPosition.TypeCase.OLDEST:
            return '*orderer.SeekPosition_Oldest';
        case orderer.SeekPosition.TypeCase.NEWEST:
            return '*orderer.SeekPosition_Newest';
        default:
            return 'unknown';
    }
}

// Assembles the transaction Envelope from a proposal and its endorsements, as Fabric's gateway does
// (internal/pkg/gateway/submit.go prepareTransaction); the client signs its payload before Submit.
import { common, peer } from '@hyperledger/fabric-protos';
import { payloadWithoutTransient, type UnpackedProposal } from './proposal';

export function prepareTransaction(
    proposal: UnpackedProposal,
    responsePayload: Uint8Array,
    endorsements: readonly peer.Endorsement[],
): common.Envelope {
    const endorsedAction = new peer.ChaincodeEndorsedAction();
    endorsedAction.setProposalResponsePayload(responsePayload);
    endorsedAction.setEndorsementsList(uniqueEndorsements(endorsements));

    const actionPayload = new peer.ChaincodeActionPayload();
    actionPayload.setChaincodeProposalPayload(payloadWithoutTransient(proposal.proposalPayload));
    actionPayload.setAction(endorsedAction);

    const action = new peer.TransactionAction();
    action.setHeader(proposal.header.getSignatureHeader_asU8());
    action.setPayload(actionPayload.serializeBinary());

    const transaction = new peer.Transaction();
    transaction.setActionsList([action]);

    const payload = new common.Payload();
    payload.setHeader(proposal.header);
    payload.setData(transaction.serializeBinary());

    const envelope = new common.Envelope();
    envelope.setPayload(payload.serializeBinary());
    return envelope;
}

/** One endorsement per endorser identity. */
function uniqueEndorsements(endorsements: readonly peer.Endorsement[]): peer.Endorsement[] {
    const seen = new Set<string>();
    return endorsements.filter((endorsement) => {
        const key = Buffer.from(endorsement.getEndorser_asU8()).toString('base64');
        if (seen.has(key)) {
            return false;
        }
        seen.add(key);
        return true;
    });
}

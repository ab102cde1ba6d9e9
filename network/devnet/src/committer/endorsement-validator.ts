// Checks a transaction's creator signature, its endorsements and every endorsement policy that applies to what it
// writes: the chaincode policy, key-level (state-based) policies and collection policies, as Fabric's validator does.
import { peer } from '@hyperledger/fabric-protos';
import { computeTxId, type EndorserTransaction } from './transaction';
import { summarizeResults, type NamespaceSummary } from './rwset';
import { overlayKey, requiredPolicies, type ValidationParameterOverlay } from './required-policies';
import type { ChannelPolicies, CommitLedger, Identity, Msp } from '../ports';

export type { ValidationParameterOverlay } from './required-policies';

const Code = peer.TxValidationCode;

export interface EndorsementValidatorOptions<I extends Identity> {
    readonly channel: string;
    readonly msp: Msp<I>;
    readonly policies: ChannelPolicies<I>;
    readonly ledger: Pick<CommitLedger, 'writtenKeysWithValidationParameters'>;
}

export class EndorsementValidator<I extends Identity> {
    readonly #options: EndorsementValidatorOptions<I>;

    constructor(options: Readonly<EndorsementValidatorOptions<I>>) {
        this.#options = options;
    }

    /** VALID or the code that makes the transaction invalid; updates the overlay when the transaction is valid. */
    async validate(tx: EndorserTransaction, overlay: ValidationParameterOverlay): Promise<number> {
        const headerCode = this.#checkHeader(tx);
        if (headerCode !== Code.VALID) {
            return headerCode;
        }
        const chaincodePolicy = this.#options.policies.chaincodePolicy(tx.chaincodeName);
        if (!chaincodePolicy) {
            return Code.INVALID_CHAINCODE;
        }
        let summary: NamespaceSummary[];
        try {
            summary = summarizeResults(tx.results);
        } catch {
            return Code.BAD_RWSET;
        }
        const endorsers = this.#verifiedEndorsers(tx);
        const checks = requiredPolicies({
            summary,
            written: await this.#options.ledger.writtenKeysWithValidationParameters(tx.results),
            policies: this.#options.policies,
            chaincodePolicy,
            overlay,
        });
        if (!checks.every((check) => check(endorsers))) {
            return Code.ENDORSEMENT_POLICY_FAILURE;
        }
        for (const ns of summary) {
            for (const write of ns.metadataWrites) {
                overlay.set(overlayKey(ns.namespace, write.key), write.validationParameter);
            }
        }
        return Code.VALID;
    }

    #checkHeader(tx: EndorserTransaction): number {
        if (tx.channelId !== this.#options.channel) {
            return Code.TARGET_CHAIN_NOT_FOUND;
        }
        if (tx.nonce.length === 0 || tx.creator.length === 0) {
            return Code.BAD_COMMON_HEADER;
        }
        if (computeTxId(tx.nonce, tx.creator) !== tx.txId) {
            return Code.BAD_PROPOSAL_TXID;
        }
        try {
            const creator = this.#options.msp.deserialize(tx.creator);
            return this.#options.msp.verifySignature(creator, tx.payload, tx.signature)
                ? Code.VALID
                : Code.BAD_CREATOR_SIGNATURE;
        } catch {
            return Code.BAD_CREATOR_SIGNATURE;
        }
    }

    /** Endorsers whose identity is valid and whose signature over payload‖endorser verifies, each counted once. */
    #verifiedEndorsers(tx: EndorserTransaction): I[] {
        const seen = new Set<string>();
        const verified: I[] = [];
        for (const endorsement of tx.endorsements) {
            const key = Buffer.from(endorsement.endorser).toString('base64');
            if (seen.has(key)) {
                continue;
            }
            try {
                const identity = this.#options.msp.deserialize(endorsement.endorser);
                const signed = Buffer.concat([tx.proposalResponsePayload, endorsement.endorser]);
                if (this.#options.msp.verifySignature(identity, signed, endorsement.signature)) {
                    seen.add(key);
                    verified.push(identity);
                }
            } catch {
                // An endorsement from an unknown or invalid identity simply does not count.
            }
        }
        return verified;
    }
}

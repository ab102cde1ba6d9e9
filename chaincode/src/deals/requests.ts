// Validation of the deals contract's inputs: the draft, the transient terms, hashes and queries.
import { createHash } from 'node:crypto';
import type { Context } from 'fabric-contract-api';
import { type DealDraft, type DealTerms, dealKinds, dealStatuses } from '@bia/model';
import { validationError } from '../common/errors';
import { pageRequest } from '../common/paging';
import type { DealPageRequest } from './queries';
import { items, limits, parseJsonObject, textArgument } from '../common/validation';

export const maxParties = 20;
/** The terms are a contract text: longer than other free text, still well under the argument cap. */
const maxTermsCharacters = 32_000;
const saltPattern = /^[0-9a-fA-F]{32,128}$/;
const sha256Pattern = /^[0-9a-f]{64}$/;

export function parseDealDraft(json: string): DealDraft {
    const fields = parseJsonObject(json, 'draft').allowOnly('dealId', 'kind', 'title', 'summary', 'partyMemberIds');
    return {
        dealId: fields.id('dealId'),
        kind: fields.oneOf('kind', dealKinds),
        title: fields.text('title', { max: limits.name }),
        summary: fields.text('summary', { max: limits.longText }),
        partyMemberIds: fields.list('partyMemberIds', items.id, { min: 2, max: maxParties, unique: true }),
    };
}

/** The confidential terms from the transient map (key `terms`): they never travel as an argument. */
export function transientTerms(ctx: Context): DealTerms {
    const bytes = ctx.stub.getTransient().get('terms');
    if (bytes === undefined || bytes.length === 0) {
        throw validationError('transient.terms', 'is required: send DealTerms as JSON in the transient map');
    }
    const fields = parseJsonObject(Buffer.from(bytes).toString('utf8'), 'transient.terms').allowOnly('text', 'salt');
    const text = fields.text('text', { max: maxTermsCharacters });
    const salt = fields.text('salt', { max: 128 });
    if (!saltPattern.test(salt)) {
        throw validationError('transient.terms.salt', 'must be 32 to 128 hex digits of random salt');
    }
    return { text, salt };
}

/** The on-ledger fingerprint of the terms: SHA-256 (hex) of the salt followed by the text. */
export function termsHash(terms: DealTerms): string {
    return createHash('sha256')
        .update(terms.salt + terms.text, 'utf8')
        .digest('hex');
}

export function termsHashArgument(value: string, name: string): string {
    const text = textArgument(value, name, { max: 64 });
    if (!sha256Pattern.test(text)) {
        throw validationError(name, 'must be a SHA-256 digest: 64 lowercase hex digits');
    }
    return text;
}

export function parseDealQuery(json: string): DealPageRequest {
    const fields = parseJsonObject(json, 'query').allowOnly('partyMemberId', 'kind', 'status', 'pageSize', 'bookmark');
    return {
        partyMemberId: fields.has('partyMemberId') ? fields.id('partyMemberId') : undefined,
        kind: fields.optionalOneOf('kind', dealKinds),
        status: fields.optionalOneOf('status', dealStatuses),
        ...pageRequest(fields, json),
    };
}

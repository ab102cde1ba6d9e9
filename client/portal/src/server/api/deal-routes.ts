// The deals contract: cross-organisation deals signed by every party, with confidential terms.
import type { DealDraft, DealTerms } from '@bia/model';
import { DealBody, DealQuery as DealQuerySchema, IdParam, ReasonBody, SignBody, TermsBody } from './schemas';
import { type RouteSpec, bodyOf, param } from './route-spec';

const dealParam = IdParam('dealId', 'The deal');
const id = (input: Parameters<RouteSpec['run']>[1]): string => param(input, 'dealId');

export const dealRoutes: readonly RouteSpec[] = [
    {
        method: 'GET',
        url: '/api/deals',
        operationId: 'QueryDeals',
        summary: 'Deals, filtered by party, kind and status, one page at a time',
        tag: 'deals',
        permission: 'read',
        querystring: DealQuerySchema,
        run: (client, input) => client.deals.query(input.query),
    },
    {
        method: 'POST',
        url: '/api/deals',
        operationId: 'DraftDeal',
        summary:
            "Draft a deal; the terms go to the parties' private collections and only their salted hash on the ledger",
        tag: 'deals',
        permission: 'act',
        body: DealBody,
        created: true,
        run: (client, input) => {
            const { terms, ...draft } = bodyOf<DealDraft & { terms: DealTerms }>(input);
            return client.deals.draft(draft, terms);
        },
    },
    {
        method: 'GET',
        url: '/api/deals/:dealId',
        operationId: 'GetDeal',
        summary: 'One deal: parties, signatures, the terms hash',
        tag: 'deals',
        permission: 'read',
        params: dealParam,
        run: (client, input) => client.deals.get(id(input)),
    },
    {
        method: 'GET',
        url: '/api/deals/:dealId/terms',
        operationId: 'GetDealTerms',
        summary: "The confidential terms, from this organisation's collection (identities acting for a party only)",
        tag: 'deals',
        permission: 'read',
        params: dealParam,
        run: (client, input) => client.deals.getTerms(id(input)),
    },
    {
        method: 'POST',
        url: '/api/deals/:dealId/terms-check',
        operationId: 'VerifyTerms',
        summary: 'Check a copy of the terms against the hash on the ledger (parties only)',
        tag: 'deals',
        permission: 'read',
        params: dealParam,
        body: TermsBody,
        run: (client, input) => client.deals.verifyTerms(id(input), bodyOf<{ terms: DealTerms }>(input).terms),
    },
    {
        method: 'POST',
        url: '/api/deals/:dealId/signatures',
        operationId: 'SignDeal',
        summary: 'Sign the current terms (a party); the last signature inks the deal',
        tag: 'deals',
        permission: 'act',
        params: dealParam,
        body: SignBody,
        run: (client, input) => client.deals.sign(id(input), bodyOf<{ termsHash: string }>(input).termsHash),
    },
    {
        method: 'PUT',
        url: '/api/deals/:dealId/terms',
        operationId: 'AmendDeal',
        summary: 'Amend the terms of a draft (a party); every signature must be given again',
        tag: 'deals',
        permission: 'act',
        params: dealParam,
        body: TermsBody,
        run: (client, input) => client.deals.amend(id(input), bodyOf<{ terms: DealTerms }>(input).terms),
    },
    {
        method: 'POST',
        url: '/api/deals/:dealId/completion',
        operationId: 'CompleteDeal',
        summary: 'Mark an inked deal completed (a party)',
        tag: 'deals',
        permission: 'act',
        params: dealParam,
        run: (client, input) => client.deals.complete(id(input)),
    },
    {
        method: 'POST',
        url: '/api/deals/:dealId/termination',
        operationId: 'TerminateDeal',
        summary: 'Terminate a deal (a party)',
        tag: 'deals',
        permission: 'act',
        params: dealParam,
        body: ReasonBody,
        run: (client, input) => client.deals.terminate(id(input), bodyOf<{ reason: string }>(input).reason),
    },
];

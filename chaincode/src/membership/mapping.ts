// Membership requests from their JSON arguments: every field checked, unknown fields refused.
import {
    type BootstrapRequest,
    type CharterTerms,
    type Contact,
    type FoundingMember,
    type MemberProfile,
    type MemberQuery,
    type MembershipApplication,
    type MotionRequest,
    memberKinds,
    memberStatuses,
} from '@bia/model';
import { validationError } from '../common/errors';
import { type Fields, items, limits, parseJsonObject, textArgument } from '../common/validation';
import { sectorKey } from './records';

/** Charter bounds: sane limits for an association of a few hundred members. */
export const charterLimits = {
    minVotingWindowSeconds: 60,
    maxVotingWindowSeconds: 90 * 24 * 60 * 60,
    maxRunningPilots: 1000,
    defaultMaxRunningPilots: 10,
    maxCouncil: 100,
    maxFoundingMembers: 100,
} as const;

const profileFields = ['legalName', 'kind', 'sectors', 'website', 'contact'] as const;
const applicationFields = [...profileFields, 'memberId', 'hostMspId'] as const;
const charterFields = [
    'name',
    'council',
    'quorumPercent',
    'approvalPercent',
    'votingWindowSeconds',
    'maxRunningPilots',
] as const;

export function parseApplication(text: string, path = 'application'): MembershipApplication {
    return applicationFrom(parseJsonObject(text, path));
}

export function parseProfile(text: string, path = 'profile'): MemberProfile {
    return profileFrom(parseJsonObject(text, path).allowOnly(...profileFields));
}

export function parseBootstrapRequest(text: string, path = 'request'): BootstrapRequest {
    const fields = parseJsonObject(text, path).allowOnly('charter', 'foundingMembers');
    const foundingMembers: FoundingMember[] = fields
        .list('foundingMembers', items.object, { min: 1, max: charterLimits.maxFoundingMembers })
        .map(applicationFrom);
    assertDistinct(
        foundingMembers.map((m) => m.memberId),
        `${path}.foundingMembers`,
        'must not name a member ID twice',
    );
    return { charter: charterTermsFrom(fields.object('charter')), foundingMembers };
}

export function parseMotionRequest(text: string, path = 'request'): MotionRequest {
    const fields = parseJsonObject(text, path).allowOnly('motionId', 'kind', 'subjectId', 'reason', 'charterTerms');
    const kind = fields.oneOf('kind', ['suspend-member', 'expel-member', 'reinstate-member', 'amend-charter'] as const);
    const request = {
        motionId: fields.id('motionId'),
        kind,
        subjectId: fields.id('subjectId'),
        reason: fields.text('reason', { max: limits.longText }),
    };
    if (kind !== 'amend-charter') {
        if (fields.has('charterTerms')) {
            throw validationError(`${path}.charterTerms`, `is only allowed when kind is amend-charter`);
        }
        return request;
    }
    return { ...request, charterTerms: charterTermsFrom(fields.object('charterTerms')) };
}

export function parseMemberQuery(text: string, path = 'query'): MemberQuery {
    const fields = parseJsonObject(text, path).allowOnly('status', 'kind', 'sector', 'pageSize', 'bookmark');
    const sector = fields.optionalText('sector', { max: limits.name });
    return {
        status: fields.optionalOneOf('status', memberStatuses),
        kind: fields.optionalOneOf('kind', memberKinds),
        sector: sector === undefined ? undefined : sectorKey(sector),
        pageSize: fields.optionalNumber('pageSize'),
        bookmark: bookmarkFrom(text, path),
    };
}

/**
 * The bookmark a previous page returned, passed back as it is: composite-key bookmarks hold NUL separators, so
 * it is checked for type and size only. `text` has already been parsed as a JSON object.
 */
export function bookmarkFrom(text: string, path: string): string {
    const { bookmark } = JSON.parse(text) as { bookmark?: unknown };
    if (bookmark === undefined || bookmark === null) {
        return '';
    }
    if (typeof bookmark !== 'string' || bookmark.length > limits.longText) {
        throw validationError(`${path}.bookmark`, `must be a string of at most ${limits.longText} characters`);
    }
    return bookmark;
}

function applicationFrom(fields: Fields): MembershipApplication {
    fields.allowOnly(...applicationFields);
    return { memberId: fields.id('memberId'), hostMspId: fields.mspId('hostMspId'), ...profileFrom(fields) };
}

/** Sectors are tags: stored trimmed and in lower case, so listing by sector does not depend on spelling. */
function profileFrom(fields: Fields): MemberProfile {
    const sectors = fields.list('sectors', items.text({ max: limits.name }), { min: 1, max: 20 }).map(sectorKey);
    assertDistinct(sectors, `${fields.path}.sectors`, 'must not name a sector twice (ignoring case)');
    return {
        legalName: fields.text('legalName', { max: limits.name }),
        kind: fields.oneOf('kind', memberKinds),
        sectors,
        website: fields.uri('website'),
        contact: contactFrom(fields.object('contact')),
    };
}

function contactFrom(fields: Fields): Contact {
    fields.allowOnly('name', 'email', 'phone');
    const phone = fields.optionalText('phone', { max: 40 });
    return {
        name: fields.text('name', { max: limits.name }),
        email: fields.email('email'),
        ...(phone === undefined ? {} : { phone }),
    };
}

/** Charter terms as bootstrap and amend-charter set them; the council, when given, is checked by the caller. */
export function charterTermsFrom(fields: Fields): CharterTerms {
    fields.allowOnly(...charterFields);
    const council = fields.has('council')
        ? fields.list('council', items.id, { min: 1, max: charterLimits.maxCouncil, unique: true })
        : undefined;
    return {
        name: fields.text('name', { max: limits.name }),
        quorumPercent: fields.integer('quorumPercent', { min: 1, max: 100 }),
        approvalPercent: fields.integer('approvalPercent', { min: 1, max: 100 }),
        votingWindowSeconds: fields.integer('votingWindowSeconds', {
            min: charterLimits.minVotingWindowSeconds,
            max: charterLimits.maxVotingWindowSeconds,
        }),
        maxRunningPilots: fields.has('maxRunningPilots')
            ? fields.integer('maxRunningPilots', { min: 1, max: charterLimits.maxRunningPilots })
            : charterLimits.defaultMaxRunningPilots,
        ...(council === undefined ? {} : { council }),
    };
}

function assertDistinct(values: readonly string[], path: string, rule: string): void {
    if (new Set(values).size !== values.length) {
        throw validationError(path, rule);
    }
}

/** A Fabric X.509 identity ID as ctx.clientIdentity.getID() gives it: x509::<subject DN>::<issuer DN>. */
export function identityIdArgument(value: string, name: string): string {
    const text = textArgument(value, name, { max: 1024 });
    const parts = text.split('::');
    if (parts.length !== 3 || parts[0] !== 'x509' || parts.some((part) => part.trim() === '')) {
        throw validationError(name, 'must be a Fabric identity ID: x509::<subject DN>::<issuer DN>');
    }
    return text;
}

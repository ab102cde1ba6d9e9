// Membership requests from their JSON arguments: every field checked, unknown fields refused.
import {
    type BootstrapRequest,
    type CharterTerms,
    type Contact,
    type FoundingMember,
    type MemberProfile,
    type MembershipApplication,
    type MotionRequest,
    isIdentityId,
    memberKinds,
    memberStatuses,
    numberBounds,
} from '@bia/model';
import { validationError } from '../common/errors';
import { type Fields, items, limits, parseJsonObject, textArgument } from '../common/validation';
import { pageRequest } from '../common/paging';
import type { MemberPageRequest } from './queries';
import { sectorKey } from './records';

/** Charter list limits, for an association of a few hundred members (number bounds: @bia/model numberBounds). */
export const charterLimits = {
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

export function parseMemberQuery(text: string, path = 'query'): MemberPageRequest {
    const fields = parseJsonObject(text, path).allowOnly('status', 'kind', 'sector', 'pageSize', 'bookmark');
    const sector = fields.optionalText('sector', { max: limits.name });
    return {
        status: fields.optionalOneOf('status', memberStatuses),
        kind: fields.optionalOneOf('kind', memberKinds),
        sector: sector === undefined ? undefined : sectorKey(sector),
        ...pageRequest(fields, text),
    };
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
        quorumPercent: fields.bounded('quorumPercent', numberBounds.quorumPercent),
        approvalPercent: fields.bounded('approvalPercent', numberBounds.approvalPercent),
        votingWindowSeconds: fields.bounded('votingWindowSeconds', numberBounds.votingWindowSeconds),
        maxRunningPilots: fields.has('maxRunningPilots')
            ? fields.bounded('maxRunningPilots', numberBounds.maxRunningPilots)
            : charterLimits.defaultMaxRunningPilots,
        ...(council === undefined ? {} : { council }),
    };
}

function assertDistinct(values: readonly string[], path: string, rule: string): void {
    if (new Set(values).size !== values.length) {
        throw validationError(path, rule);
    }
}

/** Long enough for a subject and issuer of a few hundred characters each, every one of them escaped. */
const maxIdentityIdCharacters = 4096;

/** An identity ID as @bia/model's identityIdOf writes it (and WhoAmI reports it): x509::<subject>::<issuer>. */
export function identityIdArgument(value: string, name: string): string {
    const text = textArgument(value, name, { max: maxIdentityIdCharacters });
    if (!isIdentityId(text)) {
        throw validationError(
            name,
            'must be an identity ID as WhoAmI reports it: x509::<subject>::<issuer>, RFC 4514 names with every special character escaped as \\XX',
        );
    }
    return text;
}

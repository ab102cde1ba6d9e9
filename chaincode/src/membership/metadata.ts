// Contract metadata for membership records: @Object classes mirroring @bia/model types, field for field.
import { Object as DataType, Property } from 'fabric-contract-api';
import type {
    Charter,
    Contact,
    IdentityBinding,
    IdentityInfo,
    Member,
    MemberHistoryEntry,
    MemberKind,
    MemberStatus,
    Page,
    StatusTransition,
} from '@bia/model';
import type { Check, NoExtraKeys } from '../common/metadata-check';
import { StampType } from '../common/metadata';

@DataType()
export class ContactType implements Contact {
    @Property('name', 'string') readonly name!: string;
    @Property('email', 'string') readonly email!: string;
    @Property('phone', 'string') readonly phone?: string;
}

@DataType()
export class MemberStatusTransitionType implements StatusTransition<MemberStatus> {
    @Property('from', 'string') readonly from!: MemberStatus | null;
    @Property('to', 'string') readonly to!: MemberStatus;
    @Property('reason', 'string') readonly reason!: string;
    @Property('stamp', 'StampType') readonly stamp!: StampType;
    @Property('motionId', 'string') readonly motionId?: string;
}

@DataType()
export class MemberType implements Member {
    @Property('memberId', 'string') readonly memberId!: string;
    @Property('legalName', 'string') readonly legalName!: string;
    @Property('kind', 'string') readonly kind!: MemberKind;
    @Property('sectors', 'string[]') readonly sectors!: readonly string[];
    @Property('website', 'string') readonly website!: string;
    @Property('contact', 'ContactType') readonly contact!: ContactType;
    @Property('hostMspId', 'string') readonly hostMspId!: string;
    @Property('status', 'string') readonly status!: MemberStatus;
    @Property('founding', 'boolean') readonly founding!: boolean;
    @Property('appliedAt', 'string') readonly appliedAt!: string;
    @Property('transitions', 'MemberStatusTransitionType[]')
    readonly transitions!: readonly MemberStatusTransitionType[];
}

@DataType()
export class MemberPageType implements Page<Member> {
    @Property('records', 'MemberType[]') readonly records!: readonly MemberType[];
    @Property('bookmark', 'string') readonly bookmark!: string;
    @Property('fetchedCount', 'number') readonly fetchedCount!: number;
}

@DataType()
export class MemberHistoryEntryType implements MemberHistoryEntry {
    @Property('txId', 'string') readonly txId!: string;
    @Property('at', 'string') readonly at!: string;
    @Property('deleted', 'boolean') readonly deleted!: boolean;
    @Property('member', 'MemberType') readonly member!: MemberType | null;
}

@DataType()
export class CharterType implements Charter {
    @Property('name', 'string') readonly name!: string;
    @Property('secretariatMspId', 'string') readonly secretariatMspId!: string;
    @Property('council', 'string[]') readonly council!: readonly string[];
    @Property('quorumPercent', 'number') readonly quorumPercent!: number;
    @Property('approvalPercent', 'number') readonly approvalPercent!: number;
    @Property('votingWindowSeconds', 'number') readonly votingWindowSeconds!: number;
    @Property('maxRunningPilots', 'number') readonly maxRunningPilots!: number;
    @Property('version', 'number') readonly version!: number;
    @Property('adoptedAt', 'string') readonly adoptedAt!: string;
}

@DataType()
export class IdentityBindingType implements IdentityBinding {
    @Property('identityId', 'string') readonly identityId!: string;
    @Property('mspId', 'string') readonly mspId!: string;
    @Property('memberId', 'string') readonly memberId!: string;
    @Property('boundAt', 'string') readonly boundAt!: string;
    @Property('boundBy', 'string') readonly boundBy!: string;
}

@DataType()
export class IdentityInfoType implements IdentityInfo {
    @Property('identityId', 'string') readonly identityId!: string;
    @Property('mspId', 'string') readonly mspId!: string;
    @Property('memberId', 'string') readonly memberId?: string;
}

export type MembershipMetadataIsExact = [
    Check<NoExtraKeys<ContactType, Contact>>,
    Check<NoExtraKeys<MemberStatusTransitionType, StatusTransition<MemberStatus>>>,
    Check<NoExtraKeys<MemberType, Member>>,
    Check<NoExtraKeys<MemberPageType, Page<Member>>>,
    Check<NoExtraKeys<MemberHistoryEntryType, MemberHistoryEntry>>,
    Check<NoExtraKeys<CharterType, Charter>>,
    Check<NoExtraKeys<IdentityBindingType, IdentityBinding>>,
    Check<NoExtraKeys<IdentityInfoType, IdentityInfo>>,
];

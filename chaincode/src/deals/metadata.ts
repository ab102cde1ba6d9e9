// Contract metadata (GetMetadata) for the records the deals contract returns: one class per @bia/model type,
// checked against it at compile time. Transactions return the plain records, never instances of these classes.
import { Object as DataType, Property } from 'fabric-contract-api';
import type {
    Deal,
    DealKind,
    DealParty,
    DealSignature,
    DealStatus,
    DealTermsCopy,
    Page,
    StatusTransition,
    TermsCheck,
} from '@bia/model';
import { StampType } from '../common/metadata';
import type { Check, NoExtraKeys } from '../common/metadata-check';

@DataType()
export class DealStatusTransitionType implements StatusTransition<DealStatus> {
    /** Null for the first transition. */
    @Property('from', 'string') readonly from!: DealStatus | null;
    @Property('to', 'string') readonly to!: DealStatus;
    @Property('reason', 'string') readonly reason!: string;
    @Property('stamp', 'StampType') readonly stamp!: StampType;
    @Property('motionId', 'string') readonly motionId?: string;
}

@DataType()
export class DealPartyType implements DealParty {
    @Property('memberId', 'string') readonly memberId!: string;
    @Property('mspId', 'string') readonly mspId!: string;
}

@DataType()
export class DealSignatureType implements DealSignature {
    @Property('memberId', 'string') readonly memberId!: string;
    @Property('termsHash', 'string') readonly termsHash!: string;
    @Property('signed', 'StampType') readonly signed!: StampType;
}

@DataType()
export class DealType implements Deal {
    @Property('dealId', 'string') readonly dealId!: string;
    @Property('kind', 'string') readonly kind!: DealKind;
    @Property('title', 'string') readonly title!: string;
    @Property('summary', 'string') readonly summary!: string;
    @Property('parties', 'DealPartyType[]') readonly parties!: DealPartyType[];
    @Property('drafterMemberId', 'string') readonly drafterMemberId!: string;
    @Property('status', 'string') readonly status!: DealStatus;
    @Property('termsHash', 'string') readonly termsHash!: string;
    @Property('termsVersion', 'number') readonly termsVersion!: number;
    @Property('signatures', 'DealSignatureType[]') readonly signatures!: DealSignatureType[];
    @Property('createdAt', 'string') readonly createdAt!: string;
    @Property('inkedAt', 'string') readonly inkedAt?: string;
    @Property('transitions', 'DealStatusTransitionType[]') readonly transitions!: DealStatusTransitionType[];
}

@DataType()
export class DealPageType implements Page<Deal> {
    @Property('records', 'DealType[]') readonly records!: DealType[];
    @Property('bookmark', 'string') readonly bookmark!: string;
    @Property('fetchedCount', 'number') readonly fetchedCount!: number;
}

@DataType()
export class TermsCheckType implements TermsCheck {
    @Property('dealId', 'string') readonly dealId!: string;
    @Property('termsVersion', 'number') readonly termsVersion!: number;
    @Property('matches', 'boolean') readonly matches!: boolean;
}

@DataType()
export class DealTermsCopyType implements DealTermsCopy {
    @Property('dealId', 'string') readonly dealId!: string;
    @Property('termsVersion', 'number') readonly termsVersion!: number;
    @Property('text', 'string') readonly text!: string;
    @Property('salt', 'string') readonly salt!: string;
}

export type DealMetadataIsExact = [
    Check<NoExtraKeys<DealStatusTransitionType, StatusTransition<DealStatus>>>,
    Check<NoExtraKeys<DealPartyType, DealParty>>,
    Check<NoExtraKeys<DealSignatureType, DealSignature>>,
    Check<NoExtraKeys<DealType, Deal>>,
    Check<NoExtraKeys<DealPageType, Page<Deal>>>,
    Check<NoExtraKeys<TermsCheckType, TermsCheck>>,
    Check<NoExtraKeys<DealTermsCopyType, DealTermsCopy>>,
];

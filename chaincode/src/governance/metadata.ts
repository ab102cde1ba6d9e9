// Contract metadata for motions and votes: @Object classes mirroring @bia/model types, field for field.
import { Object as DataType, Property } from 'fabric-contract-api';
import type { CharterTerms, Motion, MotionKind, MotionStatus, Tally, Vote, VoteChoice } from '@bia/model';
import { StampType } from '../common/metadata';
import type { Check, NoExtraKeys } from '../common/metadata-check';

@DataType()
export class CharterTermsType implements CharterTerms {
    @Property('name', 'string') readonly name!: string;
    @Property('council', 'string[]') readonly council?: readonly string[];
    @Property('quorumPercent', 'number') readonly quorumPercent!: number;
    @Property('approvalPercent', 'number') readonly approvalPercent!: number;
    @Property('votingWindowSeconds', 'number') readonly votingWindowSeconds!: number;
    @Property('maxRunningPilots', 'number') readonly maxRunningPilots!: number;
}

@DataType()
export class TallyType implements Tally {
    @Property('yes', 'number') readonly yes!: number;
    @Property('no', 'number') readonly no!: number;
    @Property('abstain', 'number') readonly abstain!: number;
    @Property('councilSize', 'number') readonly councilSize!: number;
    @Property('quorumReached', 'boolean') readonly quorumReached!: boolean;
    @Property('carried', 'boolean') readonly carried!: boolean;
}

@DataType()
export class MotionType implements Motion {
    @Property('motionId', 'string') readonly motionId!: string;
    @Property('kind', 'string') readonly kind!: MotionKind;
    @Property('subjectId', 'string') readonly subjectId!: string;
    @Property('reason', 'string') readonly reason!: string;
    @Property('proposed', 'StampType') readonly proposed!: StampType;
    @Property('closesAt', 'string') readonly closesAt!: string;
    @Property('status', 'string') readonly status!: MotionStatus;
    @Property('charterTerms', 'CharterTermsType') readonly charterTerms?: CharterTermsType;
    @Property('council', 'string[]') readonly council!: readonly string[];
    @Property('quorumPercent', 'number') readonly quorumPercent!: number;
    @Property('approvalPercent', 'number') readonly approvalPercent!: number;
    @Property('tally', 'TallyType') readonly tally?: TallyType;
    @Property('closed', 'StampType') readonly closed?: StampType;
}

@DataType()
export class VoteType implements Vote {
    @Property('motionId', 'string') readonly motionId!: string;
    @Property('memberId', 'string') readonly memberId!: string;
    @Property('choice', 'string') readonly choice!: VoteChoice;
    @Property('cast', 'StampType') readonly cast!: StampType;
}

export type GovernanceMetadataIsExact = [
    Check<NoExtraKeys<CharterTermsType, CharterTerms>>,
    Check<NoExtraKeys<TallyType, Tally>>,
    Check<NoExtraKeys<MotionType, Motion>>,
    Check<NoExtraKeys<VoteType, Vote>>,
];

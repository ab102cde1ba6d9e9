// Contract metadata shared by every contract: the stamp recorded with each transition.
import { Object as DataType, Property } from 'fabric-contract-api';
import type { Stamp } from '@bia/model';
import type { Check, NoExtraKeys } from './metadata-check';

@DataType()
export class StampType implements Stamp {
    @Property('at', 'string') readonly at!: string;
    @Property('byMemberId', 'string') readonly byMemberId!: string;
    @Property('byMspId', 'string') readonly byMspId!: string;
    @Property('txId', 'string') readonly txId!: string;
}

export type StampChecks = Check<NoExtraKeys<StampType, Stamp>>;

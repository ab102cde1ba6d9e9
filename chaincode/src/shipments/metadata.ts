// Contract metadata (GetMetadata) for the records the shipments contract returns: one class per @bia/model type,
// checked against it at compile time. Transactions return the plain records, never instances of these classes.
import { Object as DataType, Property } from 'fabric-contract-api';
import type {
    Checkpoint,
    ContentCategory,
    DeliveryOutcome,
    Handover,
    Page,
    Provenance,
    RequiredConditions,
    Shipment,
    ShipmentContents,
    ShipmentStatus,
} from '@bia/model';
import { StampType } from '../common/metadata';
import type { Check, NoExtraKeys } from '../common/metadata-check';

@DataType()
export class ShipmentContentsType implements ShipmentContents {
    @Property('category', 'string') readonly category!: ContentCategory;
    @Property('description', 'string') readonly description!: string;
    @Property('quantity', 'number') readonly quantity!: number;
    @Property('unit', 'string') readonly unit!: string;
    @Property('specimenRef', 'string') readonly specimenRef?: string;
}

@DataType()
export class RequiredConditionsType implements RequiredConditions {
    @Property('minTemperatureC', 'number') readonly minTemperatureC!: number;
    @Property('maxTemperatureC', 'number') readonly maxTemperatureC!: number;
    @Property('maxTransitMinutes', 'number') readonly maxTransitMinutes!: number;
}

@DataType()
export class DeliveryOutcomeType implements DeliveryOutcome {
    @Property('accepted', 'boolean') readonly accepted!: boolean;
    @Property('reason', 'string') readonly reason!: string;
    @Property('transitMinutes', 'number') readonly transitMinutes!: number;
    @Property('transitTimeExceeded', 'boolean') readonly transitTimeExceeded!: boolean;
    @Property('decided', 'StampType') readonly decided!: StampType;
}

@DataType()
export class ShipmentType implements Shipment {
    @Property('shipmentId', 'string') readonly shipmentId!: string;
    @Property('dealId', 'string') readonly dealId!: string;
    @Property('shipperMemberId', 'string') readonly shipperMemberId!: string;
    @Property('receiverMemberId', 'string') readonly receiverMemberId!: string;
    @Property('carrierMemberId', 'string') readonly carrierMemberId!: string;
    @Property('contents', 'ShipmentContentsType') readonly contents!: ShipmentContentsType;
    @Property('conditions', 'RequiredConditionsType') readonly conditions!: RequiredConditionsType;
    @Property('status', 'string') readonly status!: ShipmentStatus;
    @Property('custodianMemberId', 'string') readonly custodianMemberId!: string;
    @Property('custodySince', 'string') readonly custodySince!: string;
    @Property('created', 'StampType') readonly created!: StampType;
    @Property('departedAt', 'string') readonly departedAt?: string;
    @Property('outcome', 'DeliveryOutcomeType') readonly outcome?: DeliveryOutcomeType;
}

@DataType()
export class HandoverType implements Handover {
    @Property('shipmentId', 'string') readonly shipmentId!: string;
    @Property('sequence', 'number') readonly sequence!: number;
    @Property('fromMemberId', 'string') readonly fromMemberId!: string;
    @Property('toMemberId', 'string') readonly toMemberId!: string;
    @Property('offered', 'StampType') readonly offered!: StampType;
    @Property('accepted', 'StampType') readonly accepted?: StampType;
}

@DataType()
export class CheckpointType implements Checkpoint {
    @Property('shipmentId', 'string') readonly shipmentId!: string;
    @Property('readingId', 'string') readonly readingId!: string;
    @Property('sensorId', 'string') readonly sensorId!: string;
    @Property('readAt', 'string') readonly readAt!: string;
    @Property('location', 'string') readonly location!: string;
    @Property('temperatureC', 'number') readonly temperatureC!: number;
    @Property('humidityPercent', 'number') readonly humidityPercent!: number;
    @Property('shock', 'boolean') readonly shock!: boolean;
    @Property('excursion', 'boolean') readonly excursion!: boolean;
    @Property('recorded', 'StampType') readonly recorded!: StampType;
}

@DataType()
export class ProvenanceType implements Provenance {
    @Property('shipment', 'ShipmentType') readonly shipment!: ShipmentType;
    @Property('handovers', 'HandoverType[]') readonly handovers!: HandoverType[];
    @Property('checkpoints', 'CheckpointType[]') readonly checkpoints!: CheckpointType[];
    @Property('excursions', 'CheckpointType[]') readonly excursions!: CheckpointType[];
}

@DataType()
export class ShipmentPageType implements Page<Shipment> {
    @Property('records', 'ShipmentType[]') readonly records!: ShipmentType[];
    @Property('bookmark', 'string') readonly bookmark!: string;
    @Property('fetchedCount', 'number') readonly fetchedCount!: number;
}

export type ShipmentMetadataIsExact = [
    Check<NoExtraKeys<ShipmentContentsType, ShipmentContents>>,
    Check<NoExtraKeys<RequiredConditionsType, RequiredConditions>>,
    Check<NoExtraKeys<DeliveryOutcomeType, DeliveryOutcome>>,
    Check<NoExtraKeys<ShipmentType, Shipment>>,
    Check<NoExtraKeys<HandoverType, Handover>>,
    Check<NoExtraKeys<CheckpointType, Checkpoint>>,
    Check<NoExtraKeys<ProvenanceType, Provenance>>,
    Check<NoExtraKeys<ShipmentPageType, Page<Shipment>>>,
];

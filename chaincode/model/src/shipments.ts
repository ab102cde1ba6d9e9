// Medical transport under an inked deal: custody chain and condition checkpoints.
import type { Instant, Stamp } from './common';

export const contentCategories = ['vaccine', 'drug', 'blood-product', 'specimen', 'device'] as const;
export type ContentCategory = (typeof contentCategories)[number];

export const shipmentStatuses = ['created', 'in-transit', 'delivered', 'rejected'] as const;
export type ShipmentStatus = (typeof shipmentStatuses)[number];

export interface ShipmentContents {
    readonly category: ContentCategory;
    readonly description: string;
    readonly quantity: number;
    readonly unit: string;
    /** For specimens: an opaque reference; patient data never goes on the ledger. */
    readonly specimenRef?: string;
}

export interface RequiredConditions {
    readonly minTemperatureC: number;
    readonly maxTemperatureC: number;
    readonly maxTransitMinutes: number;
}

export interface ShipmentRequest {
    readonly shipmentId: string;
    readonly dealId: string;
    readonly receiverMemberId: string;
    readonly carrierMemberId: string;
    readonly contents: ShipmentContents;
    readonly conditions: RequiredConditions;
}

export interface Shipment extends ShipmentRequest {
    readonly shipperMemberId: string;
    readonly status: ShipmentStatus;
    readonly custodianMemberId: string;
    readonly created: Stamp;
    /** Set when the shipper hands over for the first time. */
    readonly departedAt?: Instant;
    readonly outcome?: DeliveryOutcome;
}

export interface Handover {
    readonly shipmentId: string;
    readonly sequence: number;
    readonly fromMemberId: string;
    readonly toMemberId: string;
    readonly offered: Stamp;
    readonly accepted?: Stamp;
}

export interface CheckpointReading {
    readonly shipmentId: string;
    /** Unique per shipment; with the sensor ID it makes the reading's key. */
    readonly readingId: string;
    readonly sensorId: string;
    readonly readAt: Instant;
    readonly location: string;
    readonly temperatureC: number;
    readonly humidityPercent: number;
    readonly shock: boolean;
}

export interface Checkpoint extends CheckpointReading {
    readonly excursion: boolean;
    readonly recorded: Stamp;
}

export interface DeliveryOutcome {
    readonly accepted: boolean;
    readonly reason: string;
    readonly transitMinutes: number;
    readonly transitTimeExceeded: boolean;
    readonly decided: Stamp;
}

export interface Provenance {
    readonly shipment: Shipment;
    readonly handovers: readonly Handover[];
    readonly checkpoints: readonly Checkpoint[];
    readonly excursions: readonly Checkpoint[];
}

export interface ShipmentQuery {
    readonly status?: ShipmentStatus;
    readonly partyMemberId?: string;
    readonly dealId?: string;
    readonly pageSize?: number;
    readonly bookmark?: string;
}

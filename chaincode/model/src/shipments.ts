// Medical transport under an inked deal: custody chain and condition checkpoints.
import type { Instant, Stamp } from './common';

export const contentCategories = ['vaccine', 'drug', 'blood-product', 'specimen', 'device'] as const;
export type ContentCategory = (typeof contentCategories)[number];

export const shipmentStatuses = ['created', 'in-transit', 'delivered', 'rejected'] as const;
export type ShipmentStatus = (typeof shipmentStatuses)[number];

export interface ShipmentContents {
    readonly category: ContentCategory;
    readonly description: string;
    /** Positive, at most 10^9, exact (numberBounds.quantity); decimals allowed. */
    readonly quantity: number;
    readonly unit: string;
    /** For specimens: an opaque reference; patient data never goes on the ledger. */
    readonly specimenRef?: string;
}

export interface RequiredConditions {
    /** -90 to 60 °C (numberBounds.requiredTemperatureC), below maxTemperatureC. */
    readonly minTemperatureC: number;
    /** -90 to 60 °C (numberBounds.requiredTemperatureC), above minTemperatureC. */
    readonly maxTemperatureC: number;
    /** A whole number of minutes, 1 to 100000 (numberBounds.maxTransitMinutes). */
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
    /** When the current custodian took custody: the creation for the shipper, else the accepted handover. */
    readonly custodySince: Instant;
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
    /**
     * When the sensor read: not before the shipment's creation nor before the recorder took custody
     * (Shipment.custodySince), and at most 15 minutes after the transaction time (sensor clock skew).
     */
    readonly readAt: Instant;
    readonly location: string;
    /** -200 to 200 °C (numberBounds.readingTemperatureC); outside the required range it is an excursion. */
    readonly temperatureC: number;
    /** 0 to 100 (numberBounds.humidityPercent). */
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
    /** A whole number, 1 to 100 (numberBounds.pageSize); 20 when left out. */
    readonly pageSize?: number;
    readonly bookmark?: string;
}

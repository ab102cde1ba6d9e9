// Typed transactions of the shipments contract: medical transport under an inked deal.
import type {
    CheckpointReading,
    Checkpoint,
    Handover,
    Page,
    Provenance,
    Shipment,
    ShipmentQuery,
    ShipmentRequest,
} from '@bia/model';
import { type ContractCaller, json } from './caller';

/** The shipments contract. Writes submit; reads evaluate. */
export interface ShipmentsClient {
    /** Creates a shipment; the caller acts for the shipper, a party of the inked deal. */
    create(request: ShipmentRequest): Promise<Shipment>;
    /** The current custodian offers custody to the next one. */
    offerHandover(shipmentId: string, toMemberId: string): Promise<Handover>;
    /** The named next custodian accepts custody. */
    acceptHandover(shipmentId: string, sequence: number): Promise<Handover>;
    /** The current custodian records a sensor reading; readings never conflict with each other. */
    recordCheckpoint(reading: CheckpointReading): Promise<Checkpoint>;
    confirmDelivery(shipmentId: string): Promise<Shipment>;
    rejectDelivery(shipmentId: string, reason: string): Promise<Shipment>;
    /** Custody chain, checkpoints, excursions and delivery in one read. */
    provenance(shipmentId: string): Promise<Provenance>;
    query(query?: ShipmentQuery): Promise<Page<Shipment>>;
}

export class ShipmentsClientImpl implements ShipmentsClient {
    readonly #call: ContractCaller;

    constructor(caller: ContractCaller) {
        this.#call = caller;
    }

    create(request: ShipmentRequest): Promise<Shipment> {
        return this.#call.submit('CreateShipment', [json(request)]);
    }
    offerHandover(shipmentId: string, toMemberId: string): Promise<Handover> {
        return this.#call.submit('OfferHandover', [shipmentId, toMemberId]);
    }
    acceptHandover(shipmentId: string, sequence: number): Promise<Handover> {
        return this.#call.submit('AcceptHandover', [shipmentId, String(sequence)]);
    }
    recordCheckpoint(reading: CheckpointReading): Promise<Checkpoint> {
        return this.#call.submit('RecordCheckpoint', [json(reading)]);
    }
    confirmDelivery(shipmentId: string): Promise<Shipment> {
        return this.#call.submit('ConfirmDelivery', [shipmentId]);
    }
    rejectDelivery(shipmentId: string, reason: string): Promise<Shipment> {
        return this.#call.submit('RejectDelivery', [shipmentId, reason]);
    }
    provenance(shipmentId: string): Promise<Provenance> {
        return this.#call.query('GetProvenance', [shipmentId]);
    }
    query(query: ShipmentQuery = {}): Promise<Page<Shipment>> {
        return this.#call.query('QueryShipments', [json(query)]);
    }
}

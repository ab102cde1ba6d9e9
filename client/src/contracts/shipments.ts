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

/**
 * The shipments contract: medical transport under an inked deal. Writes submit and wait for the commit; reads
 * evaluate on one peer. Refusals reject with a `ChaincodeError` subclass.
 */
export interface ShipmentsClient {
    /**
     * Creates a shipment; the caller acts for the shipper, a party of the inked deal.
     * @param request - the shipment's ID, deal, receiver, carrier, contents and required conditions
     * @returns the shipment, status `created`, the shipper its custodian
     */
    create(request: ShipmentRequest): Promise<Shipment>;
    /**
     * Offers custody to the next custodian; the current custodian.
     * @param shipmentId - the shipment
     * @param toMemberId - the next custodian
     * @returns the pending handover, with the sequence number the next custodian accepts
     */
    offerHandover(shipmentId: string, toMemberId: string): Promise<Handover>;
    /**
     * Accepts custody; the member named in the offer.
     * @param shipmentId - the shipment
     * @param sequence - the handover's sequence number
     * @returns the completed handover
     */
    acceptHandover(shipmentId: string, sequence: number): Promise<Handover>;
    /**
     * Records a sensor reading; the current custodian. Each reading has its own key, so readings never conflict.
     * @param reading - the shipment, a reading ID unique within it, the time and the measurements
     * @returns the checkpoint, flagged as an excursion when outside the required conditions
     */
    recordCheckpoint(reading: CheckpointReading): Promise<Checkpoint>;
    /**
     * Confirms delivery; the receiver.
     * @param shipmentId - the shipment
     * @returns the shipment, status `delivered`
     */
    confirmDelivery(shipmentId: string): Promise<Shipment>;
    /**
     * Rejects delivery; the receiver.
     * @param shipmentId - the shipment
     * @param reason - why it is rejected
     * @returns the shipment, status `rejected`
     */
    rejectDelivery(shipmentId: string, reason: string): Promise<Shipment>;
    /**
     * Reads a shipment.
     * @param shipmentId - the shipment
     * @returns the shipment
     * @throws `NotFoundError` when there is no such shipment
     */
    get(shipmentId: string): Promise<Shipment>;
    /**
     * Reads the custody chain, checkpoints, excursions and delivery in one read.
     * @param shipmentId - the shipment
     * @returns the shipment's provenance
     */
    provenance(shipmentId: string): Promise<Provenance>;
    /**
     * Lists shipments, one page at a time.
     * @param query - filters (status, party, deal) and paging (pageSize, bookmark); default: the first page of all
     * @returns one page; pass its bookmark for the next
     */
    query(query?: ShipmentQuery): Promise<Page<Shipment>>;
    /**
     * Rebuilds the index entries of some shipments after a chaincode upgrade added indexes; an admin of the
     * secretariat's MSP. Writes only what the records already determine.
     * @param ids - up to 100 IDs, e.g. one page of `query()` without filters
     * @returns how many records were rebuilt
     */
    rebuildIndexes(ids: readonly string[]): Promise<number>;
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
    get(shipmentId: string): Promise<Shipment> {
        return this.#call.query('GetShipment', [shipmentId]);
    }
    provenance(shipmentId: string): Promise<Provenance> {
        return this.#call.query('GetProvenance', [shipmentId]);
    }
    query(query: ShipmentQuery = {}): Promise<Page<Shipment>> {
        return this.#call.query('QueryShipments', [json(query)]);
    }
    rebuildIndexes(ids: readonly string[]): Promise<number> {
        return this.#call.submit('RebuildIndexes', [json({ ids })]);
    }
}

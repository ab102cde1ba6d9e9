// Condition checkpoints. Each reading is written under its own key and only READS the shipment, so any number
// of sensors can report on one shipment at once without MVCC read conflicts among them.
import type { Context } from 'fabric-contract-api';
import type { Checkpoint, CheckpointReading, Shipment, Stamp } from '@bia/model';
import { emitEvent } from '../common/events';
import { validationError } from '../common/errors';
import { assertAbsent } from '../common/state';
import { addSeconds } from '../common/time';
import { checkpointIds, checkpointRecord, getShipment, saveCheckpoint } from './records';
import { requireMember, requireOpen } from './rules';

/** Sensor clocks drift: a reading may be stamped up to this long after the transaction time. */
const clockSkewSeconds = 15 * 60;

/**
 * `recorded.byMemberId` is the current custodian. A reading must fall within its custody: not before the shipment
 * was created nor before the custodian took custody (a custodian cannot vouch for the goods before it held them),
 * and not later than the transaction time plus the sensor clock skew.
 */
export async function recordCheckpoint(ctx: Context, reading: CheckpointReading, recorded: Stamp): Promise<Checkpoint> {
    if (reading.readAt > addSeconds(recorded.at, clockSkewSeconds)) {
        throw validationError(
            'reading.readAt',
            `must not be later than the transaction time (${recorded.at}) plus ${clockSkewSeconds / 60} minutes`,
        );
    }
    const shipment = await getShipment(ctx, reading.shipmentId);
    requireOpen(shipment, 'record a checkpoint');
    requireMember(recorded.byMemberId, shipment.custodianMemberId, 'custodian', shipment.shipmentId);
    if (reading.readAt < shipment.created.at) {
        throw validationError('reading.readAt', `must not be before the shipment was created (${shipment.created.at})`);
    }
    // A shipment written by chaincode 0.1 has no custodySince: the comparison is then false, and only the bounds
    // above apply to it.
    if (reading.readAt < shipment.custodySince) {
        throw validationError(
            'reading.readAt',
            `must not be before the recorder took custody of the shipment (${shipment.custodySince})`,
        );
    }
    await assertAbsent(ctx, checkpointRecord, checkpointIds(reading));
    const checkpoint: Checkpoint = { ...reading, excursion: isExcursion(shipment, reading), recorded };
    await saveCheckpoint(ctx, checkpoint);
    if (checkpoint.excursion) {
        emitEvent(ctx, 'ExcursionRecorded', {
            shipmentId: shipment.shipmentId,
            readingId: reading.readingId,
            sensorId: reading.sensorId,
            temperatureC: reading.temperatureC,
            shock: reading.shock,
            minTemperatureC: shipment.conditions.minTemperatureC,
            maxTemperatureC: shipment.conditions.maxTemperatureC,
            txId: recorded.txId,
            at: recorded.at,
        });
    }
    return checkpoint;
}

function isExcursion(shipment: Shipment, reading: CheckpointReading): boolean {
    const { minTemperatureC, maxTemperatureC } = shipment.conditions;
    return reading.shock || reading.temperatureC < minTemperatureC || reading.temperatureC > maxTemperatureC;
}

// Validation of the shipments contract's inputs: shipment requests, sensor readings, sequences and queries.
import {
    type CheckpointReading,
    type RequiredConditions,
    type ShipmentContents,
    type ShipmentRequest,
    contentCategories,
    numberBounds,
    shipmentStatuses,
} from '@bia/model';
import { validationError } from '../common/errors';
import { type Fields, limits, parseJsonObject, textArgument } from '../common/validation';
import { pageRequest } from '../common/paging';
import type { ShipmentPageRequest } from './queries';

/** Every number's bounds are in @bia/model's numberBounds; a sequence is 1 to 999999999, written without a leading 0. */
const sequencePattern = /^[1-9][0-9]{0,8}$/;

export function parseShipmentRequest(json: string): ShipmentRequest {
    const fields = parseJsonObject(json, 'request').allowOnly(
        'shipmentId',
        'dealId',
        'receiverMemberId',
        'carrierMemberId',
        'contents',
        'conditions',
    );
    return {
        shipmentId: fields.id('shipmentId'),
        dealId: fields.id('dealId'),
        receiverMemberId: fields.id('receiverMemberId'),
        carrierMemberId: fields.id('carrierMemberId'),
        contents: parseContents(fields.object('contents')),
        conditions: parseConditions(fields.object('conditions')),
    };
}

/** A specimen carries only an opaque reference (ID charset), so no patient data can ride along in it. */
function parseContents(fields: Fields): ShipmentContents {
    fields.allowOnly('category', 'description', 'quantity', 'unit', 'specimenRef');
    const category = fields.oneOf('category', contentCategories);
    const quantity = fields.bounded('quantity', numberBounds.quantity);
    if (category !== 'specimen' && fields.has('specimenRef')) {
        throw validationError(`${fields.path}.specimenRef`, 'is allowed only for specimens');
    }
    return {
        category,
        description: fields.text('description', { max: limits.shortText }),
        quantity,
        unit: fields.text('unit', { max: 32 }),
        specimenRef: category === 'specimen' ? fields.id('specimenRef') : undefined,
    };
}

function parseConditions(fields: Fields): RequiredConditions {
    fields.allowOnly('minTemperatureC', 'maxTemperatureC', 'maxTransitMinutes');
    const minTemperatureC = fields.bounded('minTemperatureC', numberBounds.requiredTemperatureC);
    const maxTemperatureC = fields.bounded('maxTemperatureC', numberBounds.requiredTemperatureC);
    if (minTemperatureC >= maxTemperatureC) {
        throw validationError(`${fields.path}.maxTemperatureC`, 'must be greater than minTemperatureC');
    }
    const maxTransitMinutes = fields.bounded('maxTransitMinutes', numberBounds.maxTransitMinutes);
    return { minTemperatureC, maxTemperatureC, maxTransitMinutes };
}

export function parseCheckpointReading(json: string): CheckpointReading {
    const fields = parseJsonObject(json, 'reading').allowOnly(
        'shipmentId',
        'readingId',
        'sensorId',
        'readAt',
        'location',
        'temperatureC',
        'humidityPercent',
        'shock',
    );
    return {
        shipmentId: fields.id('shipmentId'),
        readingId: fields.id('readingId'),
        sensorId: fields.id('sensorId'),
        readAt: fields.instant('readAt'),
        location: fields.text('location', { max: limits.shortText }),
        temperatureC: fields.bounded('temperatureC', numberBounds.readingTemperatureC),
        humidityPercent: fields.bounded('humidityPercent', numberBounds.humidityPercent),
        shock: fields.boolean('shock'),
    };
}

export function sequenceArgument(value: string, name: string): number {
    const text = textArgument(value, name, { max: 9 });
    if (!sequencePattern.test(text)) {
        throw validationError(name, 'must be a handover sequence number: a whole number from 1');
    }
    return Number(text);
}

export function parseShipmentQuery(json: string): ShipmentPageRequest {
    const fields = parseJsonObject(json, 'query').allowOnly(
        'status',
        'partyMemberId',
        'dealId',
        'pageSize',
        'bookmark',
    );
    return {
        status: fields.optionalOneOf('status', shipmentStatuses),
        partyMemberId: fields.has('partyMemberId') ? fields.id('partyMemberId') : undefined,
        dealId: fields.has('dealId') ? fields.id('dealId') : undefined,
        ...pageRequest(fields, json),
    };
}

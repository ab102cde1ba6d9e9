// Chaincode events: Fabric keeps one per transaction, so each carries everything its listeners need.
import type { Instant } from './common';
import type { DealKind, DealStatus } from './deals';
import type { MotionKind, MotionStatus, Tally, VoteChoice } from './governance';
import type { MemberStatus } from './membership';
import type { ScenarioStatus } from './scenarios';
import type { ShipmentStatus } from './shipments';

interface EventBase {
    readonly txId: string;
    readonly at: Instant;
}

export interface MotionOpenedEvent extends EventBase {
    readonly motionId: string;
    readonly kind: MotionKind;
    readonly subjectId: string;
    readonly closesAt: Instant;
}

/** A motion closed without changing a member or scenario status (e.g. a failed suspension, a charter amendment). */
export interface MotionClosedEvent extends EventBase {
    readonly motionId: string;
    readonly kind: MotionKind;
    readonly subjectId: string;
    readonly status: Exclude<MotionStatus, 'open'>;
    readonly tally: Tally;
}

export interface VoteCastEvent extends EventBase {
    readonly motionId: string;
    readonly memberId: string;
    readonly choice: VoteChoice;
}

export interface MemberStatusChangedEvent extends EventBase {
    readonly memberId: string;
    readonly from: MemberStatus | null;
    readonly to: MemberStatus;
    readonly reason: string;
    readonly motionId?: string;
}

export interface ScenarioStatusChangedEvent extends EventBase {
    readonly scenarioId: string;
    readonly from: ScenarioStatus | null;
    readonly to: ScenarioStatus;
    readonly motionId?: string;
}

export interface DealStatusChangedEvent extends EventBase {
    readonly dealId: string;
    readonly kind: DealKind;
    readonly partyMemberIds: readonly string[];
    readonly from: DealStatus | null;
    readonly to: DealStatus;
    readonly termsHash: string;
    readonly termsVersion: number;
}

export interface CustodyHandedOverEvent extends EventBase {
    readonly shipmentId: string;
    readonly sequence: number;
    readonly fromMemberId: string;
    readonly toMemberId: string;
}

export interface ExcursionRecordedEvent extends EventBase {
    readonly shipmentId: string;
    readonly readingId: string;
    readonly sensorId: string;
    readonly temperatureC: number;
    readonly shock: boolean;
    readonly minTemperatureC: number;
    readonly maxTemperatureC: number;
}

export interface ShipmentClosedEvent extends EventBase {
    readonly shipmentId: string;
    readonly dealId: string;
    readonly status: Extract<ShipmentStatus, 'delivered' | 'rejected'>;
    readonly reason: string;
    readonly transitMinutes: number;
    readonly transitTimeExceeded: boolean;
}

/** Event name → payload. The payload is JSON with sorted keys. */
export interface EventPayloads {
    MotionOpened: MotionOpenedEvent;
    MotionClosed: MotionClosedEvent;
    VoteCast: VoteCastEvent;
    MemberStatusChanged: MemberStatusChangedEvent;
    ScenarioStatusChanged: ScenarioStatusChangedEvent;
    DealStatusChanged: DealStatusChangedEvent;
    CustodyHandedOver: CustodyHandedOverEvent;
    ExcursionRecorded: ExcursionRecordedEvent;
    ShipmentClosed: ShipmentClosedEvent;
}

export type EventName = keyof EventPayloads;

export const eventNames: readonly EventName[] = [
    'MotionOpened',
    'MotionClosed',
    'VoteCast',
    'MemberStatusChanged',
    'ScenarioStatusChanged',
    'DealStatusChanged',
    'CustodyHandedOver',
    'ExcursionRecorded',
    'ShipmentClosed',
];

export function isEventName(value: string): value is EventName {
    return (eventNames as readonly string[]).includes(value);
}

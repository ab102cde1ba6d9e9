// Checks shared by the shipment transactions: who may act, and in which status.
import type { Member, Shipment, ShipmentStatus } from '@bia/model';
import { invalidStateError, unauthorizedError } from '../common/errors';

export function requireActive(member: Member, role: string): void {
    if (member.status !== 'active') {
        throw invalidStateError(`the ${role} ${member.memberId} must be an active member (it is ${member.status})`, {
            memberId: member.memberId,
            status: member.status,
        });
    }
}

/** Refuses changes to a shipment that is already delivered or rejected. */
export function requireOpen(shipment: Shipment, action: string): void {
    const open: readonly ShipmentStatus[] = ['created', 'in-transit'];
    if (!open.includes(shipment.status)) {
        throw invalidStateError(`cannot ${action}: shipment ${shipment.shipmentId} is ${shipment.status}`, {
            shipmentId: shipment.shipmentId,
            status: shipment.status,
        });
    }
}

/** Only the member in a given role (custodian, receiver, next custodian) may act. */
export function requireMember(
    actingMemberId: string,
    requiredMemberId: string,
    role: string,
    shipmentId: string,
): void {
    if (actingMemberId !== requiredMemberId) {
        throw unauthorizedError(`only the ${role} of shipment ${shipmentId} (${requiredMemberId}) may do this`, {
            shipmentId,
            memberId: actingMemberId,
        });
    }
}

// A typed double of AssociationClient: every facade method a sinon stub from one sandbox.
import type * as sinon from 'sinon';
import type { AssociationClient } from '../../../../client/src/connection/connect';
import { DealsClientImpl } from '../../../../client/src/contracts/deals';
import { MembershipClientImpl } from '../../../../client/src/contracts/membership';
import { ScenariosClientImpl } from '../../../../client/src/contracts/scenarios';
import { ShipmentsClientImpl } from '../../../../client/src/contracts/shipments';

export interface FakeClient extends AssociationClient {
    readonly membership: sinon.SinonStubbedInstance<MembershipClientImpl>;
    readonly scenarios: sinon.SinonStubbedInstance<ScenariosClientImpl>;
    readonly deals: sinon.SinonStubbedInstance<DealsClientImpl>;
    readonly shipments: sinon.SinonStubbedInstance<ShipmentsClientImpl>;
    readonly close: sinon.SinonStub;
    readonly listen: sinon.SinonStub;
    readonly blocks: sinon.SinonStub;
}

export function fakeClient(sandbox: sinon.SinonSandbox): FakeClient {
    return {
        organization: 'healthco',
        mspId: 'HealthcoMSP',
        membership: sandbox.createStubInstance(MembershipClientImpl),
        scenarios: sandbox.createStubInstance(ScenariosClientImpl),
        deals: sandbox.createStubInstance(DealsClientImpl),
        shipments: sandbox.createStubInstance(ShipmentsClientImpl),
        close: sandbox.stub(),
        listen: sandbox.stub(),
        blocks: sandbox.stub(),
        [Symbol.dispose]: sandbox.stub(),
        [Symbol.asyncDispose]: sandbox.stub(),
    };
}

/** Every stubbed facade method of the fake, as `facade.method`, with its stub. */
export function facadeStubs(client: FakeClient): Map<string, sinon.SinonStub> {
    const stubs = new Map<string, sinon.SinonStub>();
    for (const facade of ['membership', 'scenarios', 'deals', 'shipments'] as const) {
        const instance = client[facade] as unknown as Record<string, unknown>;
        for (const method of Object.getOwnPropertyNames(Object.getPrototypeOf(instance) as object)) {
            const stub = instance[method];
            if (method !== 'constructor' && typeof stub === 'function' && 'callCount' in stub) {
                stubs.set(`${facade}.${method}`, stub as sinon.SinonStub);
            }
        }
    }
    return stubs;
}

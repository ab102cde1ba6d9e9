// Every contract refuses a transaction name it does not have in the project's error format, writing nothing.
import { expect } from 'chai';
import { decodeChaincodeError } from '@bia/model';
import { contracts } from '@bia/chaincode';
import { InMemoryLedger } from '../../fixtures/chaincode-harness';
import { TestIdentities, type TestIdentity } from '../../fixtures/identities';

describe('unknown transaction names (the contract API unknownTransaction hook)', () => {
    let ledger: InMemoryLedger;
    let caller: TestIdentity;

    before(async () => {
        caller = await (await TestIdentities.create(['HealthcoMSP'])).client('HealthcoMSP', 'prober');
    });

    beforeEach(() => {
        ledger = new InMemoryLedger();
    });

    afterEach(() => {
        ledger.close();
    });

    const names = [
        ['membership:NoSuchTransaction', 'membership'],
        ['scenarios:DeleteScenario', 'scenarios'],
        ['deals:DeleteDeal', 'deals'],
        ['shipments:unknownTransaction', 'shipments'],
        ['membership:beforeTransaction', 'membership'],
        ['deals:getName', 'deals'],
        ['GetDeal', 'membership'], // no prefix: the first contract, which has no GetDeal
    ] as const;
    for (const [name, contract] of names) {
        it(`refuses ${name}: VALIDATION naming the function, nothing written`, async () => {
            const result = await ledger.invoke(contracts, name, ['x'], { as: caller });
            expect(result.status).to.equal(500);
            expect(decodeChaincodeError(result.message)).to.deep.equal({
                code: 'VALIDATION',
                message: `function: ${name} is not a transaction of ${contract}`,
                details: { field: 'function', rule: `${name} is not a transaction of ${contract}` },
            });
            expect(result.writes.isEmpty).to.equal(true);
            expect(result.event).to.equal(undefined);
        });
    }
});

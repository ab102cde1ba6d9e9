import { peer } from '@hyperledger/fabric-protos';
import { expect, use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { validateReadSets } from '../../../../network/devnet/src/ledger';
import { LedgerFixture, drain, utf8 } from './ledger-fixture';

use(chaiAsPromised);

const { VALID, MVCC_READ_CONFLICT, PHANTOM_READ_CONFLICT, NOT_VALIDATED, BAD_RWSET } = peer.TxValidationCode;

describe('ledger read-set validation', () => {
    let ledger: LedgerFixture;

    beforeEach(async () => {
        ledger = await LedgerFixture.create();
    });

    afterEach(async () => {
        await ledger.destroy();
    });

    const readModifyWrite = (key: string, value: string) =>
        ledger.endorse(async (simulation) => {
            await simulation.getState('', key);
            await simulation.putState('', key, utf8(value));
        });

    const scanAndWrite = (start: string, end: string, marker: string) =>
        ledger.endorse(async (simulation) => {
            await drain(await simulation.openRangeQuery('', start, end));
            await simulation.putState('', marker, utf8('seen'));
        });

    describe('MVCC', () => {
        it('invalidates a read of a key written by an earlier valid transaction of the same block', async () => {
            await ledger.put({ counter: '0' });
            const first = await readModifyWrite('counter', '1');
            const second = await readModifyWrite('counter', '2');
            const unrelated = await readModifyWrite('other', 'x');

            const codes = await validateReadSets(ledger.store, [first, second, unrelated]);

            expect(codes).to.deep.equal([VALID, MVCC_READ_CONFLICT, VALID]);
        });

        it('invalidates a read whose version changed in a block committed after endorsement', async () => {
            await ledger.put({ counter: '0' });
            const stale = await readModifyWrite('counter', 'stale');
            await ledger.commit([await readModifyWrite('counter', 'fresh')]);

            expect(await ledger.commit([stale])).to.deep.equal([MVCC_READ_CONFLICT]);
            expect(Buffer.from((await ledger.store.getState('bia', 'counter'))?.value ?? []).toString()).to.equal(
                'fresh',
            );
        });

        it('invalidates a read of a missing key that has since been created', async () => {
            const creator = await readModifyWrite('new-key', 'a');
            const rival = await readModifyWrite('new-key', 'b');

            expect(await ledger.commit([creator])).to.deep.equal([VALID]);
            expect(await ledger.commit([rival])).to.deep.equal([MVCC_READ_CONFLICT]);
        });

        it('skips transactions already found invalid, whose writes then do not conflict', async () => {
            await ledger.put({ counter: '0' });
            const invalid = await readModifyWrite('counter', '1');
            const next = await readModifyWrite('counter', '2');

            const codes = await validateReadSets(ledger.store, [invalid, next], new Set([0]));

            expect(codes).to.deep.equal([NOT_VALIDATED, VALID]);
        });

        it('reports results that are not a TxReadWriteSet as BAD_RWSET', async () => {
            const codes = await validateReadSets(ledger.store, [
                { txId: 'garbage', results: Uint8Array.from([0x0a, 0xff]) },
            ]);

            expect(codes).to.deep.equal([BAD_RWSET]);
        });

        it('invalidates a private data read (by key hash) after the private value changed', async () => {
            const collections = [{ name: 'shared', memberMspIds: ['SecretariatMSP'] }];
            const write = (value: string) =>
                ledger.endorse(
                    async (simulation) => {
                        await simulation.getState('shared', 'secret');
                        await simulation.putState('shared', 'secret', utf8(value));
                    },
                    { collections },
                );
            await ledger.commit([await write('1')]);
            const stale = await write('stale');
            await ledger.commit([await write('fresh')]);

            expect(await ledger.commit([stale])).to.deep.equal([MVCC_READ_CONFLICT]);
        });
    });

    describe('phantom reads', () => {
        it('detects a key inserted into a scanned range after endorsement', async () => {
            await ledger.put({ a1: '1', a3: '3' });
            const scanner = await scanAndWrite('a', 'b', 'summary');
            await ledger.put({ a2: 'phantom' });

            expect(await ledger.commit([scanner])).to.deep.equal([PHANTOM_READ_CONFLICT]);
        });

        it('detects a key deleted from a scanned range by an earlier transaction of the same block', async () => {
            await ledger.put({ a1: '1', a3: '3' });
            const deleter = await ledger.endorse((simulation) => simulation.deleteState('', 'a3'));
            const scanner = await scanAndWrite('a', 'b', 'summary');

            expect(await validateReadSets(ledger.store, [deleter, scanner])).to.deep.equal([
                VALID,
                PHANTOM_READ_CONFLICT,
            ]);
        });

        it('accepts writes outside the scanned range and ranges read to their recorded end only', async () => {
            await ledger.put({ a1: '1', a2: '2', a3: '3' });
            const outside = await ledger.endorse((simulation) => simulation.putState('', 'b5', utf8('x')));
            const partial = await ledger.endorse(async (simulation) => {
                const iterator = await simulation.openRangeQuery('', 'a', 'z');
                await iterator.next(2);
                iterator.close();
                await simulation.putState('', 'marker', utf8('m'));
            });

            expect(await validateReadSets(ledger.store, [outside, partial])).to.deep.equal([VALID, VALID]);
        });

        it('detects phantoms in large ranges recorded as Merkle summaries', async () => {
            const values: Record<string, string> = {};
            for (let i = 0; i < 80; i++) {
                values[`r${String(i).padStart(3, '0')}`] = String(i);
            }
            await ledger.put(values);
            const unchanged = await scanAndWrite('r', 's', 'm1');
            const changed = await scanAndWrite('r', 's', 'm2');

            expect(await ledger.commit([unchanged])).to.deep.equal([VALID]);
            await ledger.put({ r050: 'updated' });
            expect(await ledger.commit([changed])).to.deep.equal([PHANTOM_READ_CONFLICT]);
        });
    });
});

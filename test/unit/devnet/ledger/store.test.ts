import { peer } from '@hyperledger/fabric-protos';
import { expect, use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import {
    LedgerStore,
    commitBlock,
    newSimulation,
    writtenKeysWithValidationParameters,
} from '../../../../network/devnet/src/ledger';
import { LedgerFixture, drain, text, utf8 } from './ledger-fixture';

use(chaiAsPromised);

describe('ledger store and commit', () => {
    let ledger: LedgerFixture;

    beforeEach(async () => {
        ledger = await LedgerFixture.create();
    });

    afterEach(async () => {
        await ledger.destroy();
    });

    it('keeps state, history, private data, blocks and the transaction index across close and open', async () => {
        const collections = [{ name: 'shared', memberMspIds: ['SecretariatMSP'] }];
        await ledger.put({ asset: 'v1' });
        await ledger.put({ asset: 'v2' });
        await ledger.put({ secret: 's' }, 'shared', collections);
        await ledger.store.close();

        const reopened = await LedgerStore.open(ledger.dir);
        try {
            const simulation = newSimulation({
                store: reopened,
                channel: 'association',
                txId: 'after-restart',
                namespace: 'bia',
                creatorMspId: 'SecretariatMSP',
                peerMspId: 'SecretariatMSP',
                collections,
            });

            expect(await reopened.height()).to.equal(3n);
            expect(text(await reopened.getBlock(1n))).to.equal('block 1');
            expect(text(await simulation.getState('', 'asset'))).to.equal('v2');
            expect(text(await simulation.getState('shared', 'secret'))).to.equal('s');
            expect(
                (await drain(await simulation.openHistoryQuery('asset'))).map((entry) => text(entry.value)),
            ).to.deep.equal(['v2', 'v1']);
        } finally {
            await reopened.close();
        }
    });

    it('indexes every transaction, valid or not, so that duplicate IDs are detectable', async () => {
        await ledger.put({ counter: '0' });
        const rmw = (value: string) =>
            ledger.endorse(async (simulation) => {
                await simulation.getState('', 'counter');
                await simulation.putState('', 'counter', utf8(value));
            });
        const valid = await rmw('1');
        const conflicting = await rmw('2');
        await ledger.commit([valid, conflicting]);

        expect(await ledger.store.hasTx(valid.txId)).to.equal(true);
        expect(await ledger.store.hasTx(conflicting.txId)).to.equal(true);
        expect(await ledger.store.hasTx('never-submitted')).to.equal(false);
        expect(await ledger.store.getTx(conflicting.txId)).to.deep.equal({
            blockNumber: 1n,
            txNum: 1,
            validationCode: peer.TxValidationCode.MVCC_READ_CONFLICT,
        });
    });

    it('keeps the first occurrence of a transaction ID in the index', async () => {
        const tx = await ledger.endorse((simulation) => simulation.putState('', 'k', utf8('v')));
        await ledger.commit([tx]);
        await commitBlock(ledger.store, {
            number: 1n,
            bytes: utf8('block 1'),
            txs: [{ ...tx, code: peer.TxValidationCode.DUPLICATE_TXID, timestamp: { seconds: 0n, nanos: 0 } }],
        });

        expect(await ledger.store.getTx(tx.txId)).to.deep.equal({
            blockNumber: 0n,
            txNum: 0,
            validationCode: peer.TxValidationCode.VALID,
        });
    });

    it('refuses a block that is not the next one', async () => {
        await expect(commitBlock(ledger.store, { number: 5n, bytes: utf8('block 5'), txs: [] })).to.be.rejectedWith(
            'block [5] cannot be committed: expected block [0]',
        );
    });

    describe('metadata', () => {
        const policy = utf8('signature policy bytes');

        it('stores a validation parameter, keeps it across value updates and reports it for written keys', async () => {
            await ledger.put({ asset: 'v1' });
            const setPolicy = await ledger.endorse((simulation) =>
                simulation.putStateMetadata('', 'asset', 'VALIDATION_PARAMETER', policy),
            );
            await ledger.commit([setPolicy]);
            await ledger.put({ asset: 'v2' });
            const update = await ledger.endorse((simulation) => simulation.putState('', 'asset', utf8('v3')));

            const committed = await ledger.store.getState('bia', 'asset');
            const metadata = await ledger.simulation().getStateMetadata('', 'asset');
            const written = await writtenKeysWithValidationParameters(ledger.store, update.results);

            expect(text(committed?.value)).to.equal('v2');
            expect(text(metadata.get('VALIDATION_PARAMETER'))).to.equal('signature policy bytes');
            expect(written).to.deep.equal([
                {
                    namespace: 'bia',
                    collection: '',
                    key: 'asset',
                    validationParameter: committed?.metadata.get('VALIDATION_PARAMETER'),
                },
            ]);
        });

        it('moves a key to a new version on a metadata-only write and drops metadata for missing keys', async () => {
            await ledger.put({ asset: 'v1' });
            const tx = await ledger.endorse(async (simulation) => {
                await simulation.putStateMetadata('', 'asset', 'VALIDATION_PARAMETER', policy);
                await simulation.putStateMetadata('', 'missing', 'VALIDATION_PARAMETER', policy);
            });
            await ledger.commit([tx]);

            expect((await ledger.store.getState('bia', 'asset'))?.version).to.deep.equal({ blockNum: 1, txNum: 0 });
            expect(await ledger.store.getState('bia', 'missing')).to.equal(undefined);
        });

        it('stores private data metadata with the key hash', async () => {
            const collections = [{ name: 'shared', memberMspIds: ['SecretariatMSP'] }];
            await ledger.put({ secret: 's' }, 'shared', collections);
            const tx = await ledger.endorse(
                (simulation) => simulation.putStateMetadata('shared', 'secret', 'VALIDATION_PARAMETER', policy),
                { collections },
            );
            await ledger.commit([tx]);
            const simulation = ledger.simulation({ collections });

            const metadata = await simulation.getStateMetadata('shared', 'secret');
            const written = await writtenKeysWithValidationParameters(ledger.store, tx.results);

            expect(text(metadata.get('VALIDATION_PARAMETER'))).to.equal('signature policy bytes');
            expect(text(await simulation.getState('shared', 'secret'))).to.equal('s');
            expect(written[0]).to.include({ namespace: 'bia', collection: 'shared' });
            expect(written[0]?.key).to.match(/^[0-9a-f]{64}$/);
        });
    });
});

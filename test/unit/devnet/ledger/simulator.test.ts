import { peer } from '@hyperledger/fabric-protos';
import { createHash } from 'node:crypto';
import { expect, use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { decodeTxRwSet, SimulationError, type KeyValue } from '../../../../network/devnet/src/ledger';
import { LedgerFixture, compositeKey, drain, text, utf8 } from './ledger-fixture';

use(chaiAsPromised);

const keysOf = (items: readonly KeyValue[]): string[] => items.map((item) => item.key);

describe('ledger simulation', () => {
    let ledger: LedgerFixture;

    beforeEach(async () => {
        ledger = await LedgerFixture.create();
    });

    afterEach(async () => {
        await ledger.destroy();
    });

    describe('reads and writes', () => {
        it('returns committed state only: a read after a write in the same transaction sees the committed value', async () => {
            await ledger.put({ asset1: 'committed' });
            const simulation = ledger.simulation();

            await simulation.putState('', 'asset1', utf8('updated'));
            await simulation.putState('', 'asset2', utf8('new'));

            expect(text(await simulation.getState('', 'asset1'))).to.equal('committed');
            expect(await simulation.getState('', 'asset2')).to.equal(undefined);
        });

        it('records reads with the committed version and writes, deletes and metadata in key order', async () => {
            await ledger.put({ b: '1' });
            await ledger.put({ a: '1' });
            const simulation = ledger.simulation();
            await simulation.getState('', 'b');
            await simulation.getState('', 'a');
            await simulation.getState('', 'missing');
            await simulation.putState('', 'z', utf8('zz'));
            await simulation.deleteState('', 'a');
            await simulation.putStateMetadata('', 'b', 'VALIDATION_PARAMETER', utf8('policy'));

            const [ns, ...others] = decodeTxRwSet(simulation.done().results);

            expect(others).to.have.length(0);
            expect(ns?.namespace).to.equal('bia');
            expect(ns?.reads).to.deep.equal([
                { key: 'a', version: { blockNum: 1, txNum: 0 } },
                { key: 'b', version: { blockNum: 0, txNum: 0 } },
                { key: 'missing' },
            ]);
            expect(ns?.writes.map((write) => [write.key, text(write.value), write.isDelete])).to.deep.equal([
                ['a', '', true],
                ['z', 'zz', false],
            ]);
            expect(
                ns?.metadataWrites.map((write) => [write.key, text(write.entries.get('VALIDATION_PARAMETER'))]),
            ).to.deep.equal([['b', 'policy']]);
        });

        it('refuses use after done', async () => {
            const simulation = ledger.simulation();
            simulation.done();

            await expect(simulation.getState('', 'a')).to.be.rejectedWith(
                SimulationError,
                'should not be used after calling Done()',
            );
            expect(() => simulation.done()).to.throw('only be called once');
        });

        it('shares one rwset across namespaces for chaincode-to-chaincode calls', async () => {
            const simulation = ledger.simulation();
            await simulation.forNamespace('other').putState('', 'k', utf8('v'));
            await simulation.putState('', 'k', utf8('w'));

            const namespaces = decodeTxRwSet(simulation.done().results).map((ns) => ns.namespace);

            expect(namespaces).to.deep.equal(['bia', 'other']);
        });
    });

    describe('range queries', () => {
        it('returns keys in [start, end) and records the range with its raw reads for phantom validation', async () => {
            await ledger.put({ a: '1', b: '2', c: '3', d: '4' });
            const simulation = ledger.simulation();

            const items = await drain(await simulation.openRangeQuery('', 'b', 'd'));
            const [ns] = decodeTxRwSet(simulation.done().results);

            expect(keysOf(items)).to.deep.equal(['b', 'c']);
            expect(ns?.reads).to.deep.equal([]);
            expect(ns?.rangeQueries).to.deep.equal([
                {
                    startKey: 'b',
                    endKey: 'd',
                    itrExhausted: true,
                    rawReads: [
                        { key: 'b', version: { blockNum: 0, txNum: 0 } },
                        { key: 'c', version: { blockNum: 0, txNum: 0 } },
                    ],
                },
            ]);
        });

        it('records only what was read when the query is not read to its end', async () => {
            await ledger.put({ a: '1', b: '2', c: '3' });
            const simulation = ledger.simulation();

            const iterator = await simulation.openRangeQuery('', 'a', '');
            const first = await iterator.next(2);
            iterator.close();
            const [ns] = decodeTxRwSet(simulation.done().results);

            expect(keysOf(first.items)).to.deep.equal(['a', 'b']);
            expect(first.hasMore).to.equal(true);
            expect(ns?.rangeQueries[0]).to.include({ startKey: 'a', endKey: 'b', itrExhausted: false });
        });

        it('serves partial composite key queries over the \\u0000-separated key space', async () => {
            await ledger.put({
                [compositeKey('reading', ['s1', '001'])]: 'r1',
                [compositeKey('reading', ['s1', '002'])]: 'r2',
                [compositeKey('reading', ['s2', '001'])]: 'r3',
                [compositeKey('shipment', ['s1'])]: 'x',
                plain: 'p',
            });
            const prefix = compositeKey('reading', ['s1']);

            const items = await drain(await ledger.simulation().openRangeQuery('', prefix, `${prefix}\u{10FFFF}`));

            expect(items.map((item) => text(item.value))).to.deep.equal(['r1', 'r2']);
        });

        it('orders keys by their UTF-8 bytes as LevelDB does', async () => {
            await ledger.put({ '\u{1F600}': 'emoji', '\uFF21': 'fullwidth', z: 'z' });

            const items = await drain(await ledger.simulation().openRangeQuery('', '', ''));

            expect(keysOf(items)).to.deep.equal(['z', '\uFF21', '\u{1F600}']);
        });

        it('summarises more than 50 range results as a Merkle hash instead of raw reads', async () => {
            const values: Record<string, string> = {};
            for (let i = 0; i < 120; i++) {
                values[`k${String(i).padStart(3, '0')}`] = String(i);
            }
            await ledger.put(values);
            const simulation = ledger.simulation();

            const items = await drain(await simulation.openRangeQuery('', '', ''));
            const info = decodeTxRwSet(simulation.done().results)[0]?.rangeQueries[0];

            expect(items).to.have.length(120);
            expect(info?.rawReads).to.equal(undefined);
            expect(info?.merkle?.maxDegree).to.equal(50);
            expect(info?.merkle?.maxLevel).to.equal(1);
            expect(info?.merkle?.maxLevelHashes).to.have.length(3);
        });
    });

    describe('pagination', () => {
        it('pages through a range with bookmarks (the next start key, empty after the last page)', async () => {
            await ledger.put({ k1: '1', k2: '2', k3: '3', k4: '4', k5: '5' });
            const pages: string[][] = [];
            const bookmarks: string[] = [];
            let bookmark = '';
            do {
                const iterator = await ledger.simulation().openRangeQuery('', 'k1', 'k9', { pageSize: 2, bookmark });
                pages.push(keysOf((await iterator.next(2)).items));
                const metadata = iterator.pageMetadata();
                expect(metadata?.fetchedRecordsCount).to.equal(pages.at(-1)?.length);
                bookmark = metadata?.bookmark ?? '';
                bookmarks.push(bookmark);
            } while (bookmark !== '');

            expect(pages).to.deep.equal([['k1', 'k2'], ['k3', 'k4'], ['k5']]);
            expect(bookmarks).to.deep.equal(['k3', 'k5', '']);
        });

        it('allows paginated queries only in read-only transactions, as Fabric does', async () => {
            const writer = ledger.simulation();
            await writer.putState('', 'a', utf8('1'));
            await expect(writer.openRangeQuery('', '', '', { pageSize: 1, bookmark: '' })).to.be.rejectedWith(
                SimulationError,
                `txid [${writer.txId}]: unsuppored transaction. Paginated queries are supported only in a read-only transaction`,
            );

            const reader = ledger.simulation();
            await reader.openRangeQuery('', '', '', { pageSize: 1, bookmark: '' });
            await expect(reader.putState('', 'a', utf8('1'))).to.be.rejectedWith(
                SimulationError,
                'Transaction has already performed a paginated query. Writes are not allowed',
            );
        });
    });

    describe('rich (Mango) queries', () => {
        beforeEach(async () => {
            await ledger.put({
                asset1: JSON.stringify({ docType: 'asset', owner: 'tom', size: 5, info: { colour: 'blue' } }),
                asset2: JSON.stringify({ docType: 'asset', owner: 'ann', size: 15, info: { colour: 'red' } }),
                asset3: JSON.stringify({ docType: 'asset', owner: 'bob', size: 10, info: { colour: 'blue' } }),
                asset4: JSON.stringify({ docType: 'asset', owner: 'cat' }),
                other: JSON.stringify({ docType: 'person', owner: 'tom', size: 1 }),
                binary: 'not json',
                list: JSON.stringify([{ docType: 'asset' }]),
            });
        });

        it('matches selectors with nested fields and operators, in key order without sort', async () => {
            const query = { selector: { docType: 'asset', info: { colour: 'blue' }, size: { $gt: 1 } } };

            const items = await drain(await ledger.simulation().openRichQuery('', JSON.stringify(query)));

            expect(keysOf(items)).to.deep.equal(['asset1', 'asset3']);
        });

        it('sorts, projects fields and leaves out documents missing a sort field', async () => {
            const query = {
                selector: { docType: 'asset' },
                sort: [{ size: 'desc' }],
                fields: ['owner', 'info.colour'],
            };

            const items = await drain(await ledger.simulation().openRichQuery('', JSON.stringify(query)));

            expect(items.map((item) => [item.key, text(item.value)])).to.deep.equal([
                ['asset2', '{"info":{"colour":"red"},"owner":"ann"}'],
                ['asset3', '{"info":{"colour":"blue"},"owner":"bob"}'],
                ['asset1', '{"info":{"colour":"blue"},"owner":"tom"}'],
            ]);
        });

        it('ignores limit, as Fabric overrides it, and applies skip', async () => {
            const query = { selector: { docType: 'asset' }, limit: 1, skip: 1 };

            const items = await drain(await ledger.simulation().openRichQuery('', JSON.stringify(query)));

            expect(keysOf(items)).to.deep.equal(['asset2', 'asset3', 'asset4']);
        });

        it('never matches values that are not JSON objects, even with an all-matching selector', async () => {
            const query = { selector: { _id: { $gt: null } } };

            const items = await drain(await ledger.simulation().openRichQuery('', JSON.stringify(query)));

            expect(keysOf(items)).to.not.include.members(['binary', 'list']);
            expect(items).to.have.length(5);
        });

        it('records rich query results as reads, not as range queries', async () => {
            const simulation = ledger.simulation();

            await drain(await simulation.openRichQuery('', JSON.stringify({ selector: { owner: 'tom' } })));
            const [ns] = decodeTxRwSet(simulation.done().results);

            expect(ns?.reads.map((read) => read.key)).to.deep.equal(['asset1', 'other']);
            expect(ns?.rangeQueries).to.deep.equal([]);
        });

        it('pages with bookmarks in sort order', async () => {
            const query = JSON.stringify({ selector: { size: { $gte: 0 } }, sort: ['size'] });
            const first = await ledger.simulation().openRichQuery('', query, { pageSize: 2, bookmark: '' });
            const firstKeys = keysOf((await first.next(2)).items);
            const bookmark = first.pageMetadata()?.bookmark ?? '';
            const second = await ledger.simulation().openRichQuery('', query, { pageSize: 2, bookmark });

            expect(firstKeys).to.deep.equal(['other', 'asset1']);
            expect(keysOf(await drain(second))).to.deep.equal(['asset3', 'asset2']);
        });

        it('rejects a query without a selector', async () => {
            await expect(ledger.simulation().openRichQuery('', '{"sort":["a"]}')).to.be.rejectedWith(
                SimulationError,
                'selector',
            );
        });
    });

    describe('history', () => {
        it('lists every committed write of a key, newest first, with deletes and timestamps', async () => {
            await ledger.put({ asset: 'v1' });
            const deleted = await ledger.endorse((simulation) => simulation.deleteState('', 'asset'));
            await ledger.commit([deleted], 1_800_000_000n);
            await ledger.put({ asset: 'v3', assetX: 'other key' });

            const history = await drain(await ledger.simulation().openHistoryQuery('asset'));

            expect(history.map((entry) => [text(entry.value), entry.isDelete])).to.deep.equal([
                ['v3', false],
                ['', true],
                ['v1', false],
            ]);
            expect(history[1]).to.include({ txId: deleted.txId });
            expect(history[1]?.timestamp).to.deep.equal({ seconds: 1_800_000_000n, nanos: 0 });
        });

        it('keeps only valid transactions in history', async () => {
            await ledger.put({ asset: 'v1' });
            const readers = await Promise.all(
                ['a', 'b'].map((value) =>
                    ledger.endorse(async (simulation) => {
                        await simulation.getState('', 'asset');
                        await simulation.putState('', 'asset', utf8(value));
                    }),
                ),
            );
            const codes = await ledger.commit(readers);

            const history = await drain(await ledger.simulation().openHistoryQuery('asset'));

            expect(codes).to.deep.equal([peer.TxValidationCode.VALID, peer.TxValidationCode.MVCC_READ_CONFLICT]);
            expect(history.map((entry) => text(entry.value))).to.deep.equal(['a', 'v1']);
        });
    });

    describe('private data', () => {
        const collections = [
            { name: 'shared', memberMspIds: ['SecretariatMSP', 'HealthcoMSP'] },
            { name: 'guarded', memberMspIds: ['SecretariatMSP'], memberOnlyRead: true, memberOnlyWrite: true },
        ];
        const sha256 = (data: string): Buffer => createHash('sha256').update(data).digest();

        async function putPrivate(collection: string, key: string, value: string): Promise<void> {
            const tx = await ledger.endorse((simulation) => simulation.putState(collection, key, utf8(value)), {
                collections,
            });
            await ledger.commit([tx]);
        }

        it('puts key and value hashes in the public rwset and the cleartext in the private write set', async () => {
            const simulation = ledger.simulation({ collections });
            await simulation.putState('shared', 'secret', utf8('42'));

            const { results, privateWrites } = simulation.done();
            const ns = decodeTxRwSet(results)[0]!;
            const collection = ns.collections[0]!;
            const hashedWrite = collection.hashedWrites[0]!;
            const cleartext = privateWrites[0]!;

            expect(ns.writes).to.deep.equal([]);
            expect(collection.collection).to.equal('shared');
            expect(Buffer.from(hashedWrite.keyHash)).to.deep.equal(sha256('secret'));
            expect(Buffer.from(hashedWrite.valueHash)).to.deep.equal(sha256('42'));
            expect(privateWrites).to.have.length(1);
            expect(cleartext).to.include({ namespace: 'bia', collection: 'shared' });
            expect(cleartext.memberMspIds).to.deep.equal(['SecretariatMSP', 'HealthcoMSP']);
            expect(Buffer.from(collection.pvtRwSetHash)).to.deep.equal(
                createHash('sha256').update(cleartext.rwset).digest(),
            );
            expect(text(cleartext.rwset)).to.include('secret');
        });

        it('stores private data only at member organisations; a non-member peer fails to read it', async () => {
            await putPrivate('shared', 'secret', '42');

            const atMember = ledger.simulation({ collections, peerMspId: 'HealthcoMSP' });
            const atNonMember = ledger.simulation({ collections, peerMspId: 'CarrierMSP' });

            expect(text(await atMember.getState('shared', 'secret'))).to.equal('42');
            await expect(atNonMember.getState('shared', 'secret')).to.be.rejectedWith(
                SimulationError,
                'private data matching public hash version is not available. Public hash version = {BlockNum: 0, TxNum: 0}, Private data version = <nil>',
            );
            expect(Buffer.from((await atNonMember.getPrivateDataHash('shared', 'secret')) ?? [])).to.deep.equal(
                sha256('42'),
            );
        });

        it('refuses reads and writes by non-member creators on member-only collections', async () => {
            const outsider = ledger.simulation({ collections, creatorMspId: 'CarrierMSP' });

            await expect(outsider.getState('guarded', 'k')).to.be.rejectedWith(
                SimulationError,
                'tx creator does not have read access permission on privatedata in chaincodeName:bia collectionName: guarded',
            );
            await expect(outsider.putState('guarded', 'k', utf8('v'))).to.be.rejectedWith(
                SimulationError,
                'tx creator does not have write access permission on privatedata in chaincodeName:bia collectionName: guarded',
            );
            await expect(outsider.putState('shared', 'k', utf8('v'))).to.be.fulfilled;
        });

        it('reports unknown collections with the peer messages', async () => {
            const simulation = ledger.simulation({ collections });

            await expect(simulation.getState('nope', 'k')).to.be.rejectedWith(
                SimulationError,
                'collection association/bia/nope could not be found',
            );
            await expect(simulation.getPrivateDataHash('nope', 'k')).to.be.rejectedWith(
                SimulationError,
                'collection [nope] not defined in the collection config for chaincode [bia]',
            );
        });

        it('serves implicit organisation collections', async () => {
            await putPrivate('_implicit_org_SecretariatMSP', 'mine', 'only secretariat');

            expect(text(await ledger.simulation().getState('_implicit_org_SecretariatMSP', 'mine'))).to.equal(
                'only secretariat',
            );
        });

        it('deletes and purges private data with its hash', async () => {
            await putPrivate('shared', 'gone', 'x');
            await putPrivate('shared', 'purged', 'y');
            const tx = await ledger.endorse(
                async (simulation) => {
                    await simulation.deleteState('shared', 'gone');
                    await simulation.purgePrivateData('shared', 'purged');
                },
                { collections },
            );
            await ledger.commit([tx]);
            const simulation = ledger.simulation({ collections });

            expect(await simulation.getState('shared', 'gone')).to.equal(undefined);
            expect(await simulation.getState('shared', 'purged')).to.equal(undefined);
            expect(await simulation.getPrivateDataHash('shared', 'purged')).to.equal(undefined);
            const hashed = decodeTxRwSet(tx.results)[0]?.collections[0]?.hashedWrites;
            expect(hashed?.map((write) => [write.isDelete, write.isPurge])).to.deep.include.members([
                [true, false],
                [true, true],
            ]);
        });

        it('allows private range queries only in read-only transactions and does not record them', async () => {
            await putPrivate('shared', 'p1', 'a');
            const reader = ledger.simulation({ collections });

            const items = await drain(await reader.openRangeQuery('shared', '', ''));
            const writeAfter = reader.putState('', 'x', utf8('1'));

            expect(keysOf(items)).to.deep.equal(['p1']);
            await expect(writeAfter).to.be.rejectedWith(SimulationError, 'already performed queries on pvt data');
        });
    });
});

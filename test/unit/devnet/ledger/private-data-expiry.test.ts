// blockToLive purges and the peers' private write sets (what Deliver with private data serves), on a real LevelDB
// ledger: Given committed private data, When blocks commit, Then it is readable through block N + blockToLive and
// gone, hash included, from block N + blockToLive + 1 on (Fabric's pvtstatepurgemgmt arithmetic).
import { ledger as protos, peer } from '@hyperledger/fabric-protos';
import { expect } from 'chai';
import { blockPrivateData, expiringBlock, type CollectionDefinition } from '../../../../network/devnet/src/ledger';
import { LedgerFixture, ORG1, ORG2, ORG3, text, utf8, type Endorsed } from './ledger-fixture';

const SHORT = 'short';
const FOREVER = 'forever';
const BTL = 2;
const collections: CollectionDefinition[] = [
    { name: SHORT, memberMspIds: [ORG1, ORG2] },
    { name: FOREVER, memberMspIds: [ORG1, ORG2] },
];

describe('private data blockToLive and stored write sets', () => {
    let ledger: LedgerFixture;

    beforeEach(async () => {
        ledger = await LedgerFixture.create();
        ledger.blockToLive = (namespace, collection) => (namespace === 'bia' && collection === SHORT ? BTL : 0);
        await ledger.commit([]); // block 0 stands in for the genesis block
    });

    afterEach(async () => {
        await ledger.destroy();
    });

    const write = (collection: string, values: Record<string, string>, peerMspId = ORG1): Promise<Endorsed> =>
        ledger.endorse(
            async (simulation) => {
                for (const [key, value] of Object.entries(values)) {
                    await simulation.putState(collection, key, utf8(value));
                }
            },
            { collections, peerMspId, creatorMspId: peerMspId },
        );

    /** Commits a block with the transactions and returns its number. */
    async function commitBlock(txs: Endorsed[] = []): Promise<number> {
        const number = Number(await ledger.store.height());
        await ledger.commit(txs);
        return number;
    }

    async function read(collection: string, key: string, peerMspId = ORG1) {
        const simulation = ledger.simulation({ collections, peerMspId, creatorMspId: peerMspId });
        const value = text(await simulation.getState(collection, key));
        const hash = await simulation.getPrivateDataHash(collection, key);
        simulation.done();
        return { value, hash: hash === undefined ? undefined : Buffer.from(hash).toString('hex') };
    }

    it('computes Fabric expiring block N + blockToLive + 1, and never for blockToLive 0', () => {
        expect(expiringBlock(10n, 2)).to.equal(13n);
        expect(expiringBlock(10n, 0)).to.equal(undefined);
    });

    it('keeps private data readable through block N + blockToLive and purges it, hash included, at N + blockToLive + 1', async () => {
        const committedIn = await commitBlock([await write(SHORT, { secret: 'short-lived' })]);
        const stored = await read(SHORT, 'secret');
        expect(stored.value).to.equal('short-lived');

        for (let block = committedIn + 1; block <= committedIn + BTL; block++) {
            expect(await commitBlock()).to.equal(block);
            expect(await read(SHORT, 'secret'), `after block ${block}`).to.deep.equal(stored);
            expect(await read(SHORT, 'secret', ORG2), `at ${ORG2} after block ${block}`).to.deep.equal(stored);
        }
        expect(await blockPrivateData(ledger.store, ORG1, BigInt(committedIn))).to.have.length(1);

        expect(await commitBlock()).to.equal(committedIn + BTL + 1);

        expect(await read(SHORT, 'secret')).to.deep.equal({ value: undefined, hash: undefined });
        expect(await read(SHORT, 'secret', ORG2)).to.deep.equal({ value: undefined, hash: undefined });
        expect(await blockPrivateData(ledger.store, ORG1, BigInt(committedIn))).to.deep.equal([]);
        expect(await blockPrivateData(ledger.store, ORG2, BigInt(committedIn))).to.deep.equal([]);
        // The block and the transaction's public rwset (with the hashes) stay on the ledger.
        expect(text(await ledger.store.getBlock(BigInt(committedIn)))).to.equal(`block ${committedIn}`);
    });

    it('never purges a collection with blockToLive 0', async () => {
        await commitBlock([await write(FOREVER, { kept: 'forever' })]);
        for (let i = 0; i < BTL + 3; i++) {
            await commitBlock();
        }
        expect((await read(FOREVER, 'kept')).value).to.equal('forever');
    });

    it('keeps a key written again since: its expiry counts from the newer write', async () => {
        const first = await commitBlock([await write(SHORT, { secret: 'v1' })]);
        await commitBlock([await write(SHORT, { secret: 'v2' })]);
        await commitBlock();
        expect(await commitBlock()).to.equal(first + BTL + 1);
        expect((await read(SHORT, 'secret')).value).to.equal('v2');

        await commitBlock();
        expect((await read(SHORT, 'secret')).value).to.equal(undefined);
    });

    it('keeps a key the expiring block itself writes again', async () => {
        const first = await commitBlock([await write(SHORT, { secret: 'v1' })]);
        await commitBlock();
        await commitBlock();
        expect(await commitBlock([await write(SHORT, { secret: 'v2' })])).to.equal(first + BTL + 1);
        expect((await read(SHORT, 'secret')).value).to.equal('v2');
    });

    it('purges only the expired keys of a collection', async () => {
        const first = await commitBlock([await write(SHORT, { old: 'o' })]);
        await commitBlock([await write(SHORT, { young: 'y' })]);
        await commitBlock();
        expect(await commitBlock()).to.equal(first + BTL + 1);
        expect((await read(SHORT, 'old')).value).to.equal(undefined);
        expect((await read(SHORT, 'young')).value).to.equal('y');
    });

    describe('write sets by block', () => {
        const writtenKeys = (rwset: Uint8Array): string[] =>
            protos.rwset.kvrwset.KVRWSet.deserializeBinary(rwset)
                .getWritesList()
                .map((kvWrite) => kvWrite.getKey());

        it('stores each valid transaction write set at the collection member organisations only', async () => {
            const tx = await write(FOREVER, { a: '1', b: '2' });
            const block = BigInt(await commitBlock([await write(FOREVER, { other: 'x' }), tx]));

            for (const mspId of [ORG1, ORG2]) {
                const held = await blockPrivateData(ledger.store, mspId, block);
                expect(
                    held.map(({ txNum, namespace, collection }) => ({ txNum, namespace, collection })),
                ).to.deep.equal([
                    { txNum: 0, namespace: 'bia', collection: FOREVER },
                    { txNum: 1, namespace: 'bia', collection: FOREVER },
                ]);
                expect(writtenKeys(held[1]?.rwset ?? new Uint8Array())).to.deep.equal(['a', 'b']);
                expect(Buffer.from(held[1]?.rwset ?? [])).to.deep.equal(Buffer.from(tx.privateWrites[0]?.rwset ?? []));
            }
            expect(await blockPrivateData(ledger.store, ORG3, block)).to.deep.equal([]);
        });

        it("stores an invalid transaction's write set too (StorePvtDataOfInvalidTx), leaving the state alone", async () => {
            await commitBlock([await write(FOREVER, { counter: '0' })]);
            const readModifyWrite = (value: string): Promise<Endorsed> =>
                ledger.endorse(
                    async (simulation) => {
                        await simulation.getState(FOREVER, 'counter');
                        await simulation.putState(FOREVER, 'counter', utf8(value));
                    },
                    { collections },
                );
            const [winner, loser] = [await readModifyWrite('1'), await readModifyWrite('2')];
            const block = await commitBlock([winner, loser]);

            const held = await blockPrivateData(ledger.store, ORG1, BigInt(block));
            expect(held.map((writeSet) => writeSet.txNum)).to.deep.equal([0, 1]);
            expect(Buffer.from(held[1]?.rwset ?? [])).to.deep.equal(Buffer.from(loser.privateWrites[0]?.rwset ?? []));
            expect(await ledger.store.getTx(loser.txId)).to.include({
                validationCode: peer.TxValidationCode.MVCC_READ_CONFLICT,
            });
            expect((await read(FOREVER, 'counter')).value).to.equal('1');
        });

        it('leaves out of earlier write sets the keys an explicit purge removed', async () => {
            const block = BigInt(await commitBlock([await write(FOREVER, { purged: 'p', kept: 'k' })]));
            const purge = await ledger.endorse((simulation) => simulation.purgePrivateData(FOREVER, 'purged'), {
                collections,
            });
            await commitBlock([purge]);
            const later = BigInt(await commitBlock([await write(FOREVER, { purged: 'again' })]));

            const [before] = await blockPrivateData(ledger.store, ORG1, block);
            const [after] = await blockPrivateData(ledger.store, ORG1, later);
            expect(writtenKeys(before?.rwset ?? new Uint8Array())).to.deep.equal(['kept']);
            expect(writtenKeys(after?.rwset ?? new Uint8Array())).to.deep.equal(['purged']);
            expect((await read(FOREVER, 'purged')).value).to.equal('again');
        });
    });
});

import * as chai from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { describe, it } from 'mocha';
import { QueryIteratorRegistry } from '../../../../network/devnet/src/chaincode/query-registry';
import { peer } from '@hyperledger/fabric-protos';
import { RecordingIterator } from './in-memory-simulation';

chai.use(chaiAsPromised);
const { expect } = chai;

function numbered(count: number): string[] {
    return Array.from({ length: count }, (_, index) => `item${String(index).padStart(4, '0')}`);
}

const encode = (item: string): Uint8Array => Buffer.from(item);

function decoded(response: peer.QueryResponse): string[] {
    return response.getResultsList().map((result) => Buffer.from(result.getResultbytes_asU8()).toString());
}

class FailingIterator extends RecordingIterator<string> {
    override next(): Promise<{ items: string[]; hasMore: boolean }> {
        return Promise.reject(new Error('state database unavailable'));
    }
}

describe('QueryIteratorRegistry', () => {
    it('serves 250 results in batches of 100, 100 and 50, closing the iterator after the last', async () => {
        const iterator = new RecordingIterator(numbered(250));
        const registry = new QueryIteratorRegistry();

        const first = await registry.open(iterator, encode);
        const second = await registry.next(first.getId());
        const third = await registry.next(first.getId());

        expect(decoded(first)).to.deep.equal(numbered(100));
        expect(first.getHasMore()).to.equal(true);
        expect(decoded(second)).to.deep.equal(numbered(200).slice(100));
        expect(second.getHasMore()).to.equal(true);
        expect(decoded(third)).to.deep.equal(numbered(250).slice(200));
        expect(third.getHasMore()).to.equal(false);
        expect(iterator.closed).to.equal(true);
        expect(registry.openCount).to.equal(0);
    });

    it('does not promise more when exactly one batch of results exists', async () => {
        const registry = new QueryIteratorRegistry();
        const iterator = new RecordingIterator(numbered(100));

        const response = await registry.open(iterator, encode);

        expect(decoded(response)).to.have.length(100);
        expect(response.getHasMore()).to.equal(false);
        expect(iterator.closed).to.equal(true);
    });

    it('stops at the total query limit', async () => {
        const registry = new QueryIteratorRegistry(150);
        const first = await registry.open(new RecordingIterator(numbered(400)), encode);
        const second = await registry.next(first.getId());

        expect(decoded(first)).to.have.length(100);
        expect(decoded(second)).to.deep.equal(numbered(150).slice(100));
        expect(second.getHasMore()).to.equal(false);
    });

    it('answers a paginated query in one response with QueryResponseMetadata', async () => {
        const registry = new QueryIteratorRegistry();
        const iterator = new RecordingIterator(numbered(120), 'item0120');

        const response = await registry.open(iterator, encode, { pageSize: 120, bookmark: '' });
        const metadata = peer.QueryResponseMetadata.deserializeBinary(response.getMetadata_asU8());

        expect(decoded(response)).to.deep.equal(numbered(120));
        expect(response.getHasMore()).to.equal(false);
        expect(metadata.getFetchedRecordsCount()).to.equal(120);
        expect(metadata.getBookmark()).to.equal('item0120');
        expect(iterator.closed).to.equal(true);
    });

    it('closes a query early and tolerates closing an unknown one', async () => {
        const registry = new QueryIteratorRegistry();
        const iterator = new RecordingIterator(numbered(300));
        const response = await registry.open(iterator, encode);

        const closed = registry.close(response.getId());
        const unknown = registry.close('no-such-query');

        expect(iterator.closed).to.equal(true);
        expect(closed.getHasMore()).to.equal(false);
        expect(unknown.getId()).to.equal('no-such-query');
        await expect(registry.next(response.getId())).to.be.rejectedWith('query iterator not found');
    });

    it('closes a query whose iterator fails and passes the error on', async () => {
        const registry = new QueryIteratorRegistry();
        const iterator = new FailingIterator([]);

        await expect(registry.open(iterator, encode)).to.be.rejectedWith('state database unavailable');
        expect(iterator.closed).to.equal(true);
        expect(registry.openCount).to.equal(0);
    });

    it('closes every open query at the end of the transaction', async () => {
        const registry = new QueryIteratorRegistry();
        const iterators = [new RecordingIterator(numbered(150)), new RecordingIterator(numbered(150))];
        for (const iterator of iterators) {
            await registry.open(iterator, encode);
        }

        registry.closeAll();

        expect(iterators.map((iterator) => iterator.closed)).to.deep.equal([true, true]);
        expect(registry.openCount).to.equal(0);
    });
});

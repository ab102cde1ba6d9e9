// GET_QUERY_RESULT over the devnet's own simulator in each state-database mode: on goleveldb (the default) the
// peer's checks run first, then LevelDB's refusal; on CouchDB the Mango query is answered.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ledger, peer } from '@hyperledger/fabric-protos';
import * as chai from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { after, before, describe, it } from 'mocha';
import { MessageTypes } from '../../../../network/devnet/src/chaincode/messages';
import { shimRequestHandler } from '../../../../network/devnet/src/chaincode/shim-requests';
import { TransactionContext } from '../../../../network/devnet/src/chaincode/transaction-context';
import {
    LedgerStore,
    SimulationError,
    commitBlock,
    newSimulation,
    validateReadSets,
    type StateDatabase,
} from '../../../../network/devnet/src/ledger';

chai.use(chaiAsPromised);
const { expect } = chai;

const CHANNEL = 'association';
const NAMESPACE = 'cc';
const MEMBER = 'SecretariatMSP';
const OUTSIDER = 'CarrierMSP';
const collections = [{ name: 'guarded', memberMspIds: [MEMBER], memberOnlyRead: true }];

describe('GET_QUERY_RESULT on each state database', () => {
    let dir: string;
    let store: LedgerStore;

    before(async () => {
        dir = await mkdtemp(join(tmpdir(), 'devnet-statedb-unit-'));
        store = await LedgerStore.open(dir);
        // Two JSON documents, committed as block 0.
        const simulation = newSimulation({
            store,
            channel: CHANNEL,
            txId: 'seed',
            namespace: NAMESPACE,
            creatorMspId: MEMBER,
            peerMspId: MEMBER,
        });
        await simulation.putState('', 'a', Buffer.from('{"colour":"blue"}'));
        await simulation.putState('', 'b', Buffer.from('{"colour":"red"}'));
        const { results } = simulation.done();
        await validateReadSets(store, [{ txId: 'seed', results }], new Set());
        await commitBlock(store, {
            number: 0n,
            bytes: new Uint8Array([1]),
            txs: [{ txId: 'seed', code: peer.TxValidationCode.VALID, results, timestamp: { seconds: 1n, nanos: 0 } }],
        });
    });

    after(async () => {
        await store.close();
        await rm(dir, { recursive: true, force: true });
    });

    function context(stateDatabase: StateDatabase | undefined, creatorMspId = MEMBER): TransactionContext {
        const txId = randomUUID();
        const simulation = newSimulation({
            store,
            channel: CHANNEL,
            txId,
            namespace: NAMESPACE,
            creatorMspId,
            peerMspId: MEMBER,
            collections,
            ...(stateDatabase === undefined ? {} : { stateDatabase }),
        });
        return new TransactionContext(CHANNEL, txId, simulation, 100);
    }

    function getQueryResult(query: string, options: { collection?: string; pageSize?: number } = {}): Uint8Array {
        const request = new peer.GetQueryResult();
        request.setQuery(query);
        request.setCollection(options.collection ?? '');
        if (options.pageSize !== undefined) {
            const metadata = new peer.QueryMetadata();
            metadata.setPagesize(options.pageSize);
            request.setMetadata(metadata.serializeBinary());
        }
        return request.serializeBinary();
    }

    const handler = shimRequestHandler(MessageTypes.GET_QUERY_RESULT)!;
    const blue = JSON.stringify({ selector: { colour: 'blue' } });

    it('refuses a rich query on goleveldb, the default, with the message of a LevelDB peer', async () => {
        await expect(handler(getQueryResult(blue), context(undefined))).to.be.rejectedWith(
            SimulationError,
            /^ExecuteQuery not supported for leveldb$/,
        );
        await expect(handler(getQueryResult(blue), context('goleveldb'))).to.be.rejectedWith(
            /^ExecuteQuery not supported for leveldb$/,
        );
    });

    it('refuses a paginated one with the ...WithMetadata message', async () => {
        await expect(handler(getQueryResult(blue, { pageSize: 1 }), context('goleveldb'))).to.be.rejectedWith(
            /^ExecuteQueryWithMetadata not supported for leveldb$/,
        );
    });

    it('refuses before parsing the query, as LevelDB never reads it', async () => {
        await expect(handler(getQueryResult('not json'), context('goleveldb'))).to.be.rejectedWith(
            /^ExecuteQuery not supported for leveldb$/,
        );
    });

    it('checks read access to a private collection first, as the peer does', async () => {
        await expect(
            handler(getQueryResult(blue, { collection: 'guarded' }), context('goleveldb', OUTSIDER)),
        ).to.be.rejectedWith(/tx creator does not have read access permission/);
        await expect(
            handler(getQueryResult(blue, { collection: 'guarded' }), context('goleveldb', MEMBER)),
        ).to.be.rejectedWith(/^ExecuteQuery not supported for leveldb$/);
    });

    it('counts a refused paginated query: a later write in the transaction is refused', async () => {
        const refused = context('goleveldb');
        await expect(handler(getQueryResult(blue, { pageSize: 1 }), refused)).to.be.rejectedWith(/leveldb/);

        await expect(refused.simulation.putState('', 'c', Buffer.from('{}'))).to.be.rejectedWith(
            /Transaction has already performed a paginated query\. Writes are not allowed/,
        );
    });

    it('answers the query on CouchDB', async () => {
        const payload = await handler(getQueryResult(blue), context('CouchDB'));
        expect(payload).to.not.equal(undefined);

        const response = peer.QueryResponse.deserializeBinary(payload ?? new Uint8Array());
        const keys = response
            .getResultsList()
            .map((result) => ledger.queryresult.KV.deserializeBinary(result.getResultbytes_asU8()).getKey());
        expect(keys).to.deep.equal(['a']);
    });
});

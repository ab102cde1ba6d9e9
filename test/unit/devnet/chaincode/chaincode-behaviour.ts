// The behaviour every connection mode must show: a real fabric-contract-api chaincode (test/fixtures/chaincode/echo)
// executed through the runtime against the in-memory Simulation double.
import * as chai from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { before, it } from 'mocha';
import { ChaincodeExecutionError } from '../../../../network/devnet/src/chaincode/errors';
import type { ChaincodeRuntime, ExecuteResult } from '../../../../network/devnet/src/chaincode/runtime';
import { InMemorySimulation, InMemoryWorldState } from './in-memory-simulation';
import { peer } from '@hyperledger/fabric-protos';
import { chaincodeInput, newCertificatePem, newExecuteRequest, newTxId, uniquePrefix } from './proposal';

chai.use(chaiAsPromised);
const { expect } = chai;

export const CHANNEL = 'association';
export const MSP_ID = 'HealthcoMSP';

export interface RuntimeFixture {
    readonly runtime: ChaincodeRuntime;
    /** The devnet chaincode name the fixture chaincode runs under. */
    readonly chaincodeName: string;
}

interface InvokeOptions {
    readonly world?: InMemoryWorldState;
    readonly transient?: Record<string, string>;
    readonly txId?: string;
    readonly prepare?: (simulation: InMemorySimulation) => void;
}

interface Invoked {
    readonly result: ExecuteResult;
    readonly simulation: InMemorySimulation;
    readonly txId: string;
}

function text(bytes: Uint8Array): string {
    return Buffer.from(bytes).toString();
}

export function describeChaincodeBehaviour(fixture: () => RuntimeFixture): void {
    let certificatePem: string;
    const timestamp = new Date('2026-03-01T10:20:30.000Z');

    before(async () => {
        certificatePem = await newCertificatePem('User1@healthco.bia.example');
    });

    function start(
        args: string[],
        options: InvokeOptions = {},
    ): { simulation: InMemorySimulation; done: Promise<ExecuteResult>; txId: string } {
        const { runtime, chaincodeName } = fixture();
        const txId = options.txId ?? newTxId();
        const simulation = new InMemorySimulation(options.world ?? new InMemoryWorldState(), {
            channel: CHANNEL,
            txId,
            namespace: chaincodeName,
        });
        options.prepare?.(simulation);
        const request = newExecuteRequest({
            channel: CHANNEL,
            chaincode: chaincodeName,
            args,
            mspId: MSP_ID,
            certificatePem,
            timestamp,
            transient: options.transient,
            txId,
        });
        return { simulation, done: runtime.execute(chaincodeName, request, simulation), txId };
    }

    async function invoke(args: string[], options: InvokeOptions = {}): Promise<Invoked> {
        const { simulation, done, txId } = start(args, options);
        return { result: await done, simulation, txId };
    }

    function seeded(entries: Record<string, string>, collection = ''): InMemoryWorldState {
        const world = new InMemoryWorldState();
        for (const [key, value] of Object.entries(entries)) {
            world.set(collection, key, value);
        }
        return world;
    }

    it('writes with putState and reports success', async () => {
        const key = `${uniquePrefix()}-asset`;

        const { result, simulation } = await invoke(['put', key, 'blue']);

        expect(result.response.status).to.equal(200);
        expect(text(result.response.payload)).to.equal('stored');
        expect(simulation.writes).to.deep.equal([{ collection: '', key, value: 'blue' }]);
        expect(result.event).to.equal(undefined);
    });

    it('reads an existing key and an absent one', async () => {
        const key = `${uniquePrefix()}-asset`;
        const world = seeded({ [key]: 'green' });

        const found = await invoke(['get', key], { world });
        const absent = await invoke(['get', `${key}-absent`], { world });

        expect(text(found.result.response.payload)).to.equal('green');
        expect(text(absent.result.response.payload)).to.equal('');
        expect(absent.simulation.calls).to.deep.equal([`getState(,${key}-absent)`]);
    });

    it('deletes with deleteState', async () => {
        const key = `${uniquePrefix()}-asset`;

        const { result, simulation } = await invoke(['del', key]);

        expect(result.response.status).to.equal(200);
        expect(simulation.writes).to.deep.equal([{ collection: '', key, value: undefined }]);
    });

    it('returns every result of a 250-key range query, fetched batch by batch', async () => {
        const prefix = uniquePrefix();
        const keys = Array.from({ length: 250 }, (_, index) => `${prefix}-${String(index).padStart(3, '0')}`);
        const world = seeded(Object.fromEntries(keys.map((key) => [key, `value of ${key}`])));

        const { result, simulation } = await invoke(['range', `${prefix}-`, `${prefix}-~`], { world });

        const returned = JSON.parse(text(result.response.payload)) as { key: string; value: string }[];
        expect(returned.map((entry) => entry.key)).to.deep.equal(keys);
        expect(returned[249]?.value).to.equal(`value of ${keys[249] ?? ''}`);
        const [iterator] = simulation.iterators;
        expect(iterator?.nextCalls).to.deep.equal([101, 100, 100]);
        expect(iterator?.closed).to.equal(true);
    });

    it('closes a range query the chaincode abandons', async () => {
        const prefix = uniquePrefix();
        const keys = Array.from({ length: 150 }, (_, index) => `${prefix}-${String(index).padStart(3, '0')}`);
        const world = seeded(Object.fromEntries(keys.map((key) => [key, 'x'])));

        const { result, simulation } = await invoke(['firstInRange', `${prefix}-`, `${prefix}-~`], { world });

        expect(text(result.response.payload)).to.equal(keys[0]);
        expect(simulation.iterators[0]?.closed).to.equal(true);
    });

    it('pages through a range with bookmarks', async () => {
        const prefix = uniquePrefix();
        const keys = Array.from({ length: 5 }, (_, index) => `${prefix}-${index}`);
        const world = seeded(Object.fromEntries(keys.map((key) => [key, 'x'])));

        const first = await invoke(['page', `${prefix}-`, `${prefix}-~`, '2', ''], { world });
        const firstPage = JSON.parse(text(first.result.response.payload)) as { keys: string[]; bookmark: string };
        const second = await invoke(['page', `${prefix}-`, `${prefix}-~`, '2', firstPage.bookmark], { world });

        expect(firstPage).to.deep.equal({ keys: keys.slice(0, 2), fetched: 2, bookmark: keys[2] });
        expect(JSON.parse(text(second.result.response.payload))).to.deep.equal({
            keys: keys.slice(2, 4),
            fetched: 2,
            bookmark: keys[4],
        });
        expect(second.simulation.calls).to.deep.equal([
            `openRangeQuery(,${keys[2] ?? ''},${prefix}-~,page 2 from '${keys[2] ?? ''}')`,
        ]);
    });

    it('runs rich queries, plain and paginated', async () => {
        const prefix = uniquePrefix();
        const world = seeded({
            [`${prefix}-a`]: JSON.stringify({ colour: 'red' }),
            [`${prefix}-b`]: JSON.stringify({ colour: 'blue' }),
            [`${prefix}-c`]: JSON.stringify({ colour: 'red' }),
            [`${prefix}-d`]: JSON.stringify({ colour: 'red' }),
        });
        const query = JSON.stringify({ selector: { colour: 'red' } });

        const plain = await invoke(['rich', query], { world });
        const paged = await invoke(['richPage', query, '2', ''], { world });

        expect(JSON.parse(text(plain.result.response.payload))).to.deep.equal([
            `${prefix}-a`,
            `${prefix}-c`,
            `${prefix}-d`,
        ]);
        expect(JSON.parse(text(paged.result.response.payload))).to.deep.equal({
            keys: [`${prefix}-a`, `${prefix}-c`],
            fetched: 2,
            bookmark: `${prefix}-d`,
        });
    });

    it('returns the history of a key', async () => {
        const key = `${uniquePrefix()}-asset`;
        const world = new InMemoryWorldState();
        world.history.set(key, [
            {
                txId: 'tx-create',
                value: Buffer.from('v1'),
                timestamp: { seconds: 1700000000n, nanos: 0 },
                isDelete: false,
            },
            {
                txId: 'tx-delete',
                value: new Uint8Array(),
                timestamp: { seconds: 1700000100n, nanos: 5 },
                isDelete: true,
            },
        ]);

        const { result } = await invoke(['history', key], { world });

        expect(JSON.parse(text(result.response.payload))).to.deep.equal([
            { txId: 'tx-create', value: 'v1', isDelete: false, seconds: 1700000000 },
            { txId: 'tx-delete', value: '', isDelete: true, seconds: 1700000100 },
        ]);
    });

    it('writes and reads key-level endorsement policies as state metadata', async () => {
        const key = `${uniquePrefix()}-asset`;
        const world = new InMemoryWorldState();
        world.metadata.set(
            InMemoryWorldState.slot('', key),
            new Map([['VALIDATION_PARAMETER', Buffer.from('policy-1')]]),
        );

        const written = await invoke(['setEndorsementPolicy', key, 'policy-2']);
        const read = await invoke(['getEndorsementPolicy', key], { world });

        expect(written.simulation.metadataWrites).to.deep.equal([
            { collection: '', key, name: 'VALIDATION_PARAMETER', value: 'policy-2' },
        ]);
        expect(text(read.result.response.payload)).to.equal('policy-1');
    });

    it('writes private data from the transient map, reads its hash and purges it', async () => {
        const key = `${uniquePrefix()}-secret`;
        const world = new InMemoryWorldState();
        world.set('healthcoPrivate', key, 'confidential');
        world.privateHashes.set(InMemoryWorldState.slot('healthcoPrivate', key), Buffer.from('c0ffee', 'hex'));

        const put = await invoke(['putPrivate', 'healthcoPrivate', key], { transient: { value: 'new secret' } });
        const read = await invoke(['getPrivate', 'healthcoPrivate', key], { world });
        const hash = await invoke(['privateHash', 'healthcoPrivate', key], { world });
        const purge = await invoke(['purgePrivate', 'healthcoPrivate', key]);

        expect(put.simulation.writes).to.deep.equal([{ collection: 'healthcoPrivate', key, value: 'new secret' }]);
        expect(text(read.result.response.payload)).to.equal('confidential');
        expect(text(hash.result.response.payload)).to.equal('c0ffee');
        expect(purge.simulation.purges).to.deep.equal([{ collection: 'healthcoPrivate', key }]);
    });

    it('gives the chaincode the creator, transaction ID, channel, timestamp and transient keys', async () => {
        const { result, txId } = await invoke(['whoami'], { transient: { price: '10', note: 'x' } });

        expect(JSON.parse(text(result.response.payload))).to.deep.equal({
            mspId: MSP_ID,
            txId,
            channel: CHANNEL,
            timestamp: timestamp.toISOString(),
            transientKeys: ['note', 'price'],
        });
    });

    it('returns the chaincode event labelled with the chaincode name and transaction ID', async () => {
        const { chaincodeName } = fixture();

        const { result, txId } = await invoke(['emit', 'AssetCreated', '{"id":"a1"}']);

        expect(result.event?.chaincodeId).to.equal(chaincodeName);
        expect(result.event?.txId).to.equal(txId);
        expect(result.event?.eventName).to.equal('AssetCreated');
        expect(text(result.event?.payload ?? new Uint8Array())).to.equal('{"id":"a1"}');
    });

    it('returns an error thrown in chaincode as status 500 with its message', async () => {
        const message = `asset ${uniquePrefix()} is not for sale`;

        const { result, simulation } = await invoke(['fail', message]);

        expect(result.response.status).to.equal(500);
        expect(result.response.message).to.equal(message);
        expect(simulation.writes).to.deep.equal([]);
    });

    it('reports a ledger failure to the chaincode in the peer wording', async () => {
        const key = `${uniquePrefix()}-asset`;

        const { result, txId } = await invoke(['get', key], {
            prepare: (simulation) => {
                simulation.failOn(key, 'private data matching public hash version is not available');
            },
        });

        expect(result.response.status).to.equal(500);
        expect(result.response.message).to.equal(
            `GET_STATE failed: transaction ID: ${txId}: private data matching public hash version is not available`,
        );
    });

    it('rejects with the failure when the chaincode answers ERROR instead of COMPLETED', async () => {
        const { runtime, chaincodeName } = fixture();
        const txId = newTxId();
        const simulation = new InMemorySimulation(new InMemoryWorldState(), {
            channel: CHANNEL,
            txId,
            namespace: chaincodeName,
        });
        const withoutProposalHeader = new peer.SignedProposal();
        withoutProposalHeader.setSignature(Buffer.from('signature'));
        const request = {
            channel: CHANNEL,
            txId,
            signedProposal: withoutProposalHeader.serializeBinary(),
            input: chaincodeInput(['get', 'k']),
        };

        await expect(runtime.execute(chaincodeName, request, simulation)).to.be.rejectedWith(
            ChaincodeExecutionError,
            'transaction returned with failure: Error: Proposal header is empty',
        );
    });

    it('refuses chaincode-to-chaincode calls with a clear error', async () => {
        const { result } = await invoke(['callOther', 'othercc']);

        expect(result.response.status).to.equal(500);
        expect(result.response.message).to.match(/does not support chaincode-to-chaincode calls.*othercc/);
    });

    it('serves concurrent transactions separately and refuses a duplicate transaction ID', async () => {
        const key = `${uniquePrefix()}-held`;
        let release = (): void => undefined;
        const held = start(['get', key], {
            prepare: (simulation) => {
                release = simulation.holdOn(key);
            },
        });
        const others = await Promise.all([1, 2, 3].map((n) => invoke(['put', `${key}-${n}`, `v${n}`])));
        const duplicate = start(['get', key], { txId: held.txId });

        await expect(duplicate.done).to.be.rejectedWith(
            ChaincodeExecutionError,
            `txid: ${held.txId}(${CHANNEL}) exists`,
        );
        release();
        const heldResult = await held.done;

        expect(others.map((other) => other.simulation.writes)).to.deep.equal(
            [1, 2, 3].map((n) => [{ collection: '', key: `${key}-${n}`, value: `v${n}` }]),
        );
        expect(heldResult.response.status).to.equal(200);
        expect(duplicate.simulation.calls).to.deep.equal([]);
    });
}

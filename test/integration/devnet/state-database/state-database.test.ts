// The devnet's state-database modes, as core.yaml's ledger.state.stateDatabase: goleveldb (the default) refuses rich
// queries with the message a LevelDB peer returns; CouchDB answers them. Driven by the unmodified fabric-gateway client
// and the orgs fixture chaincode.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EndorseError, type Contract } from '@hyperledger/fabric-gateway';
import * as chai from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { startDevnet, type Devnet, type DevnetOptions } from '../../../../network/devnet/src';
import { connectClient, type ConnectedClient } from '../protocol/client';
import { twoOrganizations } from '../support/two-organizations';

chai.use(chaiAsPromised);
const { expect } = chai;

const CHANNEL = 'statedb';
const CHAINCODE = 'orgs';
const fixture = resolve(__dirname, '../../../fixtures/chaincode/orgs');
const utf8 = (bytes: Uint8Array): string => Buffer.from(bytes).toString();

const topology = twoOrganizations(CHANNEL, CHAINCODE);

interface Running {
    readonly contract: Contract;
    stop(): Promise<void>;
}

async function startMode(stateDatabase: DevnetOptions['stateDatabase']): Promise<Running> {
    const dataDir = await mkdtemp(join(tmpdir(), 'devnet-statedb-'));
    let devnet: Devnet | undefined;
    let client: ConnectedClient | undefined;
    try {
        devnet = await startDevnet({
            dataDir,
            topology,
            ...(stateDatabase === undefined ? {} : { stateDatabase }),
            chaincodes: [{ name: CHAINCODE, packageDir: fixture }],
        });
        client = connectClient(devnet.connectionFiles.get('org1') ?? '');
    } catch (error) {
        await devnet?.stop();
        await rm(dataDir, { recursive: true, force: true });
        throw error;
    }
    const started = devnet;
    const connected = client;
    return {
        contract: connected.gateway.getNetwork(CHANNEL).getContract(CHAINCODE),
        async stop() {
            connected.close();
            await started.stop();
            await rm(dataDir, { recursive: true, force: true });
        },
    };
}

/** Three documents of one test run, two of them with colour blue. */
async function seed(contract: Contract): Promise<{ prefix: string; query: string }> {
    const prefix = `doc-${randomUUID()}`;
    await Promise.all(
        ['blue', 'red', 'blue'].map((colour, index) =>
            contract.submitTransaction('put', `${prefix}-${String(index)}`, JSON.stringify({ run: prefix, colour })),
        ),
    );
    return { prefix, query: JSON.stringify({ selector: { run: prefix, colour: 'blue' } }) };
}

describe('devnet state database: goleveldb (the default)', function () {
    this.timeout(90_000);
    let running: Running | undefined;
    let query: string;

    before(async () => {
        running = await startMode(undefined);
        ({ query } = await seed(running.contract));
    });

    after(async () => {
        await running?.stop();
    });

    it("refuses GetQueryResult with LevelDB's message, wrapped as the peer wraps it", async () => {
        const proposal = running!.contract.newProposal('rich', { arguments: [query] });
        const txId = proposal.getTransactionId();
        await expect(proposal.evaluate()).to.be.rejectedWith(
            `chaincode response 500, GET_QUERY_RESULT failed: transaction ID: ${txId}: ExecuteQuery not supported for leveldb`,
        );
    });

    it('refuses GetQueryResultWithPagination with the ...WithMetadata message', async () => {
        await expect(running!.contract.evaluateTransaction('richPage', query, '10', '')).to.be.rejectedWith(
            /GET_QUERY_RESULT failed: transaction ID: [0-9a-f]{64}: ExecuteQueryWithMetadata not supported for leveldb$/,
        );
    });

    it('refuses rich queries on private data collections too', async () => {
        await expect(running!.contract.evaluateTransaction('richOwn', '{"selector":{}}')).to.be.rejectedWith(
            /GET_QUERY_RESULT failed: transaction ID: [0-9a-f]{64}: ExecuteQuery not supported for leveldb$/,
        );
    });

    it('counts a refused paginated query as one: a later write in the transaction is refused, as on a peer', async () => {
        await expect(running!.contract.submitTransaction('richPageThenPut', query, `after-${randomUUID()}`))
            .to.be.rejectedWith(EndorseError)
            .and.eventually.have.nested.property('details[0].message')
            .that.matches(
                /^chaincode response 500, PUT_STATE failed: transaction ID: (\w+): txid \[\1\]: unsuppored transaction\. Transaction has already performed a paginated query\. Writes are not allowed$/,
            );
    });
});

describe('devnet state database: CouchDB', function () {
    this.timeout(90_000);
    let running: Running | undefined;
    let prefix: string;
    let query: string;

    before(async () => {
        running = await startMode('CouchDB');
        ({ prefix, query } = await seed(running.contract));
    });

    after(async () => {
        await running?.stop();
    });

    it('answers GetQueryResult with the matching documents', async () => {
        const keys = JSON.parse(utf8(await running!.contract.evaluateTransaction('rich', query))) as string[];
        expect(keys).to.deep.equal([`${prefix}-0`, `${prefix}-2`]);
    });

    it('answers GetQueryResultWithPagination page by page', async () => {
        const first = JSON.parse(utf8(await running!.contract.evaluateTransaction('richPage', query, '1', ''))) as {
            keys: string[];
            fetched: number;
            bookmark: string;
        };
        const second = JSON.parse(
            utf8(await running!.contract.evaluateTransaction('richPage', query, '1', first.bookmark)),
        ) as { keys: string[]; fetched: number };

        expect(first).to.include({ fetched: 1 });
        expect(first.keys).to.deep.equal([`${prefix}-0`]);
        expect(second.keys).to.deep.equal([`${prefix}-2`]);
    });
});

describe('devnet state database option', () => {
    it('refuses a state database Fabric does not have, naming the option', async () => {
        const dataDir = await mkdtemp(join(tmpdir(), 'devnet-statedb-'));
        try {
            await expect(
                startDevnet({ dataDir, topology, stateDatabase: 'couchdb' as DevnetOptions['stateDatabase'] }),
            ).to.be.rejectedWith("stateDatabase must be 'goleveldb' or 'CouchDB', got 'couchdb'");
        } finally {
            await rm(dataDir, { recursive: true, force: true });
        }
    });
});

// The peer side of the chaincode protocol, driven message by message through an in-process fake stream.
import { EventEmitter } from 'node:events';
import * as chai from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { describe, it } from 'mocha';
import { peer } from '@hyperledger/fabric-protos';
import { ChaincodeRegistry } from '../../../../network/devnet/src/chaincode/chaincode-registry';
import { ChaincodeStreamHandler } from '../../../../network/devnet/src/chaincode/stream-handler';
import { InMemorySimulation, InMemoryWorldState } from './in-memory-simulation';
import { chaincodeInput, newTxId } from './proposal';

chai.use(chaiAsPromised);
const { expect } = chai;
const Type = peer.ChaincodeMessage.Type;

class FakeStream extends EventEmitter {
    readonly written: peer.ChaincodeMessage[] = [];
    ended = false;
    #waiters: (() => void)[] = [];

    write(message: peer.ChaincodeMessage): boolean {
        this.written.push(message);
        this.#waiters.splice(0).forEach((wake) => {
            wake();
        });
        return true;
    }

    end(): void {
        this.ended = true;
    }

    /** Sends a message as the chaincode would. */
    receive(type: number, fields: { txId?: string; channelId?: string; payload?: Uint8Array } = {}): void {
        const message = new peer.ChaincodeMessage();
        message.setType(type as peer.ChaincodeMessage.TypeMap[keyof peer.ChaincodeMessage.TypeMap]);
        message.setTxid(fields.txId ?? '');
        message.setChannelId(fields.channelId ?? '');
        message.setPayload(fields.payload ?? new Uint8Array());
        this.emit('data', message);
    }

    async nextWritten(count: number): Promise<peer.ChaincodeMessage> {
        while (this.written.length < count) {
            await new Promise<void>((resolve) => this.#waiters.push(resolve));
        }
        return this.written[count - 1]!;
    }
}

function registerPayload(chaincodeId: string): Uint8Array {
    const id = new peer.ChaincodeID();
    id.setName(chaincodeId);
    return id.serializeBinary();
}

function payloadText(message: peer.ChaincodeMessage): string {
    return Buffer.from(message.getPayload_asU8()).toString();
}

function newHandler(registry: ChaincodeRegistry, stream: FakeStream): ChaincodeStreamHandler {
    return new ChaincodeStreamHandler(stream, { registrar: registry, executeTimeoutMs: 30_000, totalQueryLimit: 100 });
}

describe('ChaincodeStreamHandler', () => {
    it('answers REGISTER with REGISTERED then READY and maps the ID to the chaincode name', async () => {
        const registry = new ChaincodeRegistry([{ name: 'bia' }]);
        const stream = new FakeStream();
        const handler = newHandler(registry, stream);

        stream.receive(Type.REGISTER, { payload: registerPayload('bia:1.2') });

        expect(stream.written.map((message) => message.getType())).to.deep.equal([Type.REGISTERED, Type.READY]);
        expect(handler.chaincodeName).to.equal('bia');
        await registry.waitReady('bia', 10);
    });

    it('refuses a chaincode ID that is not a chaincode of the devnet', () => {
        const registry = new ChaincodeRegistry([{ name: 'bia' }]);
        const stream = new FakeStream();
        newHandler(registry, stream);

        stream.receive(Type.REGISTER, { payload: registerPayload('other:1.0') });

        expect(stream.written.map((message) => message.getType())).to.deep.equal([Type.ERROR]);
        expect(payloadText(stream.written[0]!)).to.equal(
            'chaincode ID other:1.0 is not a chaincode of this devnet (known: bia)',
        );
        expect(stream.ended).to.equal(true);
    });

    it('refuses a second registration of a running chaincode', () => {
        const registry = new ChaincodeRegistry([]);
        const first = new FakeStream();
        const second = new FakeStream();
        newHandler(registry, first);
        newHandler(registry, second);

        first.receive(Type.REGISTER, { payload: registerPayload('bia:1.0') });
        second.receive(Type.REGISTER, { payload: registerPayload('bia:1.0') });

        expect(payloadText(second.written[0]!)).to.equal('duplicate chaincodeID: bia:1.0');
        expect(registry.readyHandler('bia')).to.not.equal(undefined);
    });

    it('lets a chaincode register again after its stream ended', () => {
        const registry = new ChaincodeRegistry([]);
        const first = new FakeStream();
        newHandler(registry, first);
        first.receive(Type.REGISTER, { payload: registerPayload('bia:1.0') });
        first.emit('end');
        const second = new FakeStream();
        const handler = newHandler(registry, second);

        second.receive(Type.REGISTER, { payload: registerPayload('bia:1.1') });

        expect(registry.readyHandler('bia')).to.equal(handler);
    });

    it('refuses anything but REGISTER before registration', () => {
        const stream = new FakeStream();
        newHandler(new ChaincodeRegistry([]), stream);

        stream.receive(Type.GET_STATE, { txId: 'tx1', channelId: 'association' });

        expect(payloadText(stream.written[0]!)).to.equal(
            '[tx1] Fabric side handler cannot handle message (GET_STATE) while in created state',
        );
    });

    it('answers requests for unknown transactions and unknown message types with ERROR', async () => {
        const stream = new FakeStream();
        newHandler(new ChaincodeRegistry([]), stream);
        stream.receive(Type.REGISTER, { payload: registerPayload('bia:1.0') });
        const getState = new peer.GetState();
        getState.setKey('k');

        stream.receive(Type.GET_STATE, { txId: 'tx2', channelId: 'association', payload: getState.serializeBinary() });
        stream.receive(Type.GET_STATE_MULTIPLE, { txId: 'tx3', channelId: 'association' });
        const noContext = await stream.nextWritten(3);
        const unknownType = await stream.nextWritten(4);

        expect(noContext.getType()).to.equal(Type.ERROR);
        expect(payloadText(noContext)).to.equal('GET_STATE failed: transaction ID: tx2: no ledger context');
        expect(noContext.getChannelId()).to.equal('association');
        expect(payloadText(unknownType)).to.equal(
            '[tx3] Fabric side handler cannot handle message (GET_STATE_MULTIPLE) while in ready state',
        );
    });

    it('sends TRANSACTION with the input and resolves with the COMPLETED response', async () => {
        const stream = new FakeStream();
        const handler = newHandler(new ChaincodeRegistry([]), stream);
        stream.receive(Type.REGISTER, { payload: registerPayload('bia:1.0') });
        const txId = newTxId();
        const simulation = new InMemorySimulation(new InMemoryWorldState(), {
            channel: 'association',
            txId,
            namespace: 'bia',
        });
        const input = chaincodeInput(['ping']);

        const done = handler.execute(
            { channel: 'association', txId, signedProposal: new Uint8Array(), input },
            simulation,
        );
        const sent = await stream.nextWritten(3);
        const response = new peer.Response();
        response.setStatus(200);
        response.setPayload(Buffer.from('pong'));
        stream.receive(Type.COMPLETED, { txId, channelId: 'association', payload: response.serializeBinary() });
        const result = await done;

        expect(sent.getType()).to.equal(Type.TRANSACTION);
        expect(sent.getPayload_asU8()).to.deep.equal(input);
        expect(result.response.status).to.equal(200);
        expect(Buffer.from(result.response.payload).toString()).to.equal('pong');
        expect(result.event).to.equal(undefined);
    });
});

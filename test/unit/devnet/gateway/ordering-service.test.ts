import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import * as sinon from 'sinon';
import { common } from '@hyperledger/fabric-protos';
import { blockHeaderHash, headerFields, OrderingService } from '../../../../network/devnet/src/orderer';

describe('orderer OrderingService', () => {
    let clock: sinon.SinonFakeTimers;

    beforeEach(() => {
        clock = sinon.useFakeTimers();
    });

    afterEach(() => {
        clock.restore();
    });

    function newService(options: { lastBlock?: common.Block; refuse?: (envelope: Uint8Array) => boolean } = {}): {
        service: OrderingService;
        blocks: common.Block[];
    } {
        const blocks: common.Block[] = [];
        const service = new OrderingService({
            batch: { maxMessageCount: 2, batchTimeoutMs: 100 },
            lastBlock: options.lastBlock,
            filter: (envelope) =>
                options.refuse?.(envelope) ? { status: common.Status.FORBIDDEN, info: 'refused' } : undefined,
            deliver: (block) => {
                blocks.push(block);
                return Promise.resolve();
            },
            onError: (error) => {
                throw error;
            },
        });
        return { service, blocks };
    }

    const envelope = (): Uint8Array => Buffer.from(randomUUID());

    it('numbers blocks from 0 and chains each to the previous header hash', async () => {
        const { service, blocks } = newService();
        for (let index = 0; index < 5; index++) {
            expect(service.broadcast(envelope()).status).to.equal(common.Status.SUCCESS);
        }
        await service.stop();
        expect(blocks.map((block) => block.getHeader()?.getNumber())).to.deep.equal([0, 1, 2]);
        expect(blocks.map((block) => block.getData()?.getDataList().length)).to.deep.equal([2, 2, 1]);
        expect(blocks[0]?.getHeader()?.getPreviousHash_asU8()).to.have.length(0);
        for (let index = 1; index < blocks.length; index++) {
            const previous = blocks[index - 1];
            const expected = Buffer.from(blockHeaderHash(headerFields(previous!)));
            expect(Buffer.from(blocks[index]?.getHeader()?.getPreviousHash_asU8() ?? [])).to.deep.equal(expected);
        }
    });

    it('continues the chain after the last committed block', async () => {
        const first = newService();
        first.service.broadcast(envelope());
        first.service.broadcast(envelope());
        await first.service.stop();
        const last = first.blocks[0]!;

        const second = newService({ lastBlock: last });
        second.service.broadcast(envelope());
        await second.service.flush();
        expect(second.blocks[0]?.getHeader()?.getNumber()).to.equal(1);
        expect(Buffer.from(second.blocks[0]?.getHeader()?.getPreviousHash_asU8() ?? [])).to.deep.equal(
            Buffer.from(blockHeaderHash(headerFields(last))),
        );
    });

    it("returns the filter's refusal and does not order the envelope", async () => {
        const refused = envelope();
        const { service, blocks } = newService({ refuse: (candidate) => Buffer.from(candidate).equals(refused) });
        expect(service.broadcast(refused)).to.deep.equal({ status: common.Status.FORBIDDEN, info: 'refused' });
        const accepted = envelope();
        service.broadcast(accepted);
        await service.flush();
        expect(
            blocks.flatMap((block) =>
                block
                    .getData()
                    ?.getDataList_asU8()
                    .map((data) => Buffer.from(data)),
            ),
        ).to.deep.equal([Buffer.from(accepted)]);
    });

    it('cuts a partial batch on the batch timeout', async () => {
        const { service, blocks } = newService();
        service.broadcast(envelope());
        await clock.tickAsync(100);
        expect(blocks).to.have.length(1);
        await service.stop();
    });

    it('refuses broadcasts once stopping', async () => {
        const { service } = newService();
        await service.stop();
        expect(service.broadcast(envelope()).status).to.equal(common.Status.SERVICE_UNAVAILABLE);
    });
});

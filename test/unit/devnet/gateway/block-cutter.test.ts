import { expect } from 'chai';
import * as sinon from 'sinon';
import { BlockCutter } from '../../../../network/devnet/src/orderer';

function envelope(label: string): Uint8Array {
    return Buffer.from(label);
}

describe('orderer BlockCutter', () => {
    let clock: sinon.SinonFakeTimers;

    beforeEach(() => {
        clock = sinon.useFakeTimers();
    });

    afterEach(() => {
        clock.restore();
    });

    it('cuts a batch as soon as it holds maxMessageCount envelopes', () => {
        const batches: string[][] = [];
        const cutter = new BlockCutter({ maxMessageCount: 3, batchTimeoutMs: 1000 }, (batch) =>
            batches.push(batch.map((e) => Buffer.from(e).toString())),
        );
        ['a', 'b', 'c', 'd'].forEach((label) => {
            cutter.ordered(envelope(label));
        });
        expect(batches).to.deep.equal([['a', 'b', 'c']]);
        expect(cutter.pendingCount).to.equal(1);
        cutter.stop();
    });

    it('cuts a partial batch batchTimeoutMs after its first envelope', () => {
        const batches: string[][] = [];
        const cutter = new BlockCutter({ maxMessageCount: 10, batchTimeoutMs: 100 }, (batch) =>
            batches.push(batch.map((e) => Buffer.from(e).toString())),
        );
        cutter.ordered(envelope('first'));
        clock.tick(60);
        cutter.ordered(envelope('second'));
        clock.tick(39);
        expect(batches, 'not yet').to.deep.equal([]);
        clock.tick(1);
        expect(batches).to.deep.equal([['first', 'second']]);
    });

    it('starts a new timer for the next batch and never cuts an empty batch', () => {
        const sink = sinon.spy();
        const cutter = new BlockCutter({ maxMessageCount: 2, batchTimeoutMs: 50 }, sink);
        cutter.ordered(envelope('x'));
        cutter.ordered(envelope('y'));
        clock.tick(500);
        expect(sink.callCount, 'only the full batch').to.equal(1);
        cutter.ordered(envelope('z'));
        clock.tick(50);
        expect(sink.callCount).to.equal(2);
        cutter.cut();
        expect(sink.callCount).to.equal(2);
    });

    it('cuts before an envelope that would take the batch past preferredMaxBytes', () => {
        const batches: string[][] = [];
        const cutter = new BlockCutter({ maxMessageCount: 10, batchTimeoutMs: 1000, preferredMaxBytes: 10 }, (batch) =>
            batches.push(batch.map((e) => Buffer.from(e).toString())),
        );
        ['aaaa', 'bbbb', 'cc', 'ddd'].forEach((label) => {
            cutter.ordered(envelope(label));
        });
        expect(batches, '4 + 4 + 2 bytes fit exactly; 3 more do not').to.deep.equal([['aaaa', 'bbbb', 'cc']]);
        expect(cutter.pendingCount).to.equal(1);
        cutter.stop();
    });

    it('gives an envelope larger than preferredMaxBytes a block of its own, after the pending batch', () => {
        const batches: string[][] = [];
        const cutter = new BlockCutter({ maxMessageCount: 10, batchTimeoutMs: 1000, preferredMaxBytes: 5 }, (batch) =>
            batches.push(batch.map((e) => Buffer.from(e).toString())),
        );
        cutter.ordered(envelope('ab'));
        cutter.ordered(envelope('too large'));
        expect(batches).to.deep.equal([['ab'], ['too large']]);
        expect(cutter.pendingCount).to.equal(0);
        clock.tick(1000);
        expect(batches, 'no timer left behind').to.have.length(2);
    });

    it('refuses settings that could never cut', () => {
        expect(() => new BlockCutter({ maxMessageCount: 0, batchTimeoutMs: 10 }, () => undefined)).to.throw(RangeError);
        expect(() => new BlockCutter({ maxMessageCount: 1, batchTimeoutMs: 0 }, () => undefined)).to.throw(RangeError);
        expect(
            () => new BlockCutter({ maxMessageCount: 1, batchTimeoutMs: 10, preferredMaxBytes: 0 }, () => undefined),
        ).to.throw(RangeError);
    });
});

// The story's bounded pool: results in order, never more than the limit in flight, the first failure stops it.
import { expect, use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { mapBounded } from '../../../scripts/founding-day/bounded';

use(chaiAsPromised);

describe('mapBounded', () => {
    it('returns the results in the order of the items', async () => {
        const items = [5, 1, 4, 2, 3];
        const results = await mapBounded(items, 2, async (n) => {
            await new Promise((resolve) => setImmediate(resolve));
            return n * 10;
        });
        expect(results).to.deep.equal([50, 10, 40, 20, 30]);
    });

    it('keeps at most the limit in flight', async () => {
        let inFlight = 0;
        let highest = 0;
        await mapBounded(
            Array.from({ length: 20 }, (_, i) => i),
            3,
            async () => {
                inFlight++;
                highest = Math.max(highest, inFlight);
                await new Promise((resolve) => setImmediate(resolve));
                inFlight--;
            },
        );
        expect(highest).to.equal(3);
    });

    it('starts nothing new after a failure and rejects with it', async () => {
        const started: number[] = [];
        const run = mapBounded([1, 2, 3, 4, 5, 6], 2, async (n) => {
            started.push(n);
            await new Promise((resolve) => setImmediate(resolve));
            if (n === 2) {
                throw new Error(`task ${n} failed`);
            }
        });
        await expect(run).to.be.rejectedWith('task 2 failed');
        expect(started).to.deep.equal([1, 2, 3]);
    });
});

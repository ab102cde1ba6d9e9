// The soak's arithmetic: durations, least-squares slopes, and its report.
import { expect } from 'chai';
import { parseDuration } from '../options';
import { renderSoak, slope, type SoakResult } from '../soak';

describe('bench soak', () => {
    it('parses durations in seconds, minutes and hours, and refuses others', () => {
        expect(parseDuration('90s', '--soak')).to.equal(90_000);
        expect(parseDuration('10m', '--soak')).to.equal(600_000);
        expect(parseDuration('1h', '--soak')).to.equal(3_600_000);
        expect(() => parseDuration('10', '--soak')).to.throw(/--soak takes a duration like 90s, 10m or 1h, got '10'/);
        expect(() => parseDuration('0m', '--soak')).to.throw(/--soak/);
    });

    it('fits the least-squares slope', () => {
        expect(
            slope([
                [0, 1],
                [1, 3],
                [2, 5],
            ]),
        ).to.be.closeTo(2, 1e-9);
        expect(
            slope([
                [0, 5],
                [1, 4],
                [2, 6],
                [3, 5],
            ]),
        ).to.be.closeTo(0.2, 1e-9);
        expect(slope([[1, 1]])).to.equal(undefined);
        expect(
            slope([
                [1, 1],
                [1, 2],
            ]),
        ).to.equal(undefined);
    });

    it('reports every minute, the failures, last against first minute and memory with slopes', () => {
        const minute = (n: number, committed: number, failures: Record<string, number> = {}) => ({
            minute: n,
            seconds: 60,
            committed,
            perMinute: committed,
            failures,
            otherErrors: 0,
            p50Ms: 100,
            p99Ms: 300,
        });
        const result: SoakResult = {
            workload: 'checkpoints',
            concurrency: 50,
            durationMs: 120_000,
            minutes: [minute(1, 1000), minute(2, 950, { MVCC_READ_CONFLICT: 2 })],
            samples: [
                {
                    seconds: 0,
                    clientRssBytes: 100 * 2 ** 20,
                    chaincodeMaxRssBytes: 80 * 2 ** 20,
                    chaincodeTotalRssBytes: 320 * 2 ** 20,
                    networkRssBytes: 200 * 2 ** 20,
                },
                {
                    seconds: 120,
                    clientRssBytes: 110 * 2 ** 20,
                    chaincodeMaxRssBytes: 82 * 2 ** 20,
                    chaincodeTotalRssBytes: 328 * 2 ** 20,
                    networkRssBytes: 220 * 2 ** 20,
                },
            ],
            slopes: { client: { whole: 5 }, chaincodeMax: { whole: 1, secondHalf: 0.5 }, network: { whole: 10 } },
        };
        const text = renderSoak(result, 'devnet', 'test machine');
        expect(text).to.include('| 2 | 950 | 950 | MVCC_READ_CONFLICT:2 | 100 | 300 |');
        expect(text).to.include('Failures: 2. Last minute / first minute goodput: 0.95');
        expect(text).to.include(
            '| chaincode (largest of its processes) | 80 MB | 82 MB | +1.00 MB/min (second half +0.50) |',
        );
        expect(text).to.include('| network process | 200 MB | 220 MB | +10.00 MB/min (second half -) |');
    });
});

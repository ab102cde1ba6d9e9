// The harness's own arithmetic: percentiles, target verdicts, and the chart being well-formed SVG.
import { expect } from 'chai';
import { renderChart } from '../chart';
import { type BenchResults, type WorkloadResult, evaluateTargets, renderText } from '../report';
import type { RunResult } from '../runner';
import { percentile, ratio, summarizeLatencies } from '../stats';

function run(overrides: Partial<RunResult>): RunResult {
    return {
        workload: 'w',
        concurrency: 50,
        workers: 50,
        elapsedMs: 1000,
        operations: 100,
        committed: 100,
        goodput: 100,
        latency: summarizeLatencies([10, 20, 30]),
        latenciesMs: [10, 20, 30],
        failures: {},
        otherErrors: 0,
        clientCpuMsPerTx: 1,
        chaincode: {},
        ...overrides,
    };
}

function workload(name: string, runs: RunResult[]): WorkloadResult {
    return { name, description: name, chaincode: 'bia', runs };
}

function results(overrides: Partial<BenchResults>): BenchResults {
    return { network: 'devnet', concurrency: 50, workloads: [], listQueries: [], ...overrides };
}

function verdict(all: BenchResults, prefix: string): boolean | undefined {
    const target = evaluateTargets(all).find((t) => t.target.startsWith(prefix));
    if (target === undefined) {
        throw new Error(`no target ${prefix}`);
    }
    return target.met;
}

describe('bench harness', () => {
    describe('percentiles', () => {
        it('takes the nearest rank of sorted values', () => {
            const values = Array.from({ length: 100 }, (_, index) => index + 1);
            expect(percentile(values, 0.5)).to.equal(50);
            expect(percentile(values, 0.95)).to.equal(95);
            expect(percentile(values, 0.99)).to.equal(99);
            expect(percentile([7], 0.99)).to.equal(7);
        });

        it('summarizes unsorted latencies and gives NaN for none', () => {
            const summary = summarizeLatencies([30, 10, 20, 40]);
            expect(summary).to.include({ count: 4, meanMs: 25, p50Ms: 20, maxMs: 40 });
            expect(summarizeLatencies([]).p50Ms).to.be.NaN;
        });

        it('has no ratio against zero or a missing value', () => {
            expect(ratio(3, 4)).to.equal(0.75);
            expect(ratio(3, 0)).to.equal(undefined);
            expect(ratio(undefined, 4)).to.equal(undefined);
        });
    });

    describe('targets', () => {
        it('judges checkpoint goodput against the baseline at the fixed concurrency', () => {
            const at = (checkpointGoodput: number) =>
                results({
                    workloads: [
                        workload('baseline', [run({ goodput: 100 })]),
                        workload('checkpoints', [
                            run({ concurrency: 10, goodput: 1 }),
                            run({ goodput: checkpointGoodput }),
                        ]),
                    ],
                });
            expect(verdict(at(80), 'checkpoint goodput')).to.equal(true);
            expect(verdict(at(79), 'checkpoint goodput')).to.equal(false);
            expect(verdict(results({}), 'checkpoint goodput')).to.equal(undefined);
        });

        it('counts MVCC and phantom conflicts of the hot-key run at concurrency 50 only', () => {
            const hot = (failures: Record<string, number>) =>
                results({
                    workloads: [
                        workload('hot-key', [
                            run({ concurrency: 100, failures: { MVCC_READ_CONFLICT: 9 } }),
                            run({ failures }),
                        ]),
                    ],
                });
            expect(verdict(hot({ ENDORSEMENT_POLICY_FAILURE: 1 }), '0 MVCC')).to.equal(true);
            expect(verdict(hot({ PHANTOM_READ_CONFLICT: 1 }), '0 MVCC')).to.equal(false);
        });

        it('leaves the page target unjudged unless 1,000 and 100,000 records were both measured', () => {
            const page = (records: number, p50Ms: number) => ({
                records,
                seeding: run({}),
                query: run({ latency: { ...summarizeLatencies([1]), p50Ms } }),
            });
            expect(verdict(results({ listQueries: [page(1000, 10), page(10_000, 30)] }), 'page of 100')).to.equal(
                undefined,
            );
            expect(verdict(results({ listQueries: [page(1000, 10), page(100_000, 15)] }), 'page of 100')).to.equal(
                true,
            );
            expect(verdict(results({ listQueries: [page(1000, 10), page(100_000, 16)] }), 'page of 100')).to.equal(
                false,
            );
        });

        it('judges memory and client overhead when measured', () => {
            const MB = 1024 * 1024;
            expect(verdict(results({ chaincodePeakRssBytes: 199 * MB }), 'chaincode process')).to.equal(true);
            expect(verdict(results({ chaincodePeakRssBytes: 200 * MB }), 'chaincode process')).to.equal(false);
            const overhead = (cpuRatio: number) => results({ clientOverhead: { comparisons: [], cpuRatio } });
            expect(verdict(overhead(1.05), 'client library')).to.equal(true);
            expect(verdict(overhead(1.06), 'client library')).to.equal(false);
        });
    });

    describe('rendering', () => {
        it('prints every workload and the targets', () => {
            const text = renderText(
                results({
                    workloads: [workload('baseline', [run({})]), workload('membership', [run({ workers: 49 })])],
                }),
            );
            expect(text).to.match(/^baseline\s+50\s+100\.0/m);
            expect(text).to.include('50 (49 workers)');
            expect(text).to.include('== targets ==');
        });

        it('draws one box per workload and one point per ledger size', () => {
            const svg = renderChart(
                [
                    { label: 'a <1>', latenciesMs: [5, 50, 500] },
                    { label: 'b', latenciesMs: [] },
                ],
                [
                    { records: 1000, p50Ms: 10, p95Ms: 20 },
                    { records: 10_000, p50Ms: 12, p95Ms: 25 },
                ],
                'caption',
            );
            expect(svg).to.match(/^<svg [^>]*>/);
            expect(svg.trim().endsWith('</svg>')).to.equal(true);
            expect(svg.match(/class="box"/g)).to.have.length(1);
            expect(svg.match(/class="median-dot"/g)).to.have.length(2);
            expect(svg).to.include('a &lt;1&gt;').and.not.include('a <1>');
            expect(svg).not.to.include('NaN');
        });
    });
});

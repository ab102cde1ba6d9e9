// Numbers in requests: bounded by the business (@bia/model numberBounds), exact, finite; refusals name the field.
import { expect } from 'chai';
import fc from 'fast-check';
import { numberBounds } from '@bia/model';
import { firstInexactNumber } from '@bia/chaincode/dist/common/json-numbers.js';
import { ChaincodeError } from '@bia/chaincode/dist/common/errors.js';
import { parseEvaluationReport } from '@bia/chaincode/dist/scenarios/mapping.js';
import { Association, createIdentities, expectRefusal } from './membership/association';
import type { TestIdentities } from '../../fixtures/identities';

describe('numbers in requests', () => {
    describe('firstInexactNumber (the literal text against the double JSON.parse makes of it)', () => {
        it('property: accepts every finite double as JavaScript writes it, anywhere in a document', () => {
            fc.assert(
                fc.property(fc.json(), fc.double({ noNaN: true, noDefaultInfinity: true }), (json, value) => {
                    expect(firstInexactNumber(json, 'x')).to.equal(undefined);
                    expect(firstInexactNumber(JSON.stringify({ a: [json, { value }] }), 'x')).to.equal(undefined);
                }),
            );
        });

        it('property: refuses an integer beyond 2^53 that a double cannot hold, naming its path', () => {
            const beyond = fc.bigInt({ min: 2n ** 53n + 1n, max: 2n ** 80n }).filter((n) => BigInt(Number(n)) !== n);
            fc.assert(
                fc.property(beyond, fc.boolean(), (n, negative) => {
                    const literal = `${negative ? '-' : ''}${n.toString()}`;
                    const text = `{"items":[{"name":"a, \\"quoted\\" [text]","n":1},{"q":${literal}}],"after":2}`;
                    expect(firstInexactNumber(text, 'request')).to.deep.include({
                        path: 'request.items[1].q',
                        literal,
                    });
                }),
            );
        });

        it('reads equal values written differently as exact, and overflow as not finite', () => {
            for (const literal of ['0', '-0', '0.0', '1e0', '10E-1', '100e-2', '0.1', '1.5e300', '5e-324', '2.5']) {
                expect(firstInexactNumber(`[${literal}]`, 'x'), literal).to.equal(undefined);
            }
            expect(firstInexactNumber('{"a":1e400}', 'x')).to.deep.include({
                path: 'x.a',
                rule: 'must be a finite number',
            });
            expect(firstInexactNumber('{"a":{"b":[0.1000000000000000055511151231257827]}}', 'x')).to.deep.include({
                path: 'x.a.b[0]',
            });
            expect(firstInexactNumber('{"a":1e-400}', 'x')).to.deep.include({ path: 'x.a' });
        });
    });

    describe('charter terms (membership:Bootstrap)', () => {
        let identities: TestIdentities;
        let association: Association;

        before(async () => {
            identities = await createIdentities();
        });

        beforeEach(() => {
            association = Association.empty(identities);
        });

        const cases: { name: string; from: string; to: string; field: string; rule: string | RegExp }[] = [
            {
                name: 'a fractional quorum',
                from: '"quorumPercent":50',
                to: '"quorumPercent":50.5',
                field: 'request.charter.quorumPercent',
                rule: 'must be a whole number',
            },
            {
                name: 'a quorum of 9007199254740993',
                from: '"quorumPercent":50',
                to: '"quorumPercent":9007199254740993',
                field: 'request.charter.quorumPercent',
                rule: /would become 9007199254740992/,
            },
            {
                name: 'an infinite voting window',
                from: '"votingWindowSeconds":3600',
                to: '"votingWindowSeconds":1e999',
                field: 'request.charter.votingWindowSeconds',
                rule: 'must be a finite number',
            },
            {
                name: 'a voting window beyond 90 days',
                from: '"votingWindowSeconds":3600',
                to: '"votingWindowSeconds":7776001',
                field: 'request.charter.votingWindowSeconds',
                rule: `must be at most ${numberBounds.votingWindowSeconds.max}`,
            },
            {
                name: 'an approval of 0',
                from: '"approvalPercent":60',
                to: '"approvalPercent":0',
                field: 'request.charter.approvalPercent',
                rule: 'must be at least 1',
            },
        ];
        for (const { name, from, to, field, rule } of cases) {
            it(`refuses ${name}: VALIDATION naming ${field}, nothing written`, async () => {
                const text = JSON.stringify(association.bootstrapRequest()).replace(from, to);
                expect(text).to.include(to);
                const { details } = await expectRefusal(
                    association.submit('membership:Bootstrap', [text], {
                        as: await association.admin('SecretariatMSP'),
                    }),
                    'VALIDATION',
                    { field },
                );
                if (typeof rule === 'string') {
                    expect(details.rule).to.equal(rule);
                } else {
                    expect(details.rule).to.match(rule);
                }
            });
        }
    });

    describe('KPIs (scenarios evaluation report)', () => {
        const report = (value: string) => `{"summary":"done","kpis":[{"name":"uptime","value":${value},"unit":"%"}]}`;

        it('accepts values within ±10^15', () => {
            expect(parseEvaluationReport(report('-1e15')).kpis[0]?.value).to.equal(-1e15);
            expect(parseEvaluationReport(report('99.95')).kpis[0]?.value).to.equal(99.95);
        });

        for (const [value, rule] of [
            ['1e16', 'must be at most 1000000000000000'],
            ['1e999', 'must be a finite number'],
            ['0.30000000000000000001', /would become 0.3/],
        ] as const) {
            it(`refuses ${value}: VALIDATION naming report.kpis[0].value`, () => {
                const attempt = () => parseEvaluationReport(report(value));
                expect(attempt).to.throw(ChaincodeError);
                try {
                    attempt();
                } catch (error) {
                    const { code, details } = error as ChaincodeError;
                    expect(code).to.equal('VALIDATION');
                    expect(details.field).to.equal('report.kpis[0].value');
                    if (typeof rule === 'string') {
                        expect(details.rule).to.equal(rule);
                    } else {
                        expect(String(details.rule)).to.match(rule);
                    }
                }
            });
        }
    });
});

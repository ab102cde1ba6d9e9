import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'chai';
import * as sinon from 'sinon';
import { commands } from '../../../../client/src/cli/commands';
import { Values } from '../../../../client/src/cli/values';
import { facadeStubs, fakeClient } from './fake-client';

interface Metadata {
    contracts: Record<string, { transactions: { name: string; tag?: string[] }[] }>;
}

const metadata = JSON.parse(
    readFileSync(resolve(__dirname, '../../../golden/contract-metadata.json'), 'utf8'),
) as Metadata;

/** Values for every parameter of a command, each different, so the call's arguments can be checked. */
function sampleValues(parameters: (typeof commands)[number]['parameters']): Values {
    return new Values(
        new Map(
            parameters.map((p, i) => [
                p.name,
                p.type === 'integer'
                    ? i + 1
                    : p.type === 'document'
                      ? { doc: p.name }
                      : p.type === 'list'
                        ? [`v${i}`, `w${i}`]
                        : (p.choices?.[0] ?? `v${i}`),
            ]),
        ),
    );
}

describe('biactl command table', () => {
    const sandbox = sinon.createSandbox();
    afterEach(() => {
        sandbox.restore();
    });

    it('has one subcommand for every transaction of every contract in the chaincode metadata', () => {
        const expected = Object.entries(metadata.contracts)
            .filter(([contract]) => contract !== 'org.hyperledger.fabric')
            .flatMap(([contract, c]) => c.transactions.map((t) => `${contract}:${t.name}`))
            .sort();

        expect(commands.map((c) => `${c.contract}:${c.transaction}`).sort()).to.deep.equal(expected);
    });

    it('submits what the chaincode submits and evaluates what it evaluates', () => {
        for (const command of commands) {
            const transaction = metadata.contracts[command.contract]?.transactions.find(
                (t) => t.name === command.transaction,
            );
            const expected = transaction?.tag?.includes('SUBMIT') === true ? 'submit' : 'evaluate';
            expect(command.mode, `${command.contract} ${command.command}`).to.equal(expected);
        }
    });

    it('gives each command a unique name within its contract and unique parameter names', () => {
        const names = commands.map((c) => `${c.contract} ${c.command}`);
        expect(new Set(names).size).to.equal(names.length);
        for (const command of commands) {
            const parameters = command.parameters.map((p) => p.name);
            expect(new Set(parameters).size, command.command).to.equal(parameters.length);
        }
    });

    it('runs each command through exactly one client method, passing every argument', async () => {
        const used = new Set<string>();
        for (const command of commands) {
            const client = fakeClient(sandbox);
            const stubs = facadeStubs(client);
            for (const stub of stubs.values()) {
                stub.resolves({ ran: command.command });
            }

            const result = await command.invoke(client, sampleValues(command.parameters));

            const called = [...stubs].filter(([, stub]) => stub.called);
            expect(called, `${command.contract} ${command.command}`).to.have.length(1);
            const [name, stub] = called[0]!;
            used.add(name);
            expect(result).to.deep.equal({ ran: command.command });
            const args: unknown[] = stub.firstCall.args;
            const given = sampleValues(command.parameters);
            for (const parameter of command.parameters.filter((p) => p.optional !== true)) {
                const value: unknown =
                    parameter.type === 'integer' ? given.integer(parameter.name) : given.document(parameter.name);
                expect(args, `${command.command} ${parameter.name}`).to.deep.include(value);
            }
        }
        expect(used.size, 'every command a different client method').to.equal(commands.length);
    });

    it('turns the given query filters into the query object', async () => {
        const client = fakeClient(sandbox);
        client.shipments.query.resolves({ records: [], bookmark: '', fetchedCount: 0 });
        const command = commands.find((c) => c.contract === 'shipments' && c.command === 'query')!;

        await command.invoke(
            client,
            new Values(
                new Map<string, unknown>([
                    ['dealId', 'D-1'],
                    ['pageSize', 10],
                ]),
            ),
        );

        expect(client.shipments.query.args).to.deep.equal([[{ dealId: 'D-1', pageSize: 10 }]]);
    });

    it('sends deal terms from their file to the deals client (which sends them as transient data)', async () => {
        const client = fakeClient(sandbox);
        client.deals.draft.resolves();
        const command = commands.find((c) => c.contract === 'deals' && c.command === 'draft')!;
        const draft = { dealId: 'D-9', kind: 'service', title: 't', summary: 's', partyMemberIds: ['a', 'b'] };
        const terms = { text: 'price 10', salt: 'ab'.repeat(16) };

        await command.invoke(
            client,
            new Values(
                new Map<string, unknown>([
                    ['draft', draft],
                    ['terms', terms],
                ]),
            ),
        );

        expect(client.deals.draft.args).to.deep.equal([[draft, terms]]);
    });
});

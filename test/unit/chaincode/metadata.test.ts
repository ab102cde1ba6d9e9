// Golden-file test of the contract metadata (org.hyperledger.fabric:GetMetadata), so that an accidental change of a
// transaction, parameter or returned type fails. After an intended change, regenerate the golden file with
//     npx tsc -b chaincode && UPDATE_GOLDEN=1 npx mocha test/unit/chaincode/metadata.test.ts
// and review the diff of test/golden/contract-metadata.json.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { Contract } from 'fabric-contract-api';
import { canonicalJson } from '@bia/model';
import { contracts } from '@bia/chaincode';
import { InMemoryLedger } from '../../fixtures/chaincode-harness';
import { TestIdentities } from '../../fixtures/identities';

const goldenFile = path.join(__dirname, '..', '..', 'golden', 'contract-metadata.json');

interface Schema {
    readonly $ref?: string;
    readonly type?: string;
    readonly items?: Schema;
    readonly properties?: Readonly<Record<string, Schema>>;
}

interface TransactionMetadata {
    readonly name: string;
    readonly tag: readonly string[];
    readonly parameters?: readonly { name: string; description: string; schema: Schema }[];
    readonly returns?: Schema;
}

interface Metadata {
    readonly contracts: Readonly<Record<string, { transactions: readonly TransactionMetadata[] }>>;
    readonly components: { readonly schemas: Readonly<Record<string, Schema>> };
}

/** Sorted keys at every level, so the comparison does not depend on the order contracts and types register. */
function sortKeys(value: unknown): unknown {
    return JSON.parse(canonicalJson(value));
}

function references(schema: Schema | undefined): string[] {
    if (schema === undefined) {
        return [];
    }
    const own = schema.$ref === undefined ? [] : [schema.$ref.replace('#/components/schemas/', '')];
    const nested = Object.values(schema.properties ?? {}).flatMap(references);
    return [...own, ...references(schema.items), ...nested];
}

describe('contract metadata', () => {
    let metadata: Metadata;

    before(async () => {
        const identities = await TestIdentities.create(['CarrierMSP']);
        const ledger = new InMemoryLedger();
        const result = await ledger.evaluate(contracts, 'org.hyperledger.fabric:GetMetadata', [], {
            as: await identities.client('CarrierMSP', 'metadata-reader'),
        });
        metadata = result.json<Metadata>();
    });

    it('exports the four contracts of the association', () => {
        const names = contracts.map((contract) => {
            const instance = new contract();
            expect(instance).to.be.instanceOf(Contract);
            return instance.getName();
        });

        expect(names).to.have.members(['membership', 'scenarios', 'deals', 'shipments']);
    });

    it('declares a return type and described parameters for every transaction', () => {
        const schemas = metadata.components.schemas;
        for (const [contractName, contract] of Object.entries(metadata.contracts)) {
            if (contractName === 'org.hyperledger.fabric') {
                continue;
            }
            for (const transaction of contract.transactions) {
                const where = `${contractName}:${transaction.name}`;
                expect(transaction.returns, `${where} returns`).to.not.equal(undefined);
                for (const parameter of transaction.parameters ?? []) {
                    expect(parameter.schema, `${where}(${parameter.name})`).to.deep.equal({ type: 'string' });
                    expect(parameter.description, `${where}(${parameter.name})`).to.not.equal('');
                }
                for (const name of references(transaction.returns)) {
                    expect(schemas, `${where} returns ${name}`).to.have.property(name);
                }
            }
        }
        for (const [name, schema] of Object.entries(schemas)) {
            for (const reference of references(schema)) {
                expect(schemas, `${name} refers to ${reference}`).to.have.property(reference);
            }
        }
    });

    it('matches the golden file (UPDATE_GOLDEN=1 regenerates it)', () => {
        const actual = sortKeys(metadata);
        if (process.env.UPDATE_GOLDEN === '1') {
            writeFileSync(goldenFile, `${JSON.stringify(actual, null, 2)}\n`);
        }

        const golden: unknown = JSON.parse(readFileSync(goldenFile, 'utf8'));

        expect(actual).to.deep.equal(golden);
    });
});

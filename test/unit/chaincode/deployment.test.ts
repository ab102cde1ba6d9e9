// The chaincode's deployment file names the organisation that may bootstrap: it must be the topology's secretariat,
// and it must be what the compiled chaincode (which the devnet and the real network's chaincode server load from the
// chaincode folder: package.json main, dist/) actually uses.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { deployment } from '@bia/chaincode/dist/deployment.js';

const root = path.resolve(__dirname, '../../..');
const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(root, file), 'utf8'));

describe('chaincode deployment file', () => {
    it("names the topology's secretariat organisation as the one that may bootstrap", () => {
        const source = readJson('chaincode/src/deployment.json') as { secretariatMspId: string };
        const topology = readJson('network/config/topology.json') as {
            organizations: { name: string; mspId: string }[];
        };
        const secretariat = topology.organizations.find((organization) => organization.name === 'secretariat');
        expect(secretariat, 'topology.json has an organisation named secretariat').to.not.equal(undefined);
        expect(source).to.deep.equal({ secretariatMspId: secretariat?.mspId });
    });

    it('is compiled into the chaincode package the networks load (chaincode/dist beside the main module)', () => {
        const manifest = readJson('chaincode/package.json') as { main: string };
        expect(manifest.main).to.equal('dist/index.js');
        expect(readJson('chaincode/dist/deployment.json')).to.deep.equal(readJson('chaincode/src/deployment.json'));
        expect(deployment).to.deep.equal(readJson('chaincode/src/deployment.json'));
    });
});

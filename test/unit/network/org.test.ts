// `bia org add|remove`'s pure parts: the topology growing and shrinking, the endorsement policy and terms
// collections derived from it, and the channel configuration edits (network/tools/src/org-*.ts).
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { allPorts, parseTopology } from '@bia/devnet/topology';
import {
    blockConfig,
    channelOrganizations,
    configUpdateEnvelope,
    withChannelOrganization,
    withoutChannelOrganization,
} from '../../../network/tools/src/org-channel';
import {
    policyFor,
    termsCollections,
    withOrganization,
    withoutOrganization,
} from '../../../network/tools/src/org-topology';

const repoRoot = resolve(__dirname, '..', '..', '..');
const founding = JSON.parse(readFileSync(join(repoRoot, 'network', 'config', 'topology.json'), 'utf8')) as unknown;

describe('org add|remove: the network topology', () => {
    it('derives exactly the committed chaincode/collections_config.json from the founding topology', () => {
        const committed = JSON.parse(
            readFileSync(join(repoRoot, 'chaincode', 'collections_config.json'), 'utf8'),
        ) as unknown;
        expect(termsCollections(parseTopology(founding))).to.deep.equal(committed);
    });

    it('adds an organisation with free ports, defaults from its name, and names it in the endorsement policy', () => {
        const { raw, added } = withOrganization(founding, { name: 'university' });
        const topology = parseTopology(raw);
        const before = new Set(allPorts(parseTopology(founding)).values());
        const org = topology.organizations.at(-1);
        expect(added).to.include({ name: 'university', mspId: 'UniversityMSP', domain: 'university.bia.example' });
        expect(org?.peer.port).to.be.a('number');
        for (const port of [org?.peer.port, org?.peer.chaincodePort, org?.peer.operationsPort, org?.ca.port]) {
            expect(before.has(port ?? 0), `port ${String(port)} was already in use`).to.equal(false);
        }
        expect(topology.endorsementPolicy).to.equal(
            "OutOf(2, 'SecretariatMSP.peer', 'HealthcoMSP.peer', 'HealthCentresMSP.peer', 'CarrierMSP.peer', 'UniversityMSP.peer')",
        );
        expect(topology.organizations.slice(0, 4)).to.deep.equal(parseTopology(founding).organizations);
    });

    it('refuses a taken name, MSP ID or port, and a malformed name, changing nothing', () => {
        const copy = JSON.stringify(founding);
        expect(() => withOrganization(founding, { name: 'carrier' })).to.throw(/name 'carrier'/);
        expect(() => withOrganization(founding, { name: 'uni', mspId: 'CarrierMSP' })).to.throw(/mspId 'CarrierMSP'/);
        expect(() => withOrganization(founding, { name: 'uni', peerPort: 7050 })).to.throw(/port 7050/);
        expect(() => withOrganization(founding, { name: 'Uni versity' })).to.throw(/NAME/);
        expect(JSON.stringify(founding)).to.equal(copy);
    });

    it('removes an organisation from the topology and the policy; the secretariat and strangers cannot be removed', () => {
        const { raw } = withoutOrganization(withOrganization(founding, { name: 'university' }).raw, 'university');
        expect(parseTopology(raw)).to.deep.equal(parseTopology(founding));
        expect(() => withoutOrganization(founding, 'secretariat')).to.throw(/secretariat/);
        expect(() => withoutOrganization(founding, 'nobody')).to.throw(/no organisation 'nobody'/);
    });

    it('keeps OutOf(k, ...) and refuses policies it cannot rewrite or that too few organisations would satisfy', () => {
        expect(policyFor("OutOf(2, 'A.peer')", ['A', 'B', 'C'])).to.equal("OutOf(2, 'A.peer', 'B.peer', 'C.peer')");
        expect(() => policyFor("AND('A.peer')", ['A'])).to.throw(/not OutOf/);
        expect(() => policyFor("OutOf(2, 'A.peer', 'B.peer')", ['A'])).to.throw(/needs 2/);
    });

    it("keeps a departed organisation's terms collection, sealed, and adds one for a newcomer", () => {
        const grown = parseTopology(withOrganization(founding, { name: 'university' }).raw);
        const withUniversity = termsCollections(grown, termsCollections(parseTopology(founding)));
        expect(withUniversity.map((c) => c.name)).to.deep.equal([
            'terms_SecretariatMSP',
            'terms_HealthcoMSP',
            'terms_HealthCentresMSP',
            'terms_CarrierMSP',
            'terms_UniversityMSP',
        ]);
        const shrunk = parseTopology(withoutOrganization(founding, 'carrier').raw);
        const after = termsCollections(shrunk, withUniversity);
        expect(after.map((c) => c.name)).to.deep.equal(withUniversity.map((c) => c.name));
        expect(after.find((c) => c.name === 'terms_CarrierMSP')?.policy).to.equal("OR('SecretariatMSP.orderer')");
        expect(after.find((c) => c.name === 'terms_CarrierMSP')?.blockToLive).to.equal(0);
        expect(after.find((c) => c.name === 'terms_HealthcoMSP')?.policy).to.equal("OR('HealthcoMSP.member')");
    });
});

describe('org add|remove: the channel configuration', () => {
    const config = {
        channel_group: { groups: { Application: { groups: { AMSP: { values: {} }, BMSP: { values: {} } } } } },
    };

    it('adds and removes an application organisation without touching the input', () => {
        const added = withChannelOrganization(config, 'CMSP', { values: { MSP: {} } });
        expect(channelOrganizations(added)).to.deep.equal(['AMSP', 'BMSP', 'CMSP']);
        expect(channelOrganizations(config)).to.deep.equal(['AMSP', 'BMSP']);
        expect(channelOrganizations(withoutChannelOrganization(added, 'AMSP'))).to.deep.equal(['BMSP', 'CMSP']);
        expect(() => withoutChannelOrganization(config, 'ZMSP')).to.throw(/ZMSP is not/);
    });

    it('reads the config out of a decoded config block and wraps an update in a CONFIG_UPDATE envelope', () => {
        expect(blockConfig({ data: { data: [{ payload: { data: { config } } }] } })).to.deep.equal(config);
        expect(() => blockConfig({ data: { data: [] } })).to.throw(/exactly one/);
        expect(configUpdateEnvelope('association', { channel_id: 'association' })).to.deep.equal({
            payload: {
                header: { channel_header: { channel_id: 'association', type: 2 } },
                data: { config_update: { channel_id: 'association' } },
            },
        });
    });
});

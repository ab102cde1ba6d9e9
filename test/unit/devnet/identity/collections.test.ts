import * as chai from 'chai';
import { describe, it } from 'mocha';

import {
    collectionMemberMspIds,
    parseCollectionsConfig,
    PolicyError,
    policySatisfied,
} from '../../../../network/devnet/src/policy';

const { expect } = chai;

function config(...collections: Record<string, unknown>[]): string {
    return JSON.stringify(collections);
}

const base = { name: 'healthRecords', policy: "OR('HealthcoMSP.member', 'HealthCentresMSP.member')" };

describe('private data collections config', function () {
    it('reads each collection with the CLI defaults for omitted fields', function () {
        const [definition] = parseCollectionsConfig(config(base));
        expect(definition).to.include({
            name: 'healthRecords',
            policy: base.policy,
            requiredPeerCount: 0,
            maxPeerCount: 1,
            blockToLive: 0,
            memberOnlyRead: false,
            memberOnlyWrite: false,
        });
        expect(definition?.endorsementPolicy).to.equal(undefined);
        expect(collectionMemberMspIds(definition!)).to.deep.equal(['HealthcoMSP', 'HealthCentresMSP']);
        expect(policySatisfied(definition!.memberPolicy, [{ mspId: 'HealthcoMSP', role: 'client' }], [])).to.equal(
            true,
        );
    });

    it('reads every field the peer CLI reads', function () {
        const definitions = parseCollectionsConfig(
            config(
                {
                    ...base,
                    requiredPeerCount: 1,
                    maxPeerCount: 3,
                    blockToLive: 1000000,
                    memberOnlyRead: true,
                    memberOnlyWrite: true,
                    endorsementPolicy: { signaturePolicy: "OR('HealthcoMSP.peer')" },
                },
                {
                    name: 'shipments_v2',
                    policy: "OR('CarrierMSP.member', OR('HealthcoMSP.member', 'CarrierMSP.admin'))",
                    endorsementPolicy: { channelConfigPolicy: '/Channel/Application/Endorsement' },
                },
            ),
        );
        expect(definitions.map((definition) => definition.name)).to.deep.equal(['healthRecords', 'shipments_v2']);
        const [first, second] = definitions;
        expect(first).to.include({ requiredPeerCount: 1, maxPeerCount: 3, blockToLive: 1000000 });
        expect(first).to.include({ memberOnlyRead: true, memberOnlyWrite: true });
        expect(first?.endorsementPolicy?.kind).to.equal('signature');
        expect(second?.endorsementPolicy).to.deep.include({ kind: 'implicitMeta', rule: 'MAJORITY' });
        // Fabric numbers a nested gate's principals first, so HealthcoMSP is identity 0.
        expect(collectionMemberMspIds(second!)).to.deep.equal(['HealthcoMSP', 'CarrierMSP']);
    });

    const invalid: [string, string, RegExp][] = [
        ['text that is not JSON', '{', /could not parse the collection configuration/],
        ['an object instead of an array', JSON.stringify(base), /expected a JSON array/],
        ['an entry that is not an object', '[42]', /collection at index 0: expected an object/],
        ['a missing name', config({ policy: base.policy }), /invalid collection name 'undefined'/],
        ['a name starting with _', config({ ...base, name: '_secret' }), /invalid collection name '_secret'/],
        ['a duplicate name', config(base, base), /collection-name: healthRecords -- found duplicate/],
        ['a missing policy', config({ name: 'c1' }), /collection-name: c1 -- policy must be a non-empty string/],
        [
            'a malformed policy',
            config({ ...base, policy: "OR('HealthcoMSP.boss')" }),
            /-- policy is invalid: invalid principal/,
        ],
        [
            'a member policy that is not an OR',
            config({ ...base, policy: "AND('HealthcoMSP.member', 'CarrierMSP.member')" }),
            /error in member org policy: signature policy is not an OR concatenation, NOutOf 2/,
        ],
        [
            'a negative requiredPeerCount',
            config({ ...base, requiredPeerCount: -1 }),
            /requiredPeerCount must be a whole number/,
        ],
        ['a fractional maxPeerCount', config({ ...base, maxPeerCount: 1.5 }), /maxPeerCount must be a whole number/],
        [
            'maxPeerCount below requiredPeerCount',
            config({ ...base, requiredPeerCount: 2, maxPeerCount: 1 }),
            /maximum peer count \(1\) cannot be less than the required peer count \(2\)/,
        ],
        ['a blockToLive string', config({ ...base, blockToLive: '10' }), /blockToLive must be a whole number/],
        [
            'a non-boolean memberOnlyRead',
            config({ ...base, memberOnlyRead: 'yes' }),
            /memberOnlyRead must be true or false/,
        ],
        [
            'both endorsement policy kinds',
            config({
                ...base,
                endorsementPolicy: {
                    signaturePolicy: "OR('A.peer')",
                    channelConfigPolicy: '/Channel/Application/Endorsement',
                },
            }),
            /cannot specify both signaturePolicy and channelConfigPolicy/,
        ],
        [
            'a channelConfigPolicy that is not a reference',
            config({ ...base, endorsementPolicy: { channelConfigPolicy: 'MAJORITY Endorsement' } }),
            /endorsementPolicy\.channelConfigPolicy is invalid/,
        ],
        [
            'a malformed endorsement signature policy',
            config({ ...base, endorsementPolicy: { signaturePolicy: 'AND(' } }),
            /endorsementPolicy\.signaturePolicy is invalid/,
        ],
    ];
    for (const [what, json, message] of invalid) {
        it(`rejects ${what}, naming the field`, function () {
            expect(() => parseCollectionsConfig(json)).to.throw(PolicyError, message);
        });
    }
});

import * as chai from 'chai';
import { describe, it } from 'mocha';

import * as crypto from '../../../../network/devnet/src/crypto';
import * as policy from '../../../../network/devnet/src/policy';

const { expect } = chai;

describe('identity and policy public API', function () {
    it('crypto/index exports exactly the runtime values other layers use', function () {
        expect(Object.keys(crypto).sort()).to.deep.equal([
            'MspError',
            'MspRegistry',
            'generateCryptoMaterial',
            'loadSigner',
            'newSigner',
            'peerTlsFiles',
            'serializeIdentity',
            'writeConnectionFiles',
        ]);
    });

    it('policy/index exports exactly the runtime values other layers use', function () {
        expect(Object.keys(policy).sort()).to.deep.equal([
            'PolicyError',
            'collectionMemberMspIds',
            'decodeSignaturePolicy',
            'orgsSatisfying',
            'parseCollectionsConfig',
            'parseEndorsementPolicy',
            'parseSignaturePolicy',
            'policySatisfied',
        ]);
    });
});

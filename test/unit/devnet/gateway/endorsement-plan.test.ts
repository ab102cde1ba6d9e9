import { expect } from 'chai';
import { planEndorsingOrgs } from '../../../../network/devnet/src/gateway';
import type { PolicyCheck } from '../../../../network/devnet/src/committer';

interface TestIdentity {
    readonly mspId: string;
}

const orgs = ['SecretariatMSP', 'HealthcoMSP', 'HealthCentresMSP', 'CarrierMSP'];
const outOf =
    (n: number, mspIds: readonly string[]): PolicyCheck<TestIdentity> =>
    (signers) =>
        new Set(signers.map((signer) => signer.mspId).filter((mspId) => mspIds.includes(mspId))).size >= n;

function plan(candidates: readonly string[], policies: PolicyCheck<TestIdentity>[]): string[] | undefined {
    return planEndorsingOrgs({ candidates, peerIdentity: (mspId) => ({ mspId }), policies });
}

describe('gateway planEndorsingOrgs', () => {
    it('takes the gateway org and the next preferred one for a 2-of-4 policy', () => {
        expect(plan(orgs, [outOf(2, orgs)])).to.deep.equal(['SecretariatMSP', 'HealthcoMSP']);
    });

    it('prefers a smallest set with the gateway org', () => {
        const candidates = ['HealthcoMSP', 'SecretariatMSP', 'CarrierMSP'];
        expect(plan(candidates, [outOf(1, ['CarrierMSP', 'HealthcoMSP'])])).to.deep.equal(['HealthcoMSP']);
    });

    it('leaves out the gateway org when a smaller set without it suffices', () => {
        expect(plan(orgs, [outOf(1, ['CarrierMSP'])])).to.deep.equal(['CarrierMSP']);
    });

    it('satisfies every policy at once (chaincode policy plus a key-level policy)', () => {
        expect(plan(orgs, [outOf(2, orgs), outOf(1, ['CarrierMSP'])])).to.deep.equal(['SecretariatMSP', 'CarrierMSP']);
    });

    it('returns undefined when no combination of candidates satisfies the policies', () => {
        expect(plan(['SecretariatMSP', 'HealthcoMSP'], [outOf(1, ['CarrierMSP'])])).to.equal(undefined);
    });
});

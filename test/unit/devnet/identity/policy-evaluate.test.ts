import { randomUUID } from 'node:crypto';

import { common } from '@hyperledger/fabric-protos';
import * as chai from 'chai';
import { KeyEndorsementPolicy } from 'fabric-shim';
import { describe, it } from 'mocha';

import type { Role } from '../../../../network/devnet/src/crypto';
import {
    decodeSignaturePolicy,
    orgsSatisfying,
    parseEndorsementPolicy,
    parseSignaturePolicy,
    type PolicyIdentity,
    PolicyError,
    policySatisfied,
} from '../../../../network/devnet/src/policy';

const { expect } = chai;

const orgs = ['AMSP', 'BMSP', 'CMSP', 'DMSP'];

/** A distinct identity (its own serialized bytes) of the given MSP and role. */
function identity(mspId: string, role: Role = 'peer'): PolicyIdentity {
    return { mspId, role, serialized: Buffer.from(`${mspId}/${role}/${randomUUID()}`) };
}

function peers(...mspIds: string[]): PolicyIdentity[] {
    return mspIds.map((mspId) => identity(mspId));
}

/** Every subset of the items, smallest first. */
function subsets<T>(items: readonly T[]): T[][] {
    return items.reduce<T[][]>((all, item) => [...all, ...all.map((subset) => [...subset, item])], [[]]);
}

describe('policy evaluation', function () {
    describe('signature policies', function () {
        it('AND needs a signature from every principal', function () {
            const policy = parseSignaturePolicy("AND('AMSP.peer', 'BMSP.peer')");
            for (const signers of subsets(orgs)) {
                const expected = signers.includes('AMSP') && signers.includes('BMSP');
                expect(policySatisfied(policy, peers(...signers), orgs), signers.join(',')).to.equal(expected);
            }
        });

        it('OR needs a signature from any principal', function () {
            const policy = parseSignaturePolicy("OR('AMSP.peer', 'BMSP.peer')");
            for (const signers of subsets(orgs)) {
                const expected = signers.includes('AMSP') || signers.includes('BMSP');
                expect(policySatisfied(policy, peers(...signers), orgs), signers.join(',')).to.equal(expected);
            }
        });

        it('OutOf(2, ...) needs signatures from two of the named organisations', function () {
            const policy = parseSignaturePolicy("OutOf(2, 'AMSP.peer', 'BMSP.peer', 'CMSP.peer')");
            for (const signers of subsets(orgs)) {
                const named = signers.filter((mspId) => ['AMSP', 'BMSP', 'CMSP'].includes(mspId)).length;
                expect(policySatisfied(policy, peers(...signers), orgs), signers.join(',')).to.equal(named >= 2);
            }
        });

        it('nested gates combine', function () {
            const policy = parseSignaturePolicy("OR('AMSP.peer', AND('BMSP.peer', 'CMSP.peer'))");
            for (const signers of subsets(orgs)) {
                const expected = signers.includes('AMSP') || (signers.includes('BMSP') && signers.includes('CMSP'));
                expect(policySatisfied(policy, peers(...signers), orgs), signers.join(',')).to.equal(expected);
            }
        });

        it('matches roles by NodeOU, and member by any role of the MSP', function () {
            const roles: Role[] = ['admin', 'peer', 'client', 'orderer'];
            for (const principalRole of ['member', ...roles]) {
                const policy = parseSignaturePolicy(`OR('AMSP.${principalRole}')`);
                for (const role of roles) {
                    const expected = principalRole === 'member' || principalRole === role;
                    expect(
                        policySatisfied(policy, [identity('AMSP', role)], orgs),
                        `${principalRole} by ${role}`,
                    ).to.equal(expected);
                    expect(policySatisfied(policy, [identity('BMSP', role)], orgs)).to.equal(false);
                }
            }
        });

        it('counts each identity once, however often it signs', function () {
            const policy = parseSignaturePolicy("AND('AMSP.member', 'AMSP.member')");
            const one = identity('AMSP');
            expect(policySatisfied(policy, [one], orgs)).to.equal(false);
            expect(policySatisfied(policy, [one, { ...one, serialized: Buffer.from(one.serialized!) }], orgs)).to.equal(
                false,
            );
            expect(policySatisfied(policy, [one, identity('AMSP', 'client')], orgs)).to.equal(true);
        });

        it("assigns signatures greedily in rule order, exactly as Fabric's cauthdsl does", function () {
            const policy = parseSignaturePolicy("AND('AMSP.member', 'AMSP.peer')");
            const peer = identity('AMSP', 'peer');
            const client = identity('AMSP', 'client');
            // The member rule takes the first unused match; with the peer listed first nothing is left for the peer rule.
            expect(policySatisfied(policy, [peer, client], orgs)).to.equal(false);
            expect(policySatisfied(policy, [client, peer], orgs)).to.equal(true);
        });

        it('accepts an EndorsementPolicy wrapper around an envelope', function () {
            const policy = parseEndorsementPolicy("AND('AMSP.peer', 'BMSP.peer')");
            expect(policySatisfied(policy, peers('AMSP', 'BMSP'), orgs)).to.equal(true);
            expect(policySatisfied(policy, peers('AMSP'), orgs)).to.equal(false);
        });

        it('the association policy needs two of the four organisations', function () {
            const policy = parseEndorsementPolicy(
                "OutOf(2, 'SecretariatMSP.peer', 'HealthcoMSP.peer', 'HealthCentresMSP.peer', 'CarrierMSP.peer')",
            );
            const association = ['SecretariatMSP', 'HealthcoMSP', 'HealthCentresMSP', 'CarrierMSP'];
            for (const signers of subsets(association)) {
                expect(policySatisfied(policy, peers(...signers), association), signers.join(',')).to.equal(
                    signers.length >= 2,
                );
            }
        });
    });

    describe('implicit meta policies', function () {
        it('MAJORITY Endorsement needs more than half of the organisations to sign as peers', function () {
            const policy = parseEndorsementPolicy('/Channel/Application/Endorsement');
            for (const signers of subsets(orgs)) {
                expect(policySatisfied(policy, peers(...signers), orgs), signers.join(',')).to.equal(
                    signers.length >= 3,
                );
            }
            const clients = ['AMSP', 'BMSP', 'CMSP'].map((mspId) => identity(mspId, 'client'));
            expect(policySatisfied(policy, clients, orgs)).to.equal(false);
        });

        it('ANY and ALL count organisations, not signatures', function () {
            const any = parseEndorsementPolicy('ANY Endorsement');
            const all = parseEndorsementPolicy('ALL Endorsement');
            for (const signers of subsets(orgs)) {
                expect(policySatisfied(any, peers(...signers), orgs)).to.equal(signers.length >= 1);
                expect(policySatisfied(all, peers(...signers), orgs)).to.equal(signers.length === 4);
            }
            expect(policySatisfied(all, peers('AMSP', 'AMSP', 'BMSP', 'CMSP'), orgs)).to.equal(false);
        });

        it('uses each organisation policy: Writers take admins and clients, not peers', function () {
            const writers = parseEndorsementPolicy('/Channel/Application/Writers');
            expect(policySatisfied(writers, [identity('AMSP', 'client')], orgs)).to.equal(true);
            expect(policySatisfied(writers, [identity('AMSP', 'admin')], orgs)).to.equal(true);
            expect(policySatisfied(writers, [identity('AMSP', 'peer')], orgs)).to.equal(false);
            expect(policySatisfied(writers, [identity('EMSP', 'client')], orgs)).to.equal(false);
        });

        it('is satisfied by anything when there are no organisations, as in Fabric', function () {
            expect(policySatisfied(parseEndorsementPolicy('MAJORITY Endorsement'), [], [])).to.equal(true);
        });
    });

    describe('decodeSignaturePolicy (key-level endorsement parameters)', function () {
        it('decodes fabric-shim KeyEndorsementPolicy bytes and evaluates them', function () {
            const shimPolicy = new KeyEndorsementPolicy();
            shimPolicy.addOrgs('PEER', 'AMSP', 'CMSP');
            const envelope = decodeSignaturePolicy(shimPolicy.getPolicy());
            for (const signers of subsets(orgs)) {
                const expected = signers.includes('AMSP') && signers.includes('CMSP');
                expect(policySatisfied(envelope, peers(...signers), orgs), signers.join(',')).to.equal(expected);
            }
        });

        it('honours the MEMBER role the shim can write', function () {
            const shimPolicy = new KeyEndorsementPolicy();
            shimPolicy.addOrgs('MEMBER', 'BMSP');
            const envelope = decodeSignaturePolicy(shimPolicy.getPolicy());
            expect(policySatisfied(envelope, [identity('BMSP', 'client')], orgs)).to.equal(true);
            expect(policySatisfied(envelope, [identity('AMSP', 'client')], orgs)).to.equal(false);
        });

        it('round-trips: the shim reads back the organisations of a parsed policy', function () {
            const bytes = parseSignaturePolicy("AND('AMSP.peer', 'DMSP.peer')").serializeBinary();
            expect(new KeyEndorsementPolicy(Buffer.from(bytes)).listOrgs()).to.deep.equal(['AMSP', 'DMSP']);
            expect(decodeSignaturePolicy(bytes).serializeBinary()).to.deep.equal(bytes);
        });

        it('rejects bytes that are not a usable envelope', function () {
            expect(() => decodeSignaturePolicy(Uint8Array.from([0xff, 0xff, 0xff]))).to.throw(
                PolicyError,
                /could not unmarshal SignaturePolicyEnvelope/,
            );
            expect(() => decodeSignaturePolicy(new common.SignaturePolicyEnvelope().serializeBinary())).to.throw(
                PolicyError,
                'Empty policy element',
            );
            const outOfRange = parseSignaturePolicy("OR('AMSP.peer')");
            outOfRange.setIdentitiesList([]);
            expect(() => decodeSignaturePolicy(outOfRange.serializeBinary())).to.throw(
                PolicyError,
                'identity index out of range, requested 0, but identities length is 0',
            );
        });
    });

    describe('orgsSatisfying', function () {
        it('lists the minimal sets of organisations whose peers satisfy the policy, smallest first', function () {
            expect(
                orgsSatisfying(parseSignaturePolicy("OR('AMSP.peer', AND('BMSP.peer', 'CMSP.peer'))"), orgs),
            ).to.deep.equal([['AMSP'], ['BMSP', 'CMSP']]);
            expect(orgsSatisfying(parseSignaturePolicy("AND('BMSP.peer', 'DMSP.member')"), orgs)).to.deep.equal([
                ['BMSP', 'DMSP'],
            ]);
        });

        it('lists every pair for a two-of-four policy, in channel order', function () {
            const policy = parseSignaturePolicy("OutOf(2, 'AMSP.peer', 'BMSP.peer', 'CMSP.peer', 'DMSP.peer')");
            expect(orgsSatisfying(policy, orgs)).to.deep.equal([
                ['AMSP', 'BMSP'],
                ['AMSP', 'CMSP'],
                ['AMSP', 'DMSP'],
                ['BMSP', 'CMSP'],
                ['BMSP', 'DMSP'],
                ['CMSP', 'DMSP'],
            ]);
        });

        it('lists every three-organisation set for MAJORITY Endorsement over four', function () {
            const sets = orgsSatisfying(parseEndorsementPolicy('/Channel/Application/Endorsement'), orgs);
            expect(sets).to.have.length(4);
            for (const set of sets) {
                expect(set).to.have.length(3);
            }
        });

        it('returns nothing when peers cannot satisfy the policy', function () {
            expect(orgsSatisfying(parseSignaturePolicy("OR('AMSP.admin', 'BMSP.client')"), orgs)).to.deep.equal([]);
            expect(orgsSatisfying(parseSignaturePolicy("AND('AMSP.peer', 'EMSP.peer')"), orgs)).to.deep.equal([]);
            expect(orgsSatisfying(parseEndorsementPolicy('/Channel/Application/Admins'), orgs)).to.deep.equal([]);
        });
    });
});

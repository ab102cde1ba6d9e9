import { common, msp } from '@hyperledger/fabric-protos';
import * as chai from 'chai';
import { KeyEndorsementPolicy } from 'fabric-shim';
import { describe, it } from 'mocha';

import { parseEndorsementPolicy, parseSignaturePolicy, PolicyError } from '../../../../network/devnet/src/policy';

const { expect } = chai;

type RoleName = keyof msp.MSPRole.MSPRoleTypeMap;

/** The envelope's principals as 'MSPID.ROLE' strings, in identity-index order. */
function principals(envelope: common.SignaturePolicyEnvelope): string[] {
    return envelope.getIdentitiesList().map((principal) => {
        expect(principal.getPrincipalClassification()).to.equal(msp.MSPPrincipal.Classification.ROLE);
        const role = msp.MSPRole.deserializeBinary(principal.getPrincipal_asU8());
        const name = (Object.keys(msp.MSPRole.MSPRoleType) as RoleName[]).find(
            (key) => msp.MSPRole.MSPRoleType[key] === role.getRole(),
        );
        return `${role.getMspIdentifier()}.${String(name)}`;
    });
}

/** The rule as a compact string: n(...) for NOutOf, #i for SignedBy. */
function shape(rule: common.SignaturePolicy | undefined): string {
    if (rule?.hasSignedBy()) {
        return `#${rule.getSignedBy()}`;
    }
    const gate = rule?.getNOutOf();
    if (!gate) {
        return '?';
    }
    return `${gate.getN()}(${gate.getRulesList().map(shape).join(',')})`;
}

describe('policy language', function () {
    describe('parseSignaturePolicy', function () {
        it('compiles AND, OR and OutOf into NOutOf gates over SignedBy rules', function () {
            const and = parseSignaturePolicy("AND('Org1MSP.member', 'Org2MSP.peer')");
            expect(and.getVersion()).to.equal(0);
            expect(shape(and.getRule())).to.equal('2(#0,#1)');
            expect(principals(and)).to.deep.equal(['Org1MSP.MEMBER', 'Org2MSP.PEER']);

            const or = parseSignaturePolicy("OR('Org1MSP.admin', 'Org2MSP.client', 'Org3MSP.orderer')");
            expect(shape(or.getRule())).to.equal('1(#0,#1,#2)');
            expect(principals(or)).to.deep.equal(['Org1MSP.ADMIN', 'Org2MSP.CLIENT', 'Org3MSP.ORDERER']);

            const outOf = parseSignaturePolicy("OutOf(2, 'A.peer', 'B.peer', 'C.peer')");
            expect(shape(outOf.getRule())).to.equal('2(#0,#1,#2)');
        });

        it('accepts the gate spellings Fabric accepts, double quotes and free spacing', function () {
            const expected = parseSignaturePolicy("OutOf(1, 'A.member', 'B.member')").serializeBinary();
            for (const expression of [
                'outof(1,"A.member","B.member")',
                "OUTOF( 1 ,\n 'A.member' , 'B.member' )",
                "or('A.member', 'B.member')",
                "Or('A.member','B.member')",
                "OR('A.member','B.member')",
            ]) {
                expect(Buffer.from(parseSignaturePolicy(expression).serializeBinary()), expression).to.deep.equal(
                    Buffer.from(expected),
                );
            }
        });

        it('accepts MSP IDs with dots and hyphens', function () {
            expect(principals(parseSignaturePolicy("AND('org-1.example.peer')"))).to.deep.equal(['org-1.example.PEER']);
        });

        it("numbers principals as Fabric does: a gate's nested gates first, duplicates kept", function () {
            const envelope = parseSignaturePolicy(
                "OR('C.member', AND('A.member', 'B.member'), OutOf(1, 'D.peer', 'A.member'))",
            );
            expect(principals(envelope)).to.deep.equal(['A.MEMBER', 'B.MEMBER', 'D.PEER', 'A.MEMBER', 'C.MEMBER']);
            expect(shape(envelope.getRule())).to.equal('1(#4,2(#0,#1),1(#2,#3))');
        });

        it("produces the same bytes as fabric-shim's KeyEndorsementPolicy for the same orgs", function () {
            const shimPolicy = new KeyEndorsementPolicy();
            shimPolicy.addOrgs('PEER', 'HealthcoMSP', 'CarrierMSP');
            const parsed = parseSignaturePolicy("AND('HealthcoMSP.peer', 'CarrierMSP.peer')");
            expect(Buffer.from(parsed.serializeBinary())).to.deep.equal(Buffer.from(shimPolicy.getPolicy()));
        });

        const invalid: [string, RegExp][] = [
            ['', /empty policy/],
            ["'Org1MSP.member'", /must start with AND\(\.\.\.\), OR\(\.\.\.\) or OutOf/],
            ["XOR('A.member', 'B.member')", /unknown gate 'XOR'/],
            ["AnD('A.member')", /unknown gate 'AnD'/],
            ['AND()', /expected a quoted principal/],
            ["AND('A.member'", /expected '\)' but found the end of the policy/],
            ["AND('A.member' 'B.member')", /expected '\)' but found 'B\.member' at position 15/],
            ["AND('A.boss')", /invalid principal 'A\.boss': expected 'MSPID\.ROLE'/],
            ["AND('member')", /invalid principal 'member'/],
            ['AND(A.member)', /unexpected character '\.' at position 5/],
            ["OutOf('A.member', 'B.member')", /expected a number/],
            ["OutOf(1.5, 'A.member', 'B.member')", /whole number of signatures, got 1\.5/],
            ["OutOf(-1, 'A.member')", /whole number of signatures, got -1/],
            ["OutOf(3, 'A.member')", /invalid t-out-of-n predicate, t 3, n 1/],
            ["AND('A.member) ", /unterminated string/],
            ["AND('A.member') & OR('B.member')", /unexpected character '&'/],
            ["AND('A.member') OR('B.member')", /unexpected 'OR' after the end of the policy/],
        ];
        for (const [expression, message] of invalid) {
            it(`rejects ${JSON.stringify(expression)} naming the problem`, function () {
                expect(() => parseSignaturePolicy(expression)).to.throw(PolicyError, message);
            });
        }

        it("accepts OutOf with t = n + 1, an unsatisfiable policy Fabric's parser also accepts", function () {
            expect(shape(parseSignaturePolicy("OutOf(2, 'A.member')").getRule())).to.equal('2(#0)');
        });
    });

    describe('parseEndorsementPolicy', function () {
        it('reads a signature policy', function () {
            const policy = parseEndorsementPolicy("OR('A.peer', 'B.peer')");
            expect(policy.kind).to.equal('signature');
            if (policy.kind === 'signature') {
                expect(shape(policy.envelope.getRule())).to.equal('1(#0,#1)');
            }
        });

        it('reads channel policy references as the implicit meta policies configtx defines', function () {
            expect(parseEndorsementPolicy('/Channel/Application/Endorsement')).to.deep.equal({
                kind: 'implicitMeta',
                rule: 'MAJORITY',
                subPolicy: 'Endorsement',
                reference: '/Channel/Application/Endorsement',
            });
            expect(parseEndorsementPolicy('/Channel/Application/Writers')).to.include({
                rule: 'ANY',
                subPolicy: 'Writers',
            });
            expect(parseEndorsementPolicy('/Channel/Application/LifecycleEndorsement')).to.include({
                rule: 'MAJORITY',
                subPolicy: 'Endorsement',
            });
        });

        it('reads implicit meta rules written out', function () {
            expect(parseEndorsementPolicy('ANY Endorsement')).to.deep.equal({
                kind: 'implicitMeta',
                rule: 'ANY',
                subPolicy: 'Endorsement',
            });
            expect(parseEndorsementPolicy(' ALL Admins ')).to.include({ rule: 'ALL', subPolicy: 'Admins' });
        });

        it('rejects unknown references and sub-policies', function () {
            expect(() => parseEndorsementPolicy('/Channel/Application/Nope')).to.throw(
                PolicyError,
                /unknown channel policy reference '\/Channel\/Application\/Nope'/,
            );
            expect(() => parseEndorsementPolicy('/Channel/Orderer/BlockValidation')).to.throw(PolicyError);
            expect(() => parseEndorsementPolicy('MAJORITY Bosses')).to.throw(
                PolicyError,
                /unknown sub-policy 'Bosses'/,
            );
        });
    });
});

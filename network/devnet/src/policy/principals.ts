// Building and reading the protobuf pieces of a signature policy: MSP principals, SignedBy and NOutOf rules.
import { common, msp } from '@hyperledger/fabric-protos';

/** The roles a policy principal can name ('member' is any valid identity of the MSP). */
export type PrincipalRole = 'member' | 'admin' | 'client' | 'peer' | 'orderer';

const roleCodes: Readonly<Record<PrincipalRole, msp.MSPRole.MSPRoleTypeMap[keyof msp.MSPRole.MSPRoleTypeMap]>> = {
    member: msp.MSPRole.MSPRoleType.MEMBER,
    admin: msp.MSPRole.MSPRoleType.ADMIN,
    client: msp.MSPRole.MSPRoleType.CLIENT,
    peer: msp.MSPRole.MSPRoleType.PEER,
    orderer: msp.MSPRole.MSPRoleType.ORDERER,
};

export type DecodedPrincipal =
    | { readonly kind: 'role'; readonly mspId: string; readonly role: PrincipalRole }
    | { readonly kind: 'identity'; readonly serializedIdentity: Uint8Array }
    | { readonly kind: 'unsupported'; readonly classification: number };

export function rolePrincipal(mspId: string, role: PrincipalRole): msp.MSPPrincipal {
    const mspRole = new msp.MSPRole();
    mspRole.setMspIdentifier(mspId);
    mspRole.setRole(roleCodes[role]);
    const principal = new msp.MSPPrincipal();
    principal.setPrincipalClassification(msp.MSPPrincipal.Classification.ROLE);
    principal.setPrincipal(mspRole.serializeBinary());
    return principal;
}

export function signedBy(index: number): common.SignaturePolicy {
    const rule = new common.SignaturePolicy();
    rule.setSignedBy(index);
    return rule;
}

export function nOutOf(n: number, rules: common.SignaturePolicy[]): common.SignaturePolicy {
    const gate = new common.SignaturePolicy.NOutOf();
    gate.setN(n);
    gate.setRulesList(rules);
    const rule = new common.SignaturePolicy();
    rule.setNOutOf(gate);
    return rule;
}

export function decodePrincipal(principal: msp.MSPPrincipal): DecodedPrincipal {
    const classification = principal.getPrincipalClassification();
    if (classification === msp.MSPPrincipal.Classification.ROLE) {
        const mspRole = msp.MSPRole.deserializeBinary(principal.getPrincipal_asU8());
        const code = mspRole.getRole();
        const role = (Object.keys(roleCodes) as PrincipalRole[]).find((name) => roleCodes[name] === code);
        if (role === undefined) {
            return { kind: 'unsupported', classification };
        }
        return { kind: 'role', mspId: mspRole.getMspIdentifier(), role };
    }
    if (classification === msp.MSPPrincipal.Classification.IDENTITY) {
        return { kind: 'identity', serializedIdentity: principal.getPrincipal_asU8() };
    }
    return { kind: 'unsupported', classification };
}

// Fabric's signature policy language (common/policydsl): AND(...), OR(...), OutOf(n, ...) over 'MSPID.role'
// principals, compiled to the same SignaturePolicyEnvelope bytes the peer CLI produces. Also the channel policy
// references a chaincode definition may use instead, such as /Channel/Application/Endorsement.
import { common, type msp } from '@hyperledger/fabric-protos';

import { type Token, tokenize } from './dsl-tokens';
import { type ImplicitMetaRule, implicitMetaFromExpression } from './implicit-meta';
import { PolicyError } from './policy-error';
import { nOutOf, type PrincipalRole, rolePrincipal, signedBy } from './principals';

type SignaturePolicyEnvelope = common.SignaturePolicyEnvelope;

export type EndorsementPolicy =
    | { readonly kind: 'signature'; readonly envelope: SignaturePolicyEnvelope }
    | {
          readonly kind: 'implicitMeta';
          readonly rule: ImplicitMetaRule;
          /** The organisation-level policy each org must satisfy, e.g. 'Endorsement'. */
          readonly subPolicy: string;
          /** The channel policy path it came from, e.g. '/Channel/Application/Endorsement'. */
          readonly reference?: string;
      };

interface Principal {
    readonly kind: 'principal';
    readonly mspId: string;
    readonly role: PrincipalRole;
}

interface Gate {
    readonly kind: 'gate';
    readonly threshold: number;
    readonly items: readonly (Gate | Principal)[];
}

const gates: Readonly<Record<string, 'and' | 'or' | 'outof'>> = {
    And: 'and',
    and: 'and',
    AND: 'and',
    Or: 'or',
    or: 'or',
    OR: 'or',
    OutOf: 'outof',
    outof: 'outof',
    OUTOF: 'outof',
};

const principalPattern = /^([A-Za-z0-9.-]+)\.(admin|member|client|peer|orderer)$/;

/**
 * Parses a signature policy such as `OutOf(2, 'Org1MSP.peer', 'Org2MSP.peer')`.
 * @throws PolicyError naming what is wrong.
 */
export function parseSignaturePolicy(expression: string): SignaturePolicyEnvelope {
    const parser = new Parser(expression, tokenize(expression));
    return compile(parser.parsePolicy());
}

/**
 * Parses a chaincode endorsement policy: a signature policy, a channel policy reference such as
 * `/Channel/Application/Endorsement`, or an implicit meta rule such as `MAJORITY Endorsement`.
 * @throws PolicyError naming what is wrong.
 */
export function parseEndorsementPolicy(expression: string): EndorsementPolicy {
    const implicitMeta = implicitMetaFromExpression(expression.trim());
    if (implicitMeta) {
        return { kind: 'implicitMeta', ...implicitMeta };
    }
    return { kind: 'signature', envelope: parseSignaturePolicy(expression) };
}

class Parser {
    readonly #expression: string;
    readonly #tokens: readonly Token[];
    #index = 0;

    constructor(expression: string, tokens: readonly Token[]) {
        this.#expression = expression;
        this.#tokens = tokens;
    }

    parsePolicy(): Gate {
        const first = this.#tokens[0];
        if (first === undefined) {
            throw new PolicyError('empty policy: expected AND(...), OR(...) or OutOf(n, ...)');
        }
        if (first.type !== 'name') {
            throw this.#error(first, 'a policy must start with AND(...), OR(...) or OutOf(n, ...)');
        }
        const gate = this.#gate();
        const extra = this.#tokens[this.#index];
        if (extra) {
            throw this.#error(extra, `unexpected '${extra.text}' after the end of the policy`);
        }
        return gate;
    }

    #gate(): Gate {
        const name = this.#expect('name');
        const gate = gates[name.text];
        if (gate === undefined) {
            throw this.#error(name, `unknown gate '${name.text}': expected AND, OR or OutOf`);
        }
        this.#expect('(');
        const threshold = gate === 'outof' ? this.#threshold() : undefined;
        const items: (Gate | Principal)[] = [];
        do {
            items.push(this.#item());
        } while (this.#accept(','));
        this.#expect(')');
        const n = items.length;
        const t = threshold ?? (gate === 'and' ? n : 1);
        // Fabric accepts t up to n + 1 (such a policy can never be satisfied); the devnet accepts what Fabric accepts.
        if (t > n + 1) {
            throw this.#error(name, `invalid t-out-of-n predicate, t ${t}, n ${n}`);
        }
        return { kind: 'gate', threshold: t, items };
    }

    #threshold(): number {
        const token = this.#expect('number');
        const value = Number(token.text);
        if (!Number.isInteger(value) || value < 0) {
            throw this.#error(token, `OutOf needs a whole number of signatures, got ${token.text}`);
        }
        this.#expect(',');
        return value;
    }

    #item(): Gate | Principal {
        const token = this.#peek();
        if (token?.type === 'name') {
            return this.#gate();
        }
        const principal = this.#expect('string');
        const match = principalPattern.exec(principal.text);
        if (!match) {
            throw this.#error(
                principal,
                `invalid principal '${principal.text}': expected 'MSPID.ROLE' with ROLE one of member, admin, client, peer, orderer`,
            );
        }
        return { kind: 'principal', mspId: match[1] ?? '', role: (match[2] ?? 'member') as PrincipalRole };
    }

    #peek(): Token | undefined {
        return this.#tokens[this.#index];
    }

    #accept(type: Token['type']): boolean {
        if (this.#peek()?.type === type) {
            this.#index += 1;
            return true;
        }
        return false;
    }

    #expect<T extends Token['type']>(type: T): Extract<Token, { type: T }> {
        const token = this.#peek();
        if (token?.type !== type) {
            const found = token ? `'${token.text}' at position ${token.position}` : 'the end of the policy';
            throw new PolicyError(`expected ${describe(type)} but found ${found} in policy '${this.#expression}'`);
        }
        this.#index += 1;
        return token as Extract<Token, { type: T }>;
    }

    #error(token: Token, message: string): PolicyError {
        return new PolicyError(`${message} (at position ${token.position} in policy '${this.#expression}')`);
    }
}

function describe(type: Token['type']): string {
    switch (type) {
        case 'name':
            return 'AND, OR or OutOf';
        case 'number':
            return 'a number';
        case 'string':
            return "a quoted principal such as 'Org1MSP.peer' or a nested gate";
        default:
            return `'${type}'`;
    }
}

/**
 * Builds the envelope with Fabric's principal numbering: its parser evaluates nested gates before the enclosing gate
 * numbers its own principals, and principals are never deduplicated. Matching it keeps the bytes identical.
 */
function compile(root: Gate): SignaturePolicyEnvelope {
    const principals: msp.MSPPrincipal[] = [];
    const build = (gate: Gate): common.SignaturePolicy => {
        const nested = gate.items.map((item) => (item.kind === 'gate' ? build(item) : undefined));
        const rules = gate.items.map((item, index) => {
            if (item.kind === 'gate') {
                return nested[index] as common.SignaturePolicy;
            }
            principals.push(rolePrincipal(item.mspId, item.role));
            return signedBy(principals.length - 1);
        });
        return nOutOf(gate.threshold, rules);
    };
    const envelope = new common.SignaturePolicyEnvelope();
    envelope.setVersion(0);
    envelope.setRule(build(root));
    envelope.setIdentitiesList(principals);
    return envelope;
}

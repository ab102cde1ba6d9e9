// Who plays whom: every member acts through its own operator identity, issued by its hosting organisation
// (User1, User2, ... in the order members appear); organisation admins bind founders' operators.
import { type AssociationClient, GrpcClientPool, connect } from '@bia/client';
import type { HostOrg, StoryMember } from './story-types';

export interface Operator {
    readonly org: HostOrg;
    readonly identity: string;
}

export class Cast {
    readonly #connectionFiles: ReadonlyMap<string, string>;
    readonly #pool = new GrpcClientPool();
    readonly #operators = new Map<string, Operator>();
    readonly #usersTaken = new Map<HostOrg, number>();
    readonly #clients = new Map<string, Promise<AssociationClient>>();

    /** @param connectionFiles - organisation name to its connection file */
    constructor(connectionFiles: ReadonlyMap<string, string>) {
        this.#connectionFiles = connectionFiles;
    }

    /** Gives the member the next unused user identity of its hosting organisation. */
    assign(member: StoryMember): Operator {
        const existing = this.#operators.get(member.memberId);
        if (existing !== undefined) {
            return existing;
        }
        const taken = (this.#usersTaken.get(member.host) ?? 0) + 1;
        this.#usersTaken.set(member.host, taken);
        const operator = { org: member.host, identity: `User${taken}` };
        this.#operators.set(member.memberId, operator);
        return operator;
    }

    /** Every member given an operator so far, in the order they were given one. */
    operators(): ReadonlyMap<string, Operator> {
        return this.#operators;
    }

    operatorOf(memberId: string): Operator {
        const operator = this.#operators.get(memberId);
        if (operator === undefined) {
            throw new Error(`member ${memberId} has no operator in this story`);
        }
        return operator;
    }

    /** The client acting for a member, through its operator identity. */
    as(memberId: string): Promise<AssociationClient> {
        const { org, identity } = this.operatorOf(memberId);
        return this.#client(org, identity);
    }

    /** The client of an organisation's admin identity. */
    admin(org: HostOrg): Promise<AssociationClient> {
        return this.#client(org, 'Admin');
    }

    async close(): Promise<void> {
        const clients = await Promise.allSettled(this.#clients.values());
        for (const client of clients) {
            if (client.status === 'fulfilled') {
                client.value.close();
            }
        }
        this.#clients.clear();
        this.#pool.close();
    }

    #client(org: string, identity: string): Promise<AssociationClient> {
        const key = `${org}/${identity}`;
        let client = this.#clients.get(key);
        if (client === undefined) {
            const connectionFile = this.#connectionFiles.get(org);
            if (connectionFile === undefined) {
                throw new Error(`no connection file for organisation ${org}`);
            }
            client = connect({ connectionFile, identity, pool: this.#pool });
            this.#clients.set(key, client);
        }
        return client;
    }
}

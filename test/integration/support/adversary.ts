// The adversarial suite's fixture: raw gateway connections as any identity of any organisation (named in the
// connection files or crafted with the organisation's own CA), the ledger watch, and the one assertion every case
// makes: the network refused, with the project's error code, and nothing changed — the records involved read back
// byte-identical and no valid transaction with writes reached the ledger.
import { expect } from 'chai';
import type * as x509 from '@peculiar/x509';
import type { ErrorCode } from '@bia/model';
import { type Association, type Organization, association, closeAssociation } from './association';
import { type OrganizationCa, clientSubject, organizationCa } from './crafted-identities';
import { type LedgerTransaction, LedgerWatch, validWrites } from './ledger-watch';
import { type Credentials, type RawConnection, type Refusal, rawConnect, refusalFrom, refusalOf } from './raw-gateway';

/** A record read through evaluate: a transaction name, its arguments, and who reads (default: the neutral reader). */
export interface RecordRead {
    readonly name: string;
    readonly args?: readonly string[];
    readonly by?: RawConnection;
}

/** What a read returned: the exact bytes, or the refusal's code (a record that does not exist is part of the state). */
export type RecordState = { readonly bytes: string } | { readonly refused: string };

export interface RefusalCase {
    /** The attempt the network must refuse. */
    readonly attempt: () => Promise<unknown>;
    /**
     * The project's error code it must carry; undefined where the network refuses before the chaincode's own code
     * runs (the contract API's argument count, the MSP's certificate check), which use their own words.
     */
    readonly code: ErrorCode | undefined;
    /** The records the attempt aimed at: they must read back byte-identical. */
    readonly records: readonly RecordRead[];
}

/** Checks that refusals change nothing, on one network (one reader, one ledger watch). */
export class EffectCheck {
    readonly reader: RawConnection;
    readonly watch: LedgerWatch;

    constructor(reader: RawConnection) {
        this.reader = reader;
        this.watch = new LedgerWatch(reader);
    }

    /** The records' current states. */
    async snapshot(records: readonly RecordRead[]): Promise<RecordState[]> {
        return Promise.all(records.map((record) => readState(record.by ?? this.reader, record)));
    }

    /**
     * Runs an attempt the network must refuse with the case's code and checks that it changed nothing. Returns the
     * refusal and the transactions the ledger gained meanwhile (none of them a valid one with writes).
     */
    async refusedWithoutEffect(refusalCase: RefusalCase): Promise<{ refusal: Refusal; added: LedgerTransaction[] }> {
        const before = await this.snapshot(refusalCase.records);
        const mark = await this.watch.mark();
        const refusal = await refusalOf(refusalCase.attempt());
        if (refusalCase.code !== undefined) {
            expectCode(refusal, refusalCase.code);
        }
        const added = await this.watch.since(mark);
        expect(validWrites(added), 'valid transactions with writes added by a refused attempt').to.deep.equal([]);
        expect(await this.snapshot(refusalCase.records), 'records after the refused attempt').to.deep.equal(before);
        return { refusal, added };
    }
}

export class Adversary {
    readonly run: Association;
    /** Snapshots and probes by a neutral reader, the secretariat's User1. */
    readonly check: EffectCheck;
    readonly #connections: RawConnection[] = [];
    readonly #named = new Map<string, RawConnection>();
    readonly #cas = new Map<Organization, Promise<OrganizationCa>>();

    constructor(run: Association) {
        this.run = run;
        this.check = new EffectCheck(this.as('secretariat', 'User1'));
    }

    /** A raw connection as a named identity of the organisation's connection file (cached). */
    as(org: Organization, identity = 'User1'): RawConnection {
        const key = `${org}/${identity}`;
        let connection = this.#named.get(key);
        if (connection === undefined) {
            connection = this.#track(rawConnect(this.run.network.connectionFile(org), { identity }));
            this.#named.set(key, connection);
        }
        return connection;
    }

    /** A raw connection as crafted credentials, presented as an identity of the organisation's MSP. */
    withCredentials(org: Organization, credentials: Credentials): RawConnection {
        return this.#track(rawConnect(this.run.network.connectionFile(org), { identity: credentials }));
    }

    /** A client certificate issued by the organisation's real CA with the given RDNs after `OU=client`. */
    async craftClient(org: Organization, ...rdns: x509.JsonName): Promise<RawConnection> {
        const ca = await this.ca(org);
        return this.withCredentials(org, await ca.issue(clientSubject(...rdns)));
    }

    ca(org: Organization): Promise<OrganizationCa> {
        let ca = this.#cas.get(org);
        if (ca === undefined) {
            ca = organizationCa(this.run.network.connectionFile(org));
            this.#cas.set(org, ca);
        }
        return ca;
    }

    refusedWithoutEffect(refusalCase: RefusalCase): Promise<{ refusal: Refusal; added: LedgerTransaction[] }> {
        return this.check.refusedWithoutEffect(refusalCase);
    }

    close(): void {
        for (const connection of this.#connections.splice(0)) {
            connection.close();
        }
        this.#named.clear();
    }

    #track(connection: RawConnection): RawConnection {
        this.#connections.push(connection);
        return connection;
    }
}

/** Asserts the refusal carries the project's error format with this code. */
export function expectCode(refusal: Refusal, code: ErrorCode): void {
    expect(
        refusal.chaincodeError?.code,
        `the refusal's BIA_ERROR code; the network said: ${refusal.texts.join(' | ')}`,
    ).to.equal(code);
}

async function readState(reader: RawConnection, record: RecordRead): Promise<RecordState> {
    try {
        return { bytes: Buffer.from(await reader.evaluate(record.name, record.args ?? [])).toString('base64') };
    } catch (error) {
        const refusal = refusalFrom(error);
        return { refused: refusal.chaincodeError?.code ?? refusal.texts.join(' | ') };
    }
}

let shared: Promise<Adversary> | undefined;

/** The adversary of this process, on the association the suite's other files share (set up on first use). */
export function adversary(): Promise<Adversary> {
    shared ??= association().then((run) => new Adversary(run));
    return shared;
}

/** Closes the raw connections, then the association; for a root-level `after` hook of each file. */
export async function closeAdversary(): Promise<void> {
    const current = shared;
    shared = undefined;
    (await current?.catch(() => undefined))?.close();
    await closeAssociation();
}

/** A number written exactly as given in a JSON request (JSON.stringify cannot write 9007199254740993 or 1e999). */
export class NumberLiteral {
    readonly text: string;

    constructor(text: string) {
        this.text = text;
    }
}

/** JSON text of a request in which every NumberLiteral stands as its own text. */
export function jsonWithLiterals(value: unknown): string {
    const literals: string[] = [];
    const json = JSON.stringify(value, (_key, item: unknown) => {
        if (item instanceof NumberLiteral) {
            literals.push(item.text);
            return `@@literal-${String(literals.length - 1)}@@`;
        }
        return item;
    });
    return json.replace(/"@@literal-(\d+)@@"/g, (_match, index: string) => literals[Number(index)] ?? '');
}

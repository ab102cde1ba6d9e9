// The organisation's side of the network: its connection file and one @bia/client connection per identity that an
// operator account maps to, opened on first use and sharing one gRPC channel to the organisation's peer. Private
// keys stay in the files the connection file names, on this server; nothing of them reaches a browser.
import {
    type AssociationClient,
    type ConnectionProfile,
    GrpcClientPool,
    connect,
    readConnectionProfile,
} from '@bia/client';

export class Organization {
    readonly profile: ConnectionProfile;
    readonly connectionFile: string;
    readonly #pool = new GrpcClientPool();
    readonly #clients = new Map<string, Promise<AssociationClient>>();

    private constructor(connectionFile: string, profile: ConnectionProfile) {
        this.connectionFile = connectionFile;
        this.profile = profile;
    }

    static async open(connectionFile: string): Promise<Organization> {
        return new Organization(connectionFile, await readConnectionProfile(connectionFile));
    }

    get name(): string {
        return this.profile.name;
    }

    get mspId(): string {
        return this.profile.mspId;
    }

    /** The identity names of the connection file (Admin, User1, ...). */
    get identities(): string[] {
        return Object.keys(this.profile.identities);
    }

    /** The connection for one identity of the organisation. */
    client(identity: string): Promise<AssociationClient> {
        let client = this.#clients.get(identity);
        if (client === undefined) {
            client = connect({ profile: this.profile, identity, pool: this.#pool });
            // A failed connection is not cached: the next request tries again.
            client.catch(() => this.#clients.delete(identity));
            this.#clients.set(identity, client);
        }
        return client;
    }

    async close(): Promise<void> {
        const clients = await Promise.allSettled(this.#clients.values());
        for (const result of clients) {
            if (result.status === 'fulfilled') {
                await result.value[Symbol.asyncDispose]();
            }
        }
        this.#clients.clear();
        this.#pool.close();
    }
}

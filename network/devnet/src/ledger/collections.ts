// Private data collections as the peer resolves them for a chaincode: the explicit ones of its definition plus
// the implicit per-organisation ones, and the access checks the peer makes with its own error messages.
import { SimulationError } from './simulation';

export interface CollectionDefinition {
    readonly name: string;
    /** Organisations whose peers store the private data (the collection's member orgs policy). */
    readonly memberMspIds: readonly string[];
    /** Only clients of member organisations may read. */
    readonly memberOnlyRead?: boolean;
    /** Only clients of member organisations may write. */
    readonly memberOnlyWrite?: boolean;
}

const IMPLICIT_PREFIX = '_implicit_org_';

/** The implicit collection of one organisation (no member-only restrictions, as Fabric generates it). */
export function implicitCollection(mspId: string): CollectionDefinition {
    return { name: IMPLICIT_PREFIX + mspId, memberMspIds: [mspId] };
}

export class Collections {
    readonly #channel: string;
    readonly #namespace: string;
    readonly #definitions: ReadonlyMap<string, CollectionDefinition>;

    /** channelMspIds: the channel's application organisations, each of which has an implicit collection. */
    constructor(
        channel: string,
        namespace: string,
        definitions: readonly CollectionDefinition[],
        channelMspIds: readonly string[],
    ) {
        this.#channel = channel;
        this.#namespace = namespace;
        const all = [...definitions, ...channelMspIds.map(implicitCollection)];
        this.#definitions = new Map(all.map((definition) => [definition.name, definition]));
    }

    /** The handler's permission check on the transaction creator (core/chaincode/handler.go). */
    checkAccess(name: string, access: 'read' | 'write', creatorMspId: string): CollectionDefinition {
        const definition = this.#lookup(name);
        if (!definition) {
            throw new SimulationError(`collection ${this.#channel}/${this.#namespace}/${name} could not be found`);
        }
        const isMember = definition.memberMspIds.includes(creatorMspId);
        const restricted = access === 'read' ? definition.memberOnlyRead : definition.memberOnlyWrite;
        if (restricted && !isMember) {
            throw new SimulationError(
                `tx creator does not have ${access} access permission on privatedata in chaincodeName:${this.#namespace} collectionName: ${name}`,
            );
        }
        return definition;
    }

    /** The ledger's check that the collection exists (txmgr collNameValidator). */
    checkDefined(name: string): CollectionDefinition {
        const definition = this.#definitions.get(name);
        if (!definition) {
            throw new SimulationError(
                `collection [${name}] not defined in the collection config for chaincode [${this.#namespace}]`,
            );
        }
        return definition;
    }

    #lookup(name: string): CollectionDefinition | undefined {
        const definition = this.#definitions.get(name);
        if (definition || !name.startsWith(IMPLICIT_PREFIX)) {
            return definition;
        }
        // The lifecycle answers for the implicit collection of any MSP ID, member of the channel or not.
        return implicitCollection(name.slice(IMPLICIT_PREFIX.length));
    }
}

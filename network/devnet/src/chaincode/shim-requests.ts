// Serves the chaincode's ledger requests (GET_STATE, PUT_STATE, ranges, ...) from the transaction's Simulation,
// decoding and encoding the payloads as the peer does (core/chaincode/handler.go). Failures are thrown;
// the stream handler turns them into ERROR replies.
import { peer } from '@hyperledger/fabric-protos';
import type { PageRequest } from '../ledger/simulation';
import { MessageTypes } from './messages';
import { encodeKeyModification, encodeKeyValue } from './query-results';
import type { TransactionContext } from './transaction-context';

type RequestHandler = (payload: Uint8Array, context: TransactionContext) => Promise<Uint8Array | undefined>;

/** The peer's rule: metadata with neither a page size nor a bookmark means no pagination. */
function pageRequest(metadataBytes: Uint8Array): PageRequest | undefined {
    if (metadataBytes.length === 0) {
        return undefined;
    }
    const metadata = peer.QueryMetadata.deserializeBinary(metadataBytes);
    const pageSize = metadata.getPagesize();
    const bookmark = metadata.getBookmark();
    return pageSize === 0 && bookmark === '' ? undefined : { pageSize, bookmark };
}

function encodeMetadata(entries: ReadonlyMap<string, Uint8Array>): Uint8Array {
    const result = new peer.StateMetadataResult();
    const names = [...entries.keys()].sort();
    result.setEntriesList(
        names.map((name) => {
            const entry = new peer.StateMetadata();
            entry.setMetakey(name);
            entry.setValue(entries.get(name) ?? new Uint8Array());
            return entry;
        }),
    );
    return result.serializeBinary();
}

const getState: RequestHandler = async (payload, { simulation }) => {
    const request = peer.GetState.deserializeBinary(payload);
    return simulation.getState(request.getCollection(), request.getKey());
};

const getPrivateDataHash: RequestHandler = async (payload, { simulation }) => {
    const request = peer.GetState.deserializeBinary(payload);
    return simulation.getPrivateDataHash(request.getCollection(), request.getKey());
};

const getStateMetadata: RequestHandler = async (payload, { simulation }) => {
    const request = peer.GetStateMetadata.deserializeBinary(payload);
    return encodeMetadata(await simulation.getStateMetadata(request.getCollection(), request.getKey()));
};

const putState: RequestHandler = async (payload, { simulation }) => {
    const request = peer.PutState.deserializeBinary(payload);
    await simulation.putState(request.getCollection(), request.getKey(), request.getValue_asU8());
    return undefined;
};

const putStateMetadata: RequestHandler = async (payload, { simulation }) => {
    const request = peer.PutStateMetadata.deserializeBinary(payload);
    const entry = request.getMetadata();
    if (!entry) {
        throw new Error('state metadata entry is missing');
    }
    await simulation.putStateMetadata(
        request.getCollection(),
        request.getKey(),
        entry.getMetakey(),
        entry.getValue_asU8(),
    );
    return undefined;
};

const deleteState: RequestHandler = async (payload, { simulation }) => {
    const request = peer.DelState.deserializeBinary(payload);
    await simulation.deleteState(request.getCollection(), request.getKey());
    return undefined;
};

const purgePrivateData: RequestHandler = async (payload, { simulation }) => {
    const request = peer.DelState.deserializeBinary(payload);
    if (request.getCollection() === '') {
        throw new Error('only applicable for private data');
    }
    await simulation.purgePrivateData(request.getCollection(), request.getKey());
    return undefined;
};

const getStateByRange: RequestHandler = async (payload, { simulation, queries }) => {
    const request = peer.GetStateByRange.deserializeBinary(payload);
    const collection = request.getCollection();
    // As on the peer, private data range queries are never paginated.
    const page = collection === '' ? pageRequest(request.getMetadata_asU8()) : undefined;
    const startKey = page && page.bookmark !== '' ? page.bookmark : request.getStartkey();
    const iterator = await simulation.openRangeQuery(collection, startKey, request.getEndkey(), page);
    const response = await queries.open(iterator, (kv) => encodeKeyValue(simulation.namespace, kv), page);
    return response.serializeBinary();
};

const getQueryResult: RequestHandler = async (payload, { simulation, queries }) => {
    const request = peer.GetQueryResult.deserializeBinary(payload);
    const collection = request.getCollection();
    const page = collection === '' ? pageRequest(request.getMetadata_asU8()) : undefined;
    const iterator = await simulation.openRichQuery(collection, request.getQuery(), page);
    const response = await queries.open(iterator, (kv) => encodeKeyValue(simulation.namespace, kv), page);
    return response.serializeBinary();
};

const getHistoryForKey: RequestHandler = async (payload, { simulation, queries }) => {
    const request = peer.GetHistoryForKey.deserializeBinary(payload);
    const iterator = await simulation.openHistoryQuery(request.getKey());
    const response = await queries.open(iterator, encodeKeyModification);
    return response.serializeBinary();
};

const queryStateNext: RequestHandler = async (payload, { queries }) => {
    const request = peer.QueryStateNext.deserializeBinary(payload);
    const response = await queries.next(request.getId());
    return response.serializeBinary();
};

const queryStateClose: RequestHandler = async (payload, { queries }) => {
    const request = peer.QueryStateClose.deserializeBinary(payload);
    return Promise.resolve(queries.close(request.getId()).serializeBinary());
};

const invokeChaincode: RequestHandler = async (payload) => {
    const target = peer.ChaincodeSpec.deserializeBinary(payload).getChaincodeId()?.getName() ?? '';
    return Promise.reject(
        new Error(`the devnet does not support chaincode-to-chaincode calls (called chaincode '${target}')`),
    );
};

const handlers = new Map<number, RequestHandler>([
    [MessageTypes.GET_STATE, getState],
    [MessageTypes.GET_PRIVATE_DATA_HASH, getPrivateDataHash],
    [MessageTypes.GET_STATE_METADATA, getStateMetadata],
    [MessageTypes.PUT_STATE, putState],
    [MessageTypes.PUT_STATE_METADATA, putStateMetadata],
    [MessageTypes.DEL_STATE, deleteState],
    [MessageTypes.PURGE_PRIVATE_DATA, purgePrivateData],
    [MessageTypes.GET_STATE_BY_RANGE, getStateByRange],
    [MessageTypes.GET_QUERY_RESULT, getQueryResult],
    [MessageTypes.GET_HISTORY_FOR_KEY, getHistoryForKey],
    [MessageTypes.QUERY_STATE_NEXT, queryStateNext],
    [MessageTypes.QUERY_STATE_CLOSE, queryStateClose],
    [MessageTypes.INVOKE_CHAINCODE, invokeChaincode],
]);

/** The handler for a chaincode request type, or undefined when the type is not a ledger request. */
export function shimRequestHandler(type: number): RequestHandler | undefined {
    return handlers.get(type);
}

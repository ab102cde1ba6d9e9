// Encoding of query results the way the shim decodes them (ledger.queryresult.KV / KeyModification).
import { ledger } from '@hyperledger/fabric-protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import type { KeyModification, KeyValue } from '../ledger/simulation';

export function encodeKeyValue(namespace: string, item: KeyValue): Uint8Array {
    const kv = new ledger.queryresult.KV();
    kv.setNamespace(namespace);
    kv.setKey(item.key);
    kv.setValue(item.value);
    return kv.serializeBinary();
}

export function encodeKeyModification(item: KeyModification): Uint8Array {
    const timestamp = new Timestamp();
    timestamp.setSeconds(Number(item.timestamp.seconds));
    timestamp.setNanos(item.timestamp.nanos);
    const modification = new ledger.queryresult.KeyModification();
    modification.setTxId(item.txId);
    modification.setValue(item.value);
    modification.setTimestamp(timestamp);
    modification.setIsDelete(item.isDelete);
    return modification.serializeBinary();
}

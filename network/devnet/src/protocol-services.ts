// Fabric's gRPC service definitions without their class checks. The definitions generated in
// @hyperledger/fabric-protos refuse to serialise a message unless it is `instanceof` their own class, but
// google-protobuf registers generated classes in one global namespace: once another copy of the protos is loaded
// in the same process (fabric-shim bundles its own), messages are built and decoded by whichever copy defined the
// class last, and every send would fail with "Error serializing". Serialising by shape works with either copy.
import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';

interface SerializableMessage {
    serializeBinary(): Uint8Array;
}

function serializeMessage(message: SerializableMessage): Buffer {
    return Buffer.from(message.serializeBinary());
}

/** A copy of a generated service definition whose serialisers accept a message of any copy of its class. */
export function withoutClassChecks<S extends ServiceDefinition>(service: S): S {
    const methods = Object.entries(service).map(([name, method]: [string, MethodDefinition<unknown, unknown>]) => [
        name,
        { ...method, requestSerialize: serializeMessage, responseSerialize: serializeMessage },
    ]);
    return Object.fromEntries(methods) as S;
}

// Why a protobuf message could not be decoded, in the words of Fabric (Go's protobuf runtime), so that the errors
// embedding it read like a peer's or an orderer's. google-protobuf's own texts ("Assertion failed", "Invalid wire
// type: %s (at position %s)") vary with the damage and carry unformatted placeholders. Use it only where the
// failing call is a deserializeBinary.
export const WIRE_FORMAT_ERROR = 'proto: cannot parse invalid wire-format data';

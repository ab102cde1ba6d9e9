// Block construction and hashing exactly as Fabric's protoutil does, so blocks chain like a real peer's ledger.
import { createHash } from 'node:crypto';
import { common } from '@hyperledger/fabric-protos';

/** Number of metadata slots Fabric reserves in every block (common.BlockMetadataIndex). */
const METADATA_SLOTS = 5;

export interface BlockHeaderFields {
    readonly number: bigint;
    readonly previousHash: Uint8Array;
    readonly dataHash: Uint8Array;
}

/** SHA-256 over the concatenated envelope bytes (protoutil.BlockDataHash). */
export function blockDataHash(data: readonly Uint8Array[]): Uint8Array {
    const hash = createHash('sha256');
    for (const envelope of data) {
        hash.update(envelope);
    }
    return hash.digest();
}

/** DER encoding of SEQUENCE { INTEGER number, OCTET STRING previousHash, OCTET STRING dataHash } (protoutil.BlockHeaderBytes). */
export function blockHeaderBytes(header: BlockHeaderFields): Uint8Array {
    return derSequence([
        derInteger(header.number),
        derOctetString(header.previousHash),
        derOctetString(header.dataHash),
    ]);
}

/** SHA-256 of the DER header: the next block's previous_hash. */
export function blockHeaderHash(header: BlockHeaderFields): Uint8Array {
    return createHash('sha256').update(blockHeaderBytes(header)).digest();
}

/** A block holding the given envelopes, with Fabric's five (empty) metadata slots. */
export function newBlock(number: bigint, previousHash: Uint8Array, envelopes: readonly Uint8Array[]): common.Block {
    const header = new common.BlockHeader();
    header.setNumber(Number(number));
    header.setPreviousHash(previousHash);
    header.setDataHash(blockDataHash(envelopes));

    const data = new common.BlockData();
    data.setDataList([...envelopes]);

    const metadata = new common.BlockMetadata();
    metadata.setMetadataList(Array.from({ length: METADATA_SLOTS }, () => new Uint8Array()));

    const block = new common.Block();
    block.setHeader(header);
    block.setData(data);
    block.setMetadata(metadata);
    return block;
}

/** The header fields of a decoded block, for hashing. */
export function headerFields(block: common.Block): BlockHeaderFields {
    const header = block.getHeader();
    return {
        number: BigInt(header?.getNumber() ?? 0),
        previousHash: header?.getPreviousHash_asU8() ?? new Uint8Array(),
        dataHash: header?.getDataHash_asU8() ?? new Uint8Array(),
    };
}

function derLength(length: number): Uint8Array {
    if (length < 0x80) {
        return Uint8Array.of(length);
    }
    const bytes: number[] = [];
    for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) {
        bytes.unshift(rest % 256);
    }
    return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

function derElement(tag: number, content: Uint8Array): Uint8Array {
    return Buffer.concat([Uint8Array.of(tag), derLength(content.length), content]);
}

function derInteger(value: bigint): Uint8Array {
    const bytes: number[] = [];
    for (let rest = value; rest > 0n; rest >>= 8n) {
        bytes.unshift(Number(rest & 0xffn));
    }
    // Minimal two's complement: a leading 0x00 keeps a set high bit positive; zero is one 0x00 byte.
    if (bytes.length === 0 || (bytes[0] ?? 0) >= 0x80) {
        bytes.unshift(0);
    }
    return derElement(0x02, Uint8Array.from(bytes));
}

function derOctetString(value: Uint8Array): Uint8Array {
    return derElement(0x04, value);
}

function derSequence(elements: readonly Uint8Array[]): Uint8Array {
    return derElement(0x30, Buffer.concat(elements));
}

import { createHash } from 'node:crypto';
import { expect } from 'chai';
import * as asn1js from 'asn1js';
import { common } from '@hyperledger/fabric-protos';
import {
    blockDataHash,
    blockHeaderBytes,
    blockHeaderHash,
    headerFields,
    newBlock,
} from '../../../../network/devnet/src/orderer';

function decodeHeader(der: Uint8Array): { number: bigint; previousHash: Buffer; dataHash: Buffer } {
    const parsed = asn1js.fromBER(Uint8Array.from(der));
    expect(parsed.offset, 'whole buffer is one DER value').to.equal(der.length);
    const sequence = parsed.result;
    if (!(sequence instanceof asn1js.Sequence)) {
        throw new Error('not a SEQUENCE');
    }
    const [number, previousHash, dataHash] = sequence.valueBlock.value;
    if (
        !(number instanceof asn1js.Integer) ||
        !(previousHash instanceof asn1js.OctetString) ||
        !(dataHash instanceof asn1js.OctetString)
    ) {
        throw new Error('expected INTEGER, OCTET STRING, OCTET STRING');
    }
    return {
        number: number.toBigInt(),
        previousHash: Buffer.from(previousHash.valueBlock.valueHexView),
        dataHash: Buffer.from(dataHash.valueBlock.valueHexView),
    };
}

describe('orderer block hashing', () => {
    it('encodes the header as a DER SEQUENCE of number, previous hash and data hash', () => {
        const previousHash = Buffer.from('foo');
        const dataHash = Buffer.from('bar');
        const der = blockHeaderBytes({ number: 1n, previousHash, dataHash });
        expect(der[0]).to.equal(0x30);
        expect(decodeHeader(der)).to.deep.equal({ number: 1n, previousHash, dataHash });
    });

    for (const number of [0n, 127n, 128n, 255n, 256n, 65_535n, 2n ** 63n, 2n ** 64n - 1n]) {
        it(`encodes block number ${number} as a minimal positive INTEGER`, () => {
            const der = blockHeaderBytes({ number, previousHash: new Uint8Array(), dataHash: new Uint8Array(32) });
            expect(decodeHeader(der).number).to.equal(number);
            // Content of the INTEGER: no redundant leading zero byte, and never negative.
            const integerLength = der[3] ?? 0;
            const first = der[4] ?? 0;
            const second = der[5] ?? 0;
            expect(first & 0x80, 'sign bit').to.equal(0);
            if (integerLength > 1) {
                expect(first === 0 && second < 0x80, 'redundant leading zero').to.equal(false);
            }
        });
    }

    it('uses long-form DER lengths for long hashes', () => {
        const previousHash = Buffer.alloc(200, 7);
        const der = blockHeaderBytes({ number: 5n, previousHash, dataHash: Buffer.alloc(32, 1) });
        expect(decodeHeader(der).previousHash).to.deep.equal(previousHash);
    });

    it('hashes the header DER with SHA-256', () => {
        const header = { number: 9n, previousHash: Buffer.alloc(32, 3), dataHash: Buffer.alloc(32, 4) };
        const expected = createHash('sha256').update(blockHeaderBytes(header)).digest();
        expect(Buffer.from(blockHeaderHash(header))).to.deep.equal(expected);
    });

    it('hashes block data as SHA-256 over the concatenated envelopes', () => {
        const envelopes = [Buffer.from('first envelope'), Buffer.from('second')];
        const expected = createHash('sha256').update('first envelopesecond').digest();
        expect(Buffer.from(blockDataHash(envelopes))).to.deep.equal(expected);
        expect(Buffer.from(blockDataHash([Buffer.from('first envelopesecon'), Buffer.from('d')]))).to.deep.equal(
            expected,
        );
    });

    it('builds a block with data hash, previous hash and five empty metadata slots', () => {
        const envelopes = [Buffer.from(`tx-${Date.now()}`)];
        const previousHash = Buffer.alloc(32, 9);
        const block = common.Block.deserializeBinary(newBlock(4n, previousHash, envelopes).serializeBinary());
        expect(block.getHeader()?.getNumber()).to.equal(4);
        expect(Buffer.from(block.getHeader()?.getPreviousHash_asU8() ?? [])).to.deep.equal(previousHash);
        expect(Buffer.from(block.getHeader()?.getDataHash_asU8() ?? [])).to.deep.equal(
            Buffer.from(blockDataHash(envelopes)),
        );
        expect(
            block
                .getData()
                ?.getDataList_asU8()
                .map((d) => Buffer.from(d)),
        ).to.deep.equal(envelopes);
        expect(block.getMetadata()?.getMetadataList()).to.have.length(5);
        expect(headerFields(block).number).to.equal(4n);
    });
});

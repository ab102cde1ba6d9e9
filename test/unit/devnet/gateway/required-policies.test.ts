import { expect } from 'chai';
import { ledger } from '@hyperledger/fabric-protos';
import {
    requiredPolicies,
    summarizeResults,
    type ChannelPolicies,
    type PolicyCheck,
} from '../../../../network/devnet/src/committer';

type Check = PolicyCheck<{ mspId: string }>;

function results(namespace: string, writes: string[], collectionWrites: string[] = []): Uint8Array {
    const kv = new ledger.rwset.kvrwset.KVRWSet();
    kv.setWritesList(
        writes.map((key) => {
            const write = new ledger.rwset.kvrwset.KVWrite();
            write.setKey(key);
            write.setValue(Buffer.from('v'));
            return write;
        }),
    );
    const ns = new ledger.rwset.NsReadWriteSet();
    ns.setNamespace(namespace);
    ns.setRwset(kv.serializeBinary());
    ns.setCollectionHashedRwsetList(
        collectionWrites.map((name) => {
            const hashed = new ledger.rwset.kvrwset.HashedRWSet();
            const write = new ledger.rwset.kvrwset.KVWriteHash();
            write.setKeyHash(Buffer.alloc(32, 1));
            hashed.setHashedWritesList([write]);
            const collection = new ledger.rwset.CollectionHashedReadWriteSet();
            collection.setCollectionName(name);
            collection.setHashedRwset(hashed.serializeBinary());
            return collection;
        }),
    );
    const tx = new ledger.rwset.TxReadWriteSet();
    tx.setNsRwsetList([ns]);
    return tx.serializeBinary();
}

describe('committer requiredPolicies', () => {
    const chaincodePolicy: Check = () => true;
    const collectionPolicy: Check = () => true;
    const keyPolicies = new Map<string, Check>();
    const policies: ChannelPolicies<{ mspId: string }> = {
        chaincodePolicy: () => chaincodePolicy,
        keyPolicy: (parameter) => {
            const name = Buffer.from(parameter).toString();
            const check = keyPolicies.get(name) ?? (() => false);
            keyPolicies.set(name, check);
            return check;
        },
        collection: (_, name) =>
            name === 'withPolicy'
                ? { name, memberMspIds: ['A'], endorsementPolicy: collectionPolicy }
                : { name, memberMspIds: ['A'] },
    };

    it('needs the chaincode policy for a read-only transaction', () => {
        const bytes = results('cc', []);
        expect(
            requiredPolicies({ summary: summarizeResults(bytes), written: [], policies, chaincodePolicy }),
        ).to.deep.equal([chaincodePolicy]);
    });

    it('needs only the key-level policy for a write to a key that has one', () => {
        const bytes = results('cc', ['guarded']);
        const checks = requiredPolicies({
            summary: summarizeResults(bytes),
            written: [{ namespace: 'cc', collection: '', key: 'guarded', validationParameter: Buffer.from('p1') }],
            policies,
            chaincodePolicy,
        });
        expect(checks).to.deep.equal([keyPolicies.get('p1')]);
    });

    it('adds the chaincode policy when another written key has no key-level policy', () => {
        const bytes = results('cc', ['guarded', 'plain']);
        const checks = requiredPolicies({
            summary: summarizeResults(bytes),
            written: [
                { namespace: 'cc', collection: '', key: 'guarded', validationParameter: Buffer.from('p2') },
                { namespace: 'cc', collection: '', key: 'plain' },
            ],
            policies,
            chaincodePolicy,
        });
        expect(checks).to.have.members([keyPolicies.get('p2'), chaincodePolicy]);
    });

    it('uses a policy set earlier in the block over the committed one', () => {
        const bytes = results('cc', ['guarded']);
        const checks = requiredPolicies({
            summary: summarizeResults(bytes),
            written: [{ namespace: 'cc', collection: '', key: 'guarded', validationParameter: Buffer.from('old') }],
            policies,
            chaincodePolicy,
            overlay: new Map([['cc\u0000guarded', Buffer.from('new')]]),
        });
        expect(checks).to.deep.equal([keyPolicies.get('new')]);
    });

    it("uses a collection's own endorsement policy for its writes", () => {
        const withPolicy = results('cc', [], ['withPolicy']);
        expect(
            requiredPolicies({ summary: summarizeResults(withPolicy), written: [], policies, chaincodePolicy }),
        ).to.deep.equal([collectionPolicy]);
        const without = results('cc', [], ['plainCollection']);
        expect(
            requiredPolicies({ summary: summarizeResults(without), written: [], policies, chaincodePolicy }),
        ).to.deep.equal([chaincodePolicy]);
    });
});

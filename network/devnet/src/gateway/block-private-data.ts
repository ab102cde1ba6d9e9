// The private data a peer attaches to a block for DeliverWithPrivateData, as Fabric 2.5's deliver service does
// (core/peer/deliverevents.go getPrivateData): the write sets the serving peer's own private data store holds for
// the block (so only collections its organisation is a member of), each included when its collection is not
// memberOnlyRead or the requesting identity satisfies the collection's member policy.
import { ledger } from '@hyperledger/fabric-protos';
import type { ChannelPolicies, CollectionPrivateData, Identity, PrivateDataLedger } from '../ports';

const { rwset } = ledger;

export interface PrivateDataSource<I extends Identity> {
    /** The MSP of the peer serving the stream: its private data store is the one read. */
    readonly peerMspId: string;
    readonly ledger: PrivateDataLedger;
    readonly policies: ChannelPolicies<I>;
}

/**
 * A collection the peer cannot find a collection config for. Fabric's peer looks collections up in its collection
 * config history, which holds only the chaincode definition's explicit collections, so private data of an implicit
 * collection (_implicit_org_<MSPID>) fails the stream the same way (INTERNAL_SERVER_ERROR).
 */
export class MissingCollectionConfigError extends Error {
    constructor(namespace: string, collection: string) {
        super(`no collection config was found for collection ${collection} for chaincode ${namespace}`);
        this.name = 'MissingCollectionConfigError';
    }
}

/** Transaction index → the private write sets the requester may see; transactions with none are left out. */
export async function blockPrivateDataMap<I extends Identity>(
    source: PrivateDataSource<I>,
    blockNumber: bigint,
    requester: I,
): Promise<Map<number, ledger.rwset.TxPvtReadWriteSet>> {
    const held = await source.ledger.privateData(source.peerMspId, blockNumber);
    const map = new Map<number, ledger.rwset.TxPvtReadWriteSet>();
    for (const [txNum, writeSets] of held) {
        const byNamespace = new Map<string, ledger.rwset.CollectionPvtReadWriteSet[]>();
        for (const writeSet of writeSets) {
            if (!isEligible(source.policies, writeSet, requester)) {
                continue;
            }
            const collection = new rwset.CollectionPvtReadWriteSet();
            collection.setCollectionName(writeSet.collection);
            collection.setRwset(writeSet.rwset);
            const list = byNamespace.get(writeSet.namespace) ?? [];
            list.push(collection);
            byNamespace.set(writeSet.namespace, list);
        }
        if (byNamespace.size === 0) {
            continue;
        }
        const txPvtRwSet = new rwset.TxPvtReadWriteSet();
        txPvtRwSet.setDataModel(rwset.TxReadWriteSet.DataModel.KV);
        txPvtRwSet.setNsPvtRwsetList(
            [...byNamespace].map(([namespace, collections]) => {
                const ns = new rwset.NsPvtReadWriteSet();
                ns.setNamespace(namespace);
                ns.setCollectionPvtRwsetList(collections);
                return ns;
            }),
        );
        map.set(txNum, txPvtRwSet);
    }
    return map;
}

/** Fabric's collPolicyChecker.CheckCollectionPolicy. */
function isEligible<I extends Identity>(
    policies: ChannelPolicies<I>,
    writeSet: CollectionPrivateData,
    requester: I,
): boolean {
    const info = policies.collection(writeSet.namespace, writeSet.collection);
    if (!info || info.implicit) {
        throw new MissingCollectionConfigError(writeSet.namespace, writeSet.collection);
    }
    if (!info.memberOnlyRead) {
        return true;
    }
    return info.memberPolicy?.([requester]) ?? false;
}

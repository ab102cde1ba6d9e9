// A small topology for devnet tests that need several organisations but not the association's four: org1 and org2
// (Org1MSP, Org2MSP), every port ephemeral, any one organisation's peer enough to endorse.
import type { OrganizationSpec, Topology } from '../../../../network/devnet/src';

function organization(index: number): OrganizationSpec {
    return {
        name: `org${String(index)}`,
        mspId: `Org${String(index)}MSP`,
        domain: `org${String(index)}.example.com`,
        role: 'test organisation',
        peer: { name: 'peer0', port: 0, chaincodePort: 0, operationsPort: 0 },
        ca: { port: 0, operationsPort: 0 },
        userCount: 1,
    };
}

export function twoOrganizations(channel: string, chaincode: string): Topology {
    return {
        domain: 'example.com',
        channel,
        chaincode,
        ordererOrganization: {
            name: 'orderer',
            mspId: 'OrdererMSP',
            domain: 'example.com',
            ca: { port: 0, operationsPort: 0 },
            orderers: [{ name: 'orderer', port: 0, adminPort: 0, operationsPort: 0 }],
        },
        organizations: [organization(1), organization(2)],
        chaincodeServer: { port: 0 },
        endorsementPolicy: "OR('Org1MSP.peer', 'Org2MSP.peer')",
        batch: { maxMessageCount: 10, batchTimeoutMs: 50 },
    };
}

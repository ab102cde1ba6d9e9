// An instance of the association's chaincode that nobody has bootstrapped, for the race for the charter: on the
// devnet a devnet of its own; on real Fabric a second deployment of chaincode/ under another name beside the
// association's (test/fabric/run.sh deploys it and names it in BIA_FABRIC_UNBOOTSTRAPPED_CHAINCODE). The suite never
// bootstraps it, so a second run on the same Fabric network finds it unbootstrapped again.
import type { NetworkUnderTest } from './network-under-test';
import { startDevnetNetwork } from './network-under-test';
import { readConnectionProfile } from './raw-gateway';

export interface UnbootstrappedChaincode {
    /** The chaincode's name on the channel. */
    readonly chaincode: string;
    readonly description: string;
    connectionFile(organization: string): string;
    stop(): Promise<void>;
}

export const unbootstrappedChaincodeVariable = 'BIA_FABRIC_UNBOOTSTRAPPED_CHAINCODE';

/** Undefined on a real network whose runner deployed no such chaincode (the case then cannot run there). */
export async function openUnbootstrappedChaincode(
    network: NetworkUnderTest,
): Promise<UnbootstrappedChaincode | undefined> {
    if (network.kind === 'fabric') {
        const chaincode = process.env[unbootstrappedChaincodeVariable];
        if (chaincode === undefined || chaincode === '') {
            return undefined;
        }
        return {
            chaincode,
            description: `chaincode ${chaincode} on ${network.description}`,
            connectionFile: (organization) => network.connectionFile(organization),
            stop: () => Promise.resolve(),
        };
    }
    const devnet = await startDevnetNetwork();
    const [first] = devnet.organizations;
    if (first === undefined) {
        await devnet.stop();
        throw new Error('the topology has no organisation');
    }
    return {
        chaincode: readConnectionProfile(devnet.connectionFile(first)).chaincode,
        description: devnet.description,
        connectionFile: (organization) => devnet.connectionFile(organization),
        stop: () => devnet.stop(),
    };
}

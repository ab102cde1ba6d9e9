// The chaincode's entry point: fabric-chaincode-node loads `contracts` from the package's main module.
import { DealsContract } from './deals/contract';
import { MembershipContract } from './membership/contract';
import { ScenariosContract } from './scenarios/contract';
import { ShipmentsContract } from './shipments/contract';

export { DealsContract, MembershipContract, ScenariosContract, ShipmentsContract };

/** Membership first: a transaction name without a contract prefix goes to the first contract. */
export const contracts = [MembershipContract, ScenariosContract, DealsContract, ShipmentsContract];

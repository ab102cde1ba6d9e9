// The chaincode's entry point and assembly: fabric-chaincode-node loads `contracts` from the package's main module.
// Here, and only here, the features are wired into the lower layers that must call up into them.
import { wireMotionOutcomes } from './governance/outcomes';
import { DealsContract } from './deals/contract';
import { MembershipContract } from './membership/contract';
import { applyMembershipMotion } from './membership/motion-outcomes';
import { ScenariosContract } from './scenarios/contract';
import { applyScenarioMotion } from './scenarios/motion-outcomes';
import { ShipmentsContract } from './shipments/contract';

wireMotionOutcomes({
    'admit-member': applyMembershipMotion,
    'suspend-member': applyMembershipMotion,
    'expel-member': applyMembershipMotion,
    'reinstate-member': applyMembershipMotion,
    'amend-charter': applyMembershipMotion,
    'approve-scenario': applyScenarioMotion,
});

export { DealsContract, MembershipContract, ScenariosContract, ShipmentsContract };

/** Membership first: a transaction name without a contract prefix goes to the first contract. */
export const contracts = [MembershipContract, ScenariosContract, DealsContract, ShipmentsContract];

// The membership feature: its contract, and what other features need of it.
export { MembershipContract } from './contract';
export { activeMember, actingMember, councilMember, requireMspAdmin } from './actors';
export { getCharter, getMember, readMember } from './records';

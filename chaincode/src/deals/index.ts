// The deals feature: the contract, and the reads other features build on.
export { DealsContract } from './contract';
export { getDeal, readDeal } from './records';

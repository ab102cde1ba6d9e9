// The scenarios feature: its contract.
export { ScenariosContract } from './contract';

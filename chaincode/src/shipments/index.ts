// The shipments feature: medical transport under an inked deal.
export { ShipmentsContract } from './contract';

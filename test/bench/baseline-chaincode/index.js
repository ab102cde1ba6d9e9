'use strict';
// The benchmark's baseline chaincode: its one contract is what the shim loads.
const { BaselineContract } = require('./lib/baseline-contract');

module.exports.BaselineContract = BaselineContract;
module.exports.contracts = [BaselineContract];

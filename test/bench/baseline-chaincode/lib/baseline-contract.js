'use strict';
// Least possible work: a blind write of one small key (no read, so no read set and no MVCC conflict), and a read.
const { Contract } = require('fabric-contract-api');

class BaselineContract extends Contract {
    constructor() {
        super('baseline');
    }

    async Put(ctx, key, value) {
        await ctx.stub.putState(key, Buffer.from(value, 'utf8'));
    }

    async Get(ctx, key) {
        const value = await ctx.stub.getState(key);
        return Buffer.from(value).toString('utf8');
    }
}

module.exports = { BaselineContract };

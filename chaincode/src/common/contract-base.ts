// The base of the association's contracts: unknown transaction names are refused in the error format.
import { Context, Contract } from 'fabric-contract-api';
import { validationError } from './errors';

export abstract class AssociationContract extends Contract {
    override unknownTransaction(ctx: Context): Promise<void> {
        const { fcn } = ctx.stub.getFunctionAndParameters();
        return Promise.reject(validationError('function', `${fcn} is not a transaction of ${this.getName()}`));
    }
}

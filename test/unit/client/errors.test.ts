import { expect } from 'chai';
import { encodeChaincodeError } from '@bia/model';
import { GatewayError } from '@hyperledger/fabric-gateway';
import { Metadata, status } from '@grpc/grpc-js';
import {
    CommitStatusError,
    EndorseError,
    NotFoundError,
    SubmitError,
    UnavailableError,
    ValidationError,
} from '../../../client/src/errors';
import { toBiaError } from '../../../client/src/transactions/fabric-port';

function gatewayError(code: status, messages: string[]): GatewayError {
    const cause = Object.assign(new Error('grpc failure'), {
        code,
        details: 'grpc failure',
        metadata: new Metadata(),
    });
    return new GatewayError({
        code,
        cause,
        message: 'failed to endorse transaction, see attached details for more info',
        details: messages.map((message, i) => ({ address: `peer${i}:7051`, mspId: `Org${i}MSP`, message })),
    });
}

describe('toBiaError', () => {
    it('decodes the chaincode error carried in a peer message into its typed class', () => {
        const encoded = encodeChaincodeError({
            code: 'NOT_FOUND',
            message: 'member acme does not exist',
            details: { id: 'acme' },
        });
        const error = toBiaError(
            gatewayError(status.ABORTED, [`chaincode response 500, ${encoded}`]),
            'endorse',
            'tx9',
        );

        expect(error).to.be.instanceOf(NotFoundError);
        expect(error).to.include({ stage: 'endorse', transactionId: 'tx9', reason: 'member acme does not exist' });
        expect(error).to.have.deep.property('details', { id: 'acme' });
        expect(error.peers).to.have.length(1);
    });

    it('keeps the field and rule of a validation error', () => {
        const encoded = encodeChaincodeError({
            code: 'VALIDATION',
            message: 'application.website: must be an absolute URI',
            details: { field: 'application.website', rule: 'must be an absolute URI' },
        });
        const error = toBiaError(
            gatewayError(status.UNKNOWN, [`chaincode response 500, ${encoded}`]),
            'evaluate',
            'tx1',
        );

        expect(error).to.be.instanceOf(ValidationError);
        expect(error).to.have.nested.property('details.field', 'application.website');
    });

    it('maps each stage to its error class when no chaincode error is present', () => {
        expect(toBiaError(gatewayError(status.ABORTED, ['no peers']), 'endorse', 't')).to.be.instanceOf(EndorseError);
        expect(toBiaError(gatewayError(status.UNAVAILABLE, []), 'submit', 't')).to.be.instanceOf(SubmitError);
        expect(toBiaError(gatewayError(status.DEADLINE_EXCEEDED, []), 'commit-status', 't')).to.be.instanceOf(
            CommitStatusError,
        );
        expect(toBiaError(gatewayError(status.UNAVAILABLE, []), 'evaluate', 't')).to.be.instanceOf(UnavailableError);
    });
});

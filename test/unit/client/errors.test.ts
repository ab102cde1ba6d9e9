import { expect } from 'chai';
import fc from 'fast-check';
import { encodeChaincodeError } from '@bia/model';
import { GatewayError as FabricGatewayError } from '@hyperledger/fabric-gateway';
import { Metadata, status } from '@grpc/grpc-js';
import {
    BiaError,
    ChaincodeError,
    CommitStatusError,
    EndorseError,
    GatewayError,
    NotFoundError,
    SubmitError,
    ValidationError,
} from '../../../client/src/errors';
import { toBiaError } from '../../../client/src/transactions/fabric-port';

/** The value, checked to be an instance of the class. */
function instance<T>(Class: abstract new (...args: never[]) => T, value: unknown): T {
    expect(value).to.be.instanceOf(Class);
    return value as T;
}

function gatewayError(code: status, messages: string[]): FabricGatewayError {
    const cause = Object.assign(new Error('grpc failure'), {
        code,
        details: 'grpc failure',
        metadata: new Metadata(),
    });
    return new FabricGatewayError({
        code,
        cause,
        message: 'failed to endorse transaction, see attached details for more info',
        details: messages.map((message, i) => ({ address: `peer${i}:7051`, mspId: `Org${i}MSP`, message })),
    });
}

describe('toBiaError', () => {
    it("decodes the chaincode error carried in a peer message; the gateway's error is its cause", () => {
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
        expect(error).to.include({ stage: 'endorse', transactionId: 'tx9', code: 'NOT_FOUND' });
        expect(error).to.include({ reason: 'member acme does not exist' });
        expect(error).to.have.deep.property('details', { id: 'acme' });
        const cause = instance(ChaincodeError, error).cause;
        expect(cause).to.be.instanceOf(EndorseError);
        expect(cause).to.include({ code: status.ABORTED, transactionId: 'tx9' });
        expect(cause?.details).to.deep.equal([
            { address: 'peer0:7051', mspId: 'Org0MSP', message: `chaincode response 500, ${encoded}` },
        ]);
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
        expect(instance(ChaincodeError, error).cause).to.be.instanceOf(GatewayError).and.include({ stage: 'evaluate' });
    });

    describe('refusals of the contract API, before the chaincode runs', () => {
        const cases = [
            {
                message: 'chaincode response 500, Expected 2 parameters, but 3 have been supplied',
                field: 'arguments',
                rule: 'the transaction takes 2 arguments, 3 were given',
            },
            {
                message:
                    "chaincode response 500, You've asked to invoke a function that does not exist: membership:Nope",
                field: 'transaction',
                rule: 'no such transaction membership:Nope',
            },
            {
                message: 'chaincode response 500, Contract name is not known: nope',
                field: 'contract',
                rule: 'no such contract nope',
            },
            {
                message: 'chaincode response 500, Unable to validate parameter due to ["must be string"]',
                field: 'arguments',
                rule: 'an argument does not match its declared type: ["must be string"]',
            },
        ];
        for (const { message, field, rule } of cases) {
            it(`maps "${message.slice(24, 60)}…" to ValidationError on field ${field}`, () => {
                for (const stage of ['evaluate', 'endorse'] as const) {
                    const error = toBiaError(gatewayError(status.ABORTED, [message]), stage, 'tx2');

                    expect(error).to.be.instanceOf(ValidationError);
                    expect(error).to.include({ code: 'VALIDATION', stage, reason: `${field}: ${rule}` });
                    expect(error).to.have.deep.property('details', { field, rule, refusedBy: 'contract-api' });
                }
            });
        }

        it('prefers the association error format when both appear', () => {
            const encoded = encodeChaincodeError({ code: 'UNAUTHORIZED', message: 'not yours', details: {} });
            const error = toBiaError(
                gatewayError(status.ABORTED, [
                    'chaincode response 500, Expected 2 parameters, but 3 have been supplied',
                    `chaincode response 500, ${encoded}`,
                ]),
                'endorse',
                't',
            );

            expect(error).to.include({ name: 'UnauthorizedError', code: 'UNAUTHORIZED' });
        });
    });

    it("maps each stage to its error class, with fabric-gateway's code and details, when no chaincode error is present", () => {
        const endorse = toBiaError(gatewayError(status.ABORTED, ['no peers']), 'endorse', 't');
        expect(endorse).to.be.instanceOf(EndorseError).and.include({ code: status.ABORTED, transactionId: 't' });
        expect(instance(EndorseError, endorse).details).to.deep.equal([
            { address: 'peer0:7051', mspId: 'Org0MSP', message: 'no peers' },
        ]);
        expect(toBiaError(gatewayError(status.UNAVAILABLE, []), 'submit', 't'))
            .to.be.instanceOf(SubmitError)
            .and.include({ code: status.UNAVAILABLE, stage: 'submit' });
        expect(toBiaError(gatewayError(status.DEADLINE_EXCEEDED, []), 'commit-status', 't'))
            .to.be.instanceOf(CommitStatusError)
            .and.include({ code: status.DEADLINE_EXCEEDED });
        const read = toBiaError(gatewayError(status.UNAVAILABLE, []), 'evaluate', 't');
        expect(read).to.be.instanceOf(GatewayError).and.include({ code: status.UNAVAILABLE, stage: 'evaluate' });
        expect(read).not.to.be.instanceOf(EndorseError);
    });

    it('wraps a failure that is not a gateway error, naming the stage and transaction', () => {
        const error = toBiaError(new TypeError('boom'), 'submit', 'tx7');

        expect(error).to.be.instanceOf(BiaError).and.not.be.instanceOf(GatewayError);
        expect(error.message).to.equal('submit failed for transaction tx7: TypeError: boom');
    });

    it('never decodes a peer message without the marker or a contract API refusal into a chaincode error', () => {
        fc.assert(
            fc.property(
                fc.string().filter((text) => !/BIA_ERROR|Expected|asked|Contract name|Unable to validate/.test(text)),
                (text) => {
                    const error = toBiaError(gatewayError(status.ABORTED, [text]), 'endorse', 't');
                    return error instanceof EndorseError && !(error instanceof ChaincodeError);
                },
            ),
        );
    });
});

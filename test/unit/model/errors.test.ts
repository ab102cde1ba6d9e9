import { expect } from 'chai';
import { decodeChaincodeError, encodeChaincodeError, errorMarker } from '@bia/model';

describe('chaincode error wire format', () => {
    it('round-trips code, message and details', () => {
        const text = encodeChaincodeError({
            code: 'CONFLICT',
            message: 'deal d-1 already exists',
            details: { id: 'd-1' },
        });

        expect(text.startsWith(errorMarker)).to.equal(true);
        expect(decodeChaincodeError(text)).to.deep.equal({
            code: 'CONFLICT',
            message: 'deal d-1 already exists',
            details: { id: 'd-1' },
        });
    });

    it('writes details with sorted keys, so every endorser produces the same message', () => {
        const a = encodeChaincodeError({ code: 'VALIDATION', message: 'm', details: { rule: 'r', field: 'f' } });
        const b = encodeChaincodeError({ code: 'VALIDATION', message: 'm', details: { field: 'f', rule: 'r' } });

        expect(a).to.equal(b);
    });

    it('finds the error inside the gateway wrapping, ignoring text around it', () => {
        const inner = encodeChaincodeError({ code: 'NOT_FOUND', message: 'say "hi" {}', details: {} });
        const decoded = decodeChaincodeError(`chaincode response 500, ${inner} (peer0.healthco)`);

        expect(decoded?.message).to.equal('say "hi" {}');
    });

    it('returns undefined for messages that carry no chaincode error or an unknown code', () => {
        expect(decodeChaincodeError('chaincode response 500, something broke')).to.equal(undefined);
        expect(decodeChaincodeError(`${errorMarker}{"code":"WHATEVER","message":"x","details":{}}`)).to.equal(
            undefined,
        );
        expect(decodeChaincodeError(`${errorMarker}{"code":"NOT_FOUND"`)).to.equal(undefined);
    });
});

import { expect } from 'chai';
import type { IdentityBinding, IdentityInfo } from '@bia/model';
import { describeKey } from '../../../fixtures/chaincode-harness';
import type { TestIdentities } from '../../../fixtures/identities';
import { Association, createIdentities, expectRefusal, uniqueId } from './association';

describe('membership:BindIdentity / UnbindIdentity / WhoAmI', () => {
    let identities: TestIdentities;
    let association: Association;

    before(async () => {
        identities = await createIdentities();
    });

    beforeEach(async () => {
        association = await Association.bootstrapped(identities);
    });

    it('binds an identity of the member hosting MSP, so that it acts for the member', async () => {
        // Given an operator identity of Healthco and Healthco's admin
        const operator = await association.stranger('HealthcoMSP');
        const identityId = await association.identityIdOf(operator);
        const admin = await association.admin('HealthcoMSP');

        // When the admin binds it to Healthco's member
        const result = await association.submit('membership:BindIdentity', [association.ids.healthco, identityId], {
            as: admin,
        });

        // Then the binding is returned and is the only write
        expect(result.json<IdentityBinding>()).to.deep.equal({
            identityId,
            mspId: 'HealthcoMSP',
            memberId: association.ids.healthco,
            boundAt: association.ledger.time.toISOString(),
            boundBy: await association.identityIdOf(admin),
        });
        expect(result.writes.keys().map(describeKey)).to.have.length(1);
        expect(describeKey(result.writes.keys()[0] ?? '')).to.match(/^binding:[0-9a-f]{64}$/);
        // And WhoAmI now names the member
        const whoAmI = await association.evaluate('membership:WhoAmI', [], { as: operator });
        expect(whoAmI.json<IdentityInfo>()).to.deep.equal({
            identityId,
            mspId: 'HealthcoMSP',
            memberId: association.ids.healthco,
        });
    });

    it('binding the same identity to the same member again changes nothing', async () => {
        const operator = await association.stranger('HealthcoMSP');
        const args = [association.ids.healthco, await association.identityIdOf(operator)];
        const admin = await association.admin('HealthcoMSP');
        const first = await association.submit('membership:BindIdentity', args, { as: admin });

        const again = await association.invoke('membership:BindIdentity', args, { as: admin });

        expect(again.status).to.equal(200);
        expect(again.json<IdentityBinding>()).to.deep.equal(first.json<IdentityBinding>());
        expect(again.writes.isEmpty).to.equal(true);
    });

    it('refuses an identity already bound to another member', async () => {
        const operator = await association.stranger('SecretariatMSP');
        const identityId = await association.identityIdOf(operator);
        const admin = await association.admin('SecretariatMSP');
        const other = await association.admittedMember('SecretariatMSP');
        await association.submit('membership:BindIdentity', [association.ids.secretariat, identityId], { as: admin });

        await expectRefusal(
            association.submit('membership:BindIdentity', [other.memberId, identityId], { as: admin }),
            'CONFLICT',
            { text: association.ids.secretariat },
        );
    });

    it('refuses the admin of another organisation', async () => {
        const operator = await association.stranger('HealthcoMSP');

        await expectRefusal(
            association.submit(
                'membership:BindIdentity',
                [association.ids.healthco, await association.identityIdOf(operator)],
                { as: await association.admin('CarrierMSP') },
            ),
            'UNAUTHORIZED',
            { text: 'hosted by HealthcoMSP' },
        );
    });

    it('refuses a client identity that is not an admin', async () => {
        const operator = await association.stranger('HealthcoMSP');

        await expectRefusal(
            association.submit(
                'membership:BindIdentity',
                [association.ids.healthco, await association.identityIdOf(operator)],
                { as: operator },
            ),
            'UNAUTHORIZED',
        );
    });

    it('refuses an unknown member', async () => {
        const operator = await association.stranger('HealthcoMSP');

        await expectRefusal(
            association.submit(
                'membership:BindIdentity',
                [uniqueId('nobody'), await association.identityIdOf(operator)],
                { as: await association.admin('HealthcoMSP') },
            ),
            'NOT_FOUND',
        );
    });

    it('refuses a member that has withdrawn', async () => {
        const leaver = await association.admittedMember('HealthcoMSP');
        await association.submit('membership:Withdraw', [leaver.memberId, 'leaving'], { as: leaver.identity });
        const operator = await association.stranger('HealthcoMSP');

        await expectRefusal(
            association.submit('membership:BindIdentity', [leaver.memberId, await association.identityIdOf(operator)], {
                as: await association.admin('HealthcoMSP'),
            }),
            'INVALID_STATE',
        );
    });

    for (const identityId of ['CN=someone', 'x509::/CN=a', 'x509::::/CN=ca', 'x509::/CN=a::/CN=b::/CN=c']) {
        it(`refuses the malformed identity ID ${identityId}`, async () => {
            await expectRefusal(
                association.submit('membership:BindIdentity', [association.ids.healthco, identityId], {
                    as: await association.admin('HealthcoMSP'),
                }),
                'VALIDATION',
                { field: 'identityId' },
            );
        });
    }

    it('unbinds an identity: it no longer acts for the member', async () => {
        const operator = await association.operator(association.ids.carrier);
        const identityId = await association.identityIdOf(operator);

        const result = await association.submit('membership:UnbindIdentity', [identityId], {
            as: await association.admin('CarrierMSP'),
        });

        expect(result.json<IdentityBinding>()).to.include({ identityId, memberId: association.ids.carrier });
        expect(result.writes.deletedKeys()).to.have.length(1);
        expect(result.writes.putKeys()).to.deep.equal([]);
        const whoAmI = await association.evaluate('membership:WhoAmI', [], { as: operator });
        expect(whoAmI.json<IdentityInfo>()).to.deep.equal({ identityId, mspId: 'CarrierMSP' });
    });

    it('refuses to unbind an identity that is not bound in the caller organisation', async () => {
        const operator = await association.operator(association.ids.carrier);

        await expectRefusal(
            association.submit('membership:UnbindIdentity', [await association.identityIdOf(operator)], {
                as: await association.admin('HealthcoMSP'),
            }),
            'NOT_FOUND',
        );
    });

    it('refuses an unbinding by a client identity that is not an admin', async () => {
        const operator = await association.operator(association.ids.carrier);

        await expectRefusal(
            association.submit('membership:UnbindIdentity', [await association.identityIdOf(operator)], {
                as: operator,
            }),
            'UNAUTHORIZED',
        );
    });
});

// Bootstrap: the secretariat records the charter and the founding members, once.
import type { Context } from 'fabric-contract-api';
import type { BootstrapRequest, Charter, FoundingMember, Member, Stamp } from '@bia/model';
import { invalidStateError, unauthorizedError, validationError } from '../common/errors';
import { type Caller, caller } from '../common/identity';
import { assertAbsent } from '../common/state';
import { stamp } from '../common/stamp';
import { txInstant } from '../common/time';
import { deployment } from '../deployment';
import { mspStampId } from './actors';
import { memberRecord, readCharter, saveCharter, saveMember } from './records';

/**
 * Only an admin of the secretariat's MSP named in the chaincode's deployment file may bootstrap, before and after it
 * happened: no organisation can take the charter by bootstrapping first between the commit and the secretariat.
 */
export function requireBootstrapAdmin(ctx: Context): Caller {
    const who = caller(ctx);
    const { secretariatMspId } = deployment;
    if (who.mspId !== secretariatMspId || !who.isAdmin) {
        throw unauthorizedError(
            `only an admin identity of the secretariat's MSP ${secretariatMspId} (fixed by the chaincode's deployment.json) may bootstrap`,
            { mspId: who.mspId, secretariatMspId },
        );
    }
    return who;
}

/** Records the charter (the secretariat's MSP as secretariatMspId) and the founding members, all active. */
export async function bootstrap(ctx: Context, secretariatMspId: string, request: BootstrapRequest): Promise<Charter> {
    const foundingIds = request.foundingMembers.map((member) => member.memberId);
    const council = request.charter.council ?? foundingIds;
    council.forEach((memberId, index) => {
        if (!foundingIds.includes(memberId)) {
            throw validationError(`request.charter.council[${index}]`, 'must be the ID of a founding member');
        }
    });
    if ((await readCharter(ctx)) !== undefined) {
        throw invalidStateError('the association is already bootstrapped: the charter changes only by a council vote');
    }
    const recorded = stamp(ctx, mspStampId(secretariatMspId));
    for (const founding of request.foundingMembers) {
        await assertAbsent(ctx, memberRecord, [founding.memberId]);
        await saveMember(ctx, undefined, foundingMember(founding, recorded));
    }
    const charter: Charter = {
        ...request.charter,
        council,
        secretariatMspId,
        version: 1,
        adoptedAt: txInstant(ctx),
    };
    await saveCharter(ctx, charter);
    return charter;
}

function foundingMember(founding: FoundingMember, recorded: Stamp): Member {
    return {
        ...founding,
        status: 'active',
        founding: true,
        appliedAt: recorded.at,
        transitions: [{ from: null, to: 'active', reason: 'founding member', stamp: recorded }],
    };
}

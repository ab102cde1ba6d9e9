// The 'membership' contract: member registry, identity bindings, charter and council motions.
// Thin transactions: check the caller, validate the arguments, then call the domain function that holds the rule.
import { Context, Info, Param, Returns, Transaction } from 'fabric-contract-api';
import {
    type Charter,
    type IdentityBinding,
    type IdentityInfo,
    type Member,
    type MemberHistoryEntry,
    type Motion,
    type Page,
    type Vote,
    voteChoices,
} from '@bia/model';
import { AssociationContract } from '../common/contract-base';
import { notFoundError } from '../common/errors';
import { caller } from '../common/identity';
import { idArgument, limits, oneOfArgument, textArgument } from '../common/validation';
import { motionIdArgument } from '../governance/arguments';
import { MotionType, VoteType } from '../governance/metadata';
import { getMotion, listVotes } from '../governance/records';
import { actingMember, boundMemberId, councilMember, mspStampId, requireAdmin } from './actors';
import { bootstrap, requireBootstrapAdmin } from './bootstrap';
import { bindIdentity, unbindIdentity } from './identities';
import {
    identityIdArgument,
    parseApplication,
    parseBootstrapRequest,
    parseMemberQuery,
    parseMotionRequest,
    parseProfile,
} from './mapping';
import { closeMotion, proposeMotion, vote } from './motions';
import { memberHistory, queryMembers, whoAmI } from './queries';
import {
    CharterType,
    IdentityBindingType,
    IdentityInfoType,
    MemberHistoryEntryType,
    MemberPageType,
    MemberType,
} from './metadata';
import { rebuildIndexes } from './maintenance';
import { charterRecord, getMember, memberIndexes, readCharter } from './records';
import { applyForMembership, assertUnbound, updateProfile, withdraw } from './registry';

@Info({
    title: 'membership',
    description: 'The association member registry, identity bindings, charter and council motions',
})
export class MembershipContract extends AssociationContract {
    constructor() {
        super('membership');
    }

    @Transaction()
    @Param('request', 'string', 'BootstrapRequest as JSON')
    @Returns(CharterType.name)
    async Bootstrap(ctx: Context, request: string): Promise<Charter> {
        const admin = requireBootstrapAdmin(ctx);
        return await bootstrap(ctx, admin.mspId, parseBootstrapRequest(request));
    }

    @Transaction()
    @Param('memberId', 'string', 'The member the identity will act for')
    @Param(
        'identityId',
        'string',
        "The identity ID (x509::<subject>::<issuer>, as WhoAmI reports it) of an identity of the caller's MSP",
    )
    @Returns(IdentityBindingType.name)
    async BindIdentity(ctx: Context, memberId: string, identityId: string): Promise<IdentityBinding> {
        const admin = requireAdmin(ctx);
        return await bindIdentity(
            ctx,
            admin,
            idArgument(memberId, 'memberId'),
            identityIdArgument(identityId, 'identityId'),
        );
    }

    @Transaction()
    @Param('identityId', 'string', 'The identity ID of an identity of the caller MSP')
    @Returns(IdentityBindingType.name)
    async UnbindIdentity(ctx: Context, identityId: string): Promise<IdentityBinding> {
        const admin = requireAdmin(ctx);
        return await unbindIdentity(ctx, admin, identityIdArgument(identityId, 'identityId'));
    }

    @Transaction()
    @Param('application', 'string', 'MembershipApplication as JSON')
    @Returns(MemberType.name)
    async Apply(ctx: Context, application: string): Promise<Member> {
        const who = caller(ctx);
        await assertUnbound(ctx, who);
        return await applyForMembership(ctx, who, parseApplication(application));
    }

    @Transaction()
    @Param('memberId', 'string', 'The calling member')
    @Param('profile', 'string', 'MemberProfile as JSON')
    @Returns(MemberType.name)
    async UpdateProfile(ctx: Context, memberId: string, profile: string): Promise<Member> {
        const actor = await actingMember(ctx);
        return await updateProfile(ctx, actor, idArgument(memberId, 'memberId'), parseProfile(profile));
    }

    @Transaction()
    @Param('memberId', 'string', 'The calling member')
    @Param('reason', 'string', 'Why the member withdraws')
    @Returns(MemberType.name)
    async Withdraw(ctx: Context, memberId: string, reason: string): Promise<Member> {
        const actor = await actingMember(ctx);
        return withdraw(
            ctx,
            actor,
            idArgument(memberId, 'memberId'),
            textArgument(reason, 'reason', { max: limits.longText }),
        );
    }

    @Transaction()
    @Param('request', 'string', 'MotionRequest as JSON')
    @Returns(MotionType.name)
    async ProposeMotion(ctx: Context, request: string): Promise<Motion> {
        const proposer = await councilMember(ctx);
        return await proposeMotion(ctx, proposer, parseMotionRequest(request));
    }

    @Transaction()
    @Param('motionId', 'string', 'The motion')
    @Param('choice', 'string', 'yes, no or abstain')
    @Returns(VoteType.name)
    async Vote(ctx: Context, motionId: string, choice: string): Promise<Vote> {
        const voter = await councilMember(ctx);
        return await vote(ctx, voter, motionIdArgument(motionId), oneOfArgument(choice, 'choice', voteChoices));
    }

    @Transaction()
    @Param('motionId', 'string', 'A motion that is decided or whose voting window has passed')
    @Returns(MotionType.name)
    async CloseMotion(ctx: Context, motionId: string): Promise<Motion> {
        const closedBy = (await boundMemberId(ctx)) ?? mspStampId(caller(ctx).mspId);
        return await closeMotion(ctx, closedBy, motionIdArgument(motionId));
    }

    @Transaction(false)
    @Param('memberId', 'string', 'The member')
    @Returns(MemberType.name)
    async GetMember(ctx: Context, memberId: string): Promise<Member> {
        return await getMember(ctx, idArgument(memberId, 'memberId'));
    }

    @Transaction(false)
    @Param('query', 'string', 'MemberQuery as JSON: status, kind, sector, pageSize, bookmark')
    @Returns(MemberPageType.name)
    async QueryMembers(ctx: Context, query: string): Promise<Page<Member>> {
        return await queryMembers(ctx, parseMemberQuery(query));
    }

    @Transaction()
    @Param(
        'request',
        'string',
        '{"ids": [...]}: up to 100 member IDs (a page of QueryMembers without filters) whose index entries to rebuild',
    )
    @Returns('number')
    async RebuildIndexes(ctx: Context, request: string): Promise<number> {
        return rebuildIndexes(ctx, memberIndexes, request, (id) => getMember(ctx, id));
    }

    @Transaction(false)
    @Param('memberId', 'string', 'The member')
    @Returns(`${MemberHistoryEntryType.name}[]`)
    async GetMemberHistory(ctx: Context, memberId: string): Promise<MemberHistoryEntry[]> {
        return await memberHistory(ctx, idArgument(memberId, 'memberId'));
    }

    @Transaction(false)
    @Returns(CharterType.name)
    async GetCharter(ctx: Context): Promise<Charter> {
        const charter = await readCharter(ctx);
        if (charter === undefined) {
            throw notFoundError(charterRecord, 'of the association');
        }
        return charter;
    }

    @Transaction(false)
    @Param('motionId', 'string', 'The motion')
    @Returns(MotionType.name)
    async GetMotion(ctx: Context, motionId: string): Promise<Motion> {
        return await getMotion(ctx, motionIdArgument(motionId));
    }

    @Transaction(false)
    @Param('motionId', 'string', 'The motion')
    @Returns(`${VoteType.name}[]`)
    async ListVotes(ctx: Context, motionId: string): Promise<Vote[]> {
        const motion = await getMotion(ctx, motionIdArgument(motionId));
        return await listVotes(ctx, motion.motionId);
    }

    @Transaction(false)
    @Returns(IdentityInfoType.name)
    async WhoAmI(ctx: Context): Promise<IdentityInfo> {
        return await whoAmI(ctx);
    }
}

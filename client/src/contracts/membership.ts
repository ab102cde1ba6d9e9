// Typed transactions of the membership contract: the member registry, the charter and council motions.
import type {
    BootstrapRequest,
    Charter,
    IdentityBinding,
    Member,
    MemberHistoryEntry,
    MemberProfile,
    MemberQuery,
    MembershipApplication,
    Motion,
    MotionRequest,
    Page,
    Vote,
    VoteChoice,
} from '@bia/model';
import { type ContractCaller, json } from './caller';

/** Who the calling identity is (membership:WhoAmI). */
export interface WhoAmI {
    /** The identity's ID as the chaincode sees it (from its certificate's subject and issuer). */
    readonly identityId: string;
    /** The MSP the identity belongs to. */
    readonly mspId: string;
    /** The member it acts for, when an admin has bound it to one. */
    readonly memberId?: string;
}

/**
 * The membership contract: the member registry, the charter and council motions. Writes submit and wait for the
 * commit; reads evaluate on one peer. Refusals reject with a `ChaincodeError` subclass
 * (`ValidationError`, `UnauthorizedError`, `NotFoundError`, `ConflictError`, `InvalidStateError`).
 */
export interface MembershipClient {
    /**
     * Records the charter and founding members, once; an admin identity of the secretariat's MSP.
     * @param request - the charter terms and the founding members
     * @returns the charter as recorded, its council being the founding members
     * @throws `UnauthorizedError` for any other identity; `InvalidStateError` when already bootstrapped
     */
    bootstrap(request: BootstrapRequest): Promise<Charter>;
    /**
     * Binds an identity of the member's hosting MSP to the member; an admin of that MSP.
     * @param memberId - the member the identity will act for
     * @param identityId - the identity's ID, as its holder's {@link MembershipClient.whoAmI} reports it
     * @returns the binding
     */
    bindIdentity(memberId: string, identityId: string): Promise<IdentityBinding>;
    /**
     * Removes an identity's binding; an admin of the identity's MSP.
     * @param identityId - the bound identity's ID
     * @returns the binding as it was
     */
    unbindIdentity(identityId: string): Promise<IdentityBinding>;
    /**
     * Applies for membership and opens the admission motion; the calling identity becomes the applicant's first
     * operator. Any identity of the MSP named as the applicant's host.
     * @param application - the applicant's ID, hosting MSP and profile
     * @returns the applicant, status `applied`
     * @throws `ConflictError` when the member ID is taken
     */
    apply(application: MembershipApplication): Promise<Member>;
    /**
     * Replaces a member's profile; an identity acting for the member. Not retried on a read conflict.
     * @param memberId - the member
     * @param profile - the new profile
     * @returns the member as updated
     */
    updateProfile(memberId: string, profile: MemberProfile): Promise<Member>;
    /**
     * Withdraws a member from the association; an identity acting for the member.
     * @param memberId - the member
     * @param reason - recorded with the status change
     * @returns the member, status `withdrawn`
     */
    withdraw(memberId: string, reason: string): Promise<Member>;
    /**
     * Opens a suspension, expulsion, reinstatement or charter amendment; a council member.
     * @param request - the motion's kind, subject and reason
     * @returns the open motion
     */
    proposeMotion(request: MotionRequest): Promise<Motion>;
    /**
     * Votes on an open motion; a council member. A later vote replaces an earlier one until the window closes.
     * @param motionId - the motion
     * @param choice - `yes`, `no` or `abstain`
     * @returns the vote as recorded
     */
    vote(motionId: string, choice: VoteChoice): Promise<Vote>;
    /**
     * Closes a decided motion, or one whose window has passed, and applies its outcome; anyone.
     * @param motionId - the motion
     * @returns the motion, `carried` or `failed`
     */
    closeMotion(motionId: string): Promise<Motion>;
    /**
     * Reads a member.
     * @param memberId - the member
     * @returns the member
     * @throws `NotFoundError` when there is no such member
     */
    getMember(memberId: string): Promise<Member>;
    /**
     * Lists members, one page at a time.
     * @param query - filters (status, kind, sector) and paging (pageSize, bookmark); default: the first page of all
     * @returns one page; pass its bookmark for the next
     */
    queryMembers(query?: MemberQuery): Promise<Page<Member>>;
    /**
     * Reads a member's record through time.
     * @param memberId - the member
     * @returns every committed version, oldest first
     */
    getMemberHistory(memberId: string): Promise<MemberHistoryEntry[]>;
    /**
     * Reads the charter.
     * @returns the charter and its council
     */
    getCharter(): Promise<Charter>;
    /**
     * Reads a motion.
     * @param motionId - the motion
     * @returns the motion and its tally
     */
    getMotion(motionId: string): Promise<Motion>;
    /**
     * Lists a motion's votes.
     * @param motionId - the motion
     * @returns one vote per council member who voted
     */
    listVotes(motionId: string): Promise<Vote[]>;
    /**
     * Tells who the calling identity is and which member it acts for.
     * @returns the identity's ID, MSP ID and bound member
     */
    whoAmI(): Promise<WhoAmI>;
    /**
     * Rebuilds the index entries of some members after a chaincode upgrade added indexes; an admin of the
     * secretariat's MSP. Writes only what the records already determine.
     * @param ids - up to 100 IDs, e.g. one page of `queryMembers()` without filters
     * @returns how many records were rebuilt
     */
    rebuildIndexes(ids: readonly string[]): Promise<number>;
}

export class MembershipClientImpl implements MembershipClient {
    readonly #call: ContractCaller;

    constructor(caller: ContractCaller) {
        this.#call = caller;
    }

    bootstrap(request: BootstrapRequest): Promise<Charter> {
        return this.#call.submit('Bootstrap', [json(request)]);
    }
    bindIdentity(memberId: string, identityId: string): Promise<IdentityBinding> {
        return this.#call.submit('BindIdentity', [memberId, identityId]);
    }
    unbindIdentity(identityId: string): Promise<IdentityBinding> {
        return this.#call.submit('UnbindIdentity', [identityId]);
    }
    apply(application: MembershipApplication): Promise<Member> {
        return this.#call.submit('Apply', [json(application)]);
    }
    updateProfile(memberId: string, profile: MemberProfile): Promise<Member> {
        return this.#call.submit('UpdateProfile', [memberId, json(profile)], { retryOnConflict: false });
    }
    withdraw(memberId: string, reason: string): Promise<Member> {
        return this.#call.submit('Withdraw', [memberId, reason]);
    }
    proposeMotion(request: MotionRequest): Promise<Motion> {
        return this.#call.submit('ProposeMotion', [json(request)]);
    }
    vote(motionId: string, choice: VoteChoice): Promise<Vote> {
        return this.#call.submit('Vote', [motionId, choice]);
    }
    closeMotion(motionId: string): Promise<Motion> {
        return this.#call.submit('CloseMotion', [motionId]);
    }
    getMember(memberId: string): Promise<Member> {
        return this.#call.query('GetMember', [memberId]);
    }
    queryMembers(query: MemberQuery = {}): Promise<Page<Member>> {
        return this.#call.query('QueryMembers', [json(query)]);
    }
    getMemberHistory(memberId: string): Promise<MemberHistoryEntry[]> {
        return this.#call.query('GetMemberHistory', [memberId]);
    }
    getCharter(): Promise<Charter> {
        return this.#call.query('GetCharter', []);
    }
    getMotion(motionId: string): Promise<Motion> {
        return this.#call.query('GetMotion', [motionId]);
    }
    listVotes(motionId: string): Promise<Vote[]> {
        return this.#call.query('ListVotes', [motionId]);
    }
    whoAmI(): Promise<WhoAmI> {
        return this.#call.query('WhoAmI', []);
    }
    rebuildIndexes(ids: readonly string[]): Promise<number> {
        return this.#call.submit('RebuildIndexes', [json({ ids })]);
    }
}

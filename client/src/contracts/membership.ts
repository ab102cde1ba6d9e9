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

export interface WhoAmI {
    readonly identityId: string;
    readonly mspId: string;
    readonly memberId?: string;
}

/** The membership contract. Writes submit; reads evaluate. */
export interface MembershipClient {
    /** Records the charter and founding members, once; an admin identity of the secretariat's MSP. */
    bootstrap(request: BootstrapRequest): Promise<Charter>;
    /** Binds an identity of the member's hosting MSP to the member; an admin of that MSP. */
    bindIdentity(memberId: string, identityId: string): Promise<IdentityBinding>;
    unbindIdentity(identityId: string): Promise<void>;
    /** Applies for membership; the calling identity becomes the applicant's first operator. */
    apply(application: MembershipApplication): Promise<Member>;
    updateProfile(memberId: string, profile: MemberProfile): Promise<Member>;
    withdraw(memberId: string, reason: string): Promise<Member>;
    /** Opens a suspension, expulsion, reinstatement or charter amendment; a council member. */
    proposeMotion(request: MotionRequest): Promise<Motion>;
    vote(motionId: string, choice: VoteChoice): Promise<Vote>;
    /** Closes a decided motion, or one whose window has passed; anyone. */
    closeMotion(motionId: string): Promise<Motion>;
    getMember(memberId: string): Promise<Member>;
    queryMembers(query?: MemberQuery): Promise<Page<Member>>;
    getMemberHistory(memberId: string): Promise<MemberHistoryEntry[]>;
    getCharter(): Promise<Charter>;
    getMotion(motionId: string): Promise<Motion>;
    listVotes(motionId: string): Promise<Vote[]>;
    whoAmI(): Promise<WhoAmI>;
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
    unbindIdentity(identityId: string): Promise<void> {
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
}

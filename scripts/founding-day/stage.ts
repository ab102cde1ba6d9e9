// What every phase of the story gets: the story, the cast, a counted way to submit, and a bounded pool.
import type { AssociationClient, Motion, MotionStatus, VoteChoice } from '@bia/client';
import { mapBounded } from './bounded';
import type { Cast } from './cast';
import type { Story } from './story-types';

/** The story stops with this when the ledger does not show what the story says must happen. */
export class StoryExpectationError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'StoryExpectationError';
    }
}

export function expectStory(condition: boolean, message: string): asserts condition {
    if (!condition) {
        throw new StoryExpectationError(message);
    }
}

export class Stage {
    readonly story: Story;
    readonly cast: Cast;
    readonly #concurrency: number;
    #submitted = 0;

    constructor(story: Story, cast: Cast, concurrency: number) {
        this.story = story;
        this.cast = cast;
        this.#concurrency = concurrency;
    }

    /** Transactions submitted so far (each counted once, whatever the client retried underneath). */
    get submitted(): number {
        return this.#submitted;
    }

    /** Submits one transaction as a member; `work` receives the member's client. */
    async submitAs<T>(memberId: string, work: (client: AssociationClient) => Promise<T>): Promise<T> {
        const client = await this.cast.as(memberId);
        return this.submit(() => work(client));
    }

    /** Submits one transaction that acts for no member (an organisation admin's). */
    submit<T>(work: () => Promise<T>): Promise<T> {
        this.#submitted++;
        return work();
    }

    /** Runs independent work for every item with a bounded number in flight. */
    each<T, R>(items: readonly T[], task: (item: T) => Promise<R>): Promise<R[]> {
        return mapBounded(items, this.#concurrency, (item) => task(item));
    }

    get councilMemberIds(): readonly string[] {
        return this.story.foundingMembers.map((m) => m.memberId);
    }

    /**
     * The council decides motions: for one the story wants carried most vote yes and some abstain; for one it wants
     * defeated most vote no. All votes of all motions go out together; then each motion is closed and checked.
     */
    async decide(motions: readonly { readonly motionId: string; readonly carry: boolean }[]): Promise<Motion[]> {
        const council = this.councilMemberIds;
        const ballots = motions.flatMap(({ motionId, carry }) =>
            council.map((memberId, seat) => ({ motionId, memberId, choice: ballot(carry, seat) })),
        );
        await this.each(ballots, ({ motionId, memberId, choice }) =>
            this.submitAs(memberId, (client) => client.membership.vote(motionId, choice)),
        );
        const closer = this.story.foundingMembers[0]?.memberId ?? 'secretariat';
        return this.each(motions, async ({ motionId, carry }) => {
            const motion = await this.submitAs(closer, (client) => client.membership.closeMotion(motionId));
            const expected: MotionStatus = carry ? 'carried' : 'failed';
            expectStory(motion.status === expected, `motion ${motionId} is ${motion.status}, expected ${expected}`);
            return motion;
        });
    }
}

function ballot(carry: boolean, seat: number): VoteChoice {
    if (carry) {
        return seat % 5 === 4 ? 'abstain' : 'yes';
    }
    return seat % 4 === 0 ? 'yes' : 'no';
}

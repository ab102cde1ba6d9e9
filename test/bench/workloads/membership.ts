// 4. A membership application and a council vote on it. One identity acts for one member, so each worker applies
// with its own secretariat user and the secretariat's admin unbinds it afterwards (an extra, unmeasured
// transaction) so the user can apply again; the number of users bounds the concurrency.
import type { Connections } from '../connections';
import { founders, profile } from '../fixture';
import { type Workload, runTag } from './workload';

/** Secretariat users other than User1 (bound to the secretariat itself, and the voter). */
export function applicantIdentities(userCount: number): string[] {
    return Array.from({ length: Math.max(0, userCount - 1) }, (_, index) => `User${index + 2}`);
}

export function membershipWorkload(connections: Connections, applicants: readonly string[]): Workload {
    return {
        name: 'membership',
        description: 'apply for membership, then a council member votes',
        async prepare(concurrency) {
            const workers = Math.min(concurrency, applicants.length);
            const admin = await connections.client(founders.secretariat, 'Admin');
            const voter = await connections.client(founders.secretariat, 'User1');
            const mspId = (await connections.profile(founders.secretariat)).mspId;
            const identityIds = new Map<string, string>();
            const identityIdOf = async (name: string): Promise<string> => {
                const known = identityIds.get(name);
                if (known !== undefined) {
                    return known;
                }
                const client = await connections.client(founders.secretariat, name);
                const { identityId } = await client.membership.whoAmI();
                identityIds.set(name, identityId);
                return identityId;
            };
            return {
                concurrency: workers,
                note: `two measured transactions per operation, plus one unmeasured unbind; ${applicants.length} applicant identities`,
                operation: async ({ worker, iteration, timed }) => {
                    const name = applicants[worker] ?? '';
                    const applicant = await connections.client(founders.secretariat, name);
                    const memberId = `m-${runTag}-c${concurrency}-${iteration}`;
                    const identityId = await identityIdOf(name);
                    try {
                        await timed(() =>
                            applicant.membership.apply({
                                memberId,
                                hostMspId: mspId,
                                ...profile(`Applicant ${memberId}`),
                            }),
                        );
                        await timed(() => voter.membership.vote(`admit-${memberId}`, 'yes'));
                    } finally {
                        await admin.membership.unbindIdentity(identityId).catch(() => undefined);
                    }
                },
            };
        },
    };
}

// `npm start -- --portal`: after the founding day, one member portal per organisation (one organisation per server,
// as each runs its own next to its peer), each with a demo operator account acting for the organisation's first
// member in the story, through that member's own operator identity.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { type RunningPortal, startPortal } from '@bia/portal';
import type { Operator } from './cast';

export interface DemoLogin {
    readonly organization: string;
    readonly url: string;
    readonly username: string;
    readonly password: string;
    readonly memberId: string;
}

export interface DemoPortals {
    readonly logins: readonly DemoLogin[];
    /** The URLs and logins, for the terminal. */
    describe(): string;
    close(): Promise<void>;
}

/** A password people can type from the terminal: 16 characters of base64url. */
function demoPassword(): string {
    return randomBytes(12).toString('base64url');
}

export async function startDemoPortals(
    connectionFiles: ReadonlyMap<string, string>,
    operators: ReadonlyMap<string, Operator>,
    dataDir: string,
): Promise<DemoPortals> {
    const portals: RunningPortal[] = [];
    const logins: DemoLogin[] = [];
    try {
        for (const [organization, connectionFile] of connectionFiles) {
            const first = [...operators].find(([, operator]) => operator.org === organization);
            if (first === undefined) {
                continue;
            }
            const [memberId, operator] = first;
            const portal = await startPortal({ connectionFile, dataDir: join(dataDir, 'portal', organization) });
            portals.push(portal);
            const username = `${organization}-operator`;
            const password = demoPassword();
            await portal.accounts.create({ username, password, role: 'operator', identity: operator.identity });
            logins.push({ organization, url: portal.url, username, password, memberId });
        }
    } catch (error) {
        await Promise.allSettled(portals.map((portal) => portal.close()));
        throw error;
    }
    return {
        logins,
        describe: () => formatLogins(logins),
        close: async () => {
            await Promise.allSettled(portals.map((portal) => portal.close()));
        },
    };
}

export function formatLogins(logins: readonly DemoLogin[]): string {
    const lines = ['The member portals (one per organisation; sign in with the login beside each):'];
    for (const login of logins) {
        lines.push(
            `  ${login.organization.padEnd(14)} ${login.url}   ${login.username} / ${login.password}   (acts for ${login.memberId})`,
        );
    }
    lines.push(
        'More accounts: npm run portal -- accounts add --org NAME --connections DIR --data-dir DIR ... (see client/portal/README.md)',
    );
    return lines.join('\n');
}

// Feeds the event log from the chaincode's events, as the organisation's default identity, checkpointed in the data
// folder so a restarted portal resumes where it stopped and misses nothing. The first start reads from block 0, so
// the open motions are known however long the network has run.
import { join } from 'node:path';
import type { EventSubscription } from '@bia/client';
import type { Organization } from '../organization';
import type { EventLog } from './event-log';

export async function startEventFeed(
    organization: Organization,
    events: EventLog,
    dataDir: string,
    onError: (error: unknown) => void,
): Promise<EventSubscription> {
    const client = await organization.client(organization.profile.defaultIdentity);
    return client.listen(
        (event) => {
            events.record(event);
        },
        { checkpointFile: join(dataDir, 'events.checkpoint'), startBlock: 0n, onError },
    );
}

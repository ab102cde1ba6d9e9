// Client failover across an organisation's peers (issue 13, case 4, on the network under test): a connection file
// whose first peer cannot be reached carries on through its failover peer, for reads, writes and event streams;
// when no peer answers, the error names every endpoint tried. The unreachable peer is a port nobody listens on.
import { expect, use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { type AssociationEvent, type FailoverNotice, GatewayError, connect, readConnectionProfile } from '@bia/client';
import type { ConnectionProfile } from '@bia/client';
import { freePort } from '../../unit/devnet/chaincode/fixtures';
import { type Association, association, closeAssociation, waitFor } from '../support/association';

use(chaiAsPromised);

after(closeAssociation);

/** host:port of a loopback port that was just free: connecting to it is refused. */
async function unreachableEndpoint(): Promise<string> {
    return `127.0.0.1:${String(await freePort())}`;
}

describe('client failover across peers of one organisation', function () {
    this.timeout(120_000);
    let run: Association;
    let healthco: ConnectionProfile;
    let dead: string;

    before(async function () {
        this.timeout(180_000);
        run = await association();
        healthco = await readConnectionProfile(run.network.connectionFile('healthco'));
        dead = await unreachableEndpoint();
    });

    /** healthco's profile with `first` as its peer and `then` as its failover peers. */
    function profileThrough(first: string, ...then: string[]): ConnectionProfile {
        const peer = { hostAlias: healthco.peerHostAlias, tlsCACert: healthco.tlsCACert };
        return {
            ...healthco,
            peerEndpoint: first,
            failoverPeers: then.map((endpoint) => ({ endpoint, ...peer })),
        };
    }

    it('reads and writes through the failover peer when the first cannot be reached, and stays on it', async () => {
        const notices: FailoverNotice[] = [];
        using client = await connect({
            profile: profileThrough(dead, healthco.peerEndpoint),
            onFailover: (notice) => notices.push(notice),
        });

        const before = await client.membership.whoAmI();
        const motion = await client.membership.proposeMotion({
            motionId: run.id('failover'),
            kind: 'amend-charter',
            subjectId: 'charter',
            reason: 'failover test (left open)',
            charterTerms: run.charterTerms(),
        });
        const after = await client.membership.getMotion(motion.motionId);

        expect(before.mspId).to.equal(healthco.mspId);
        expect(after.motionId).to.equal(motion.motionId);
        expect(notices, 'one move, by the first call').to.have.length(1);
        expect(notices[0]).to.include({ from: dead, to: healthco.peerEndpoint });
        expect(notices[0]?.method).to.match(/Evaluate$/);
    });

    it('opens event streams through the failover peer', async () => {
        const notices: FailoverNotice[] = [];
        using client = await connect({
            profile: profileThrough(dead, healthco.peerEndpoint),
            onFailover: (notice) => notices.push(notice),
        });
        const lead = await run.operator('secretariat');
        const motionId = run.id('failover-event');
        const seen: AssociationEvent[] = [];
        // From block 0: the listener's first stream fails on the unreachable peer and is reopened after a backoff,
        // and a listener with no position would start at whatever block is next by then, after the event.
        const subscription = await client.listen(
            (event) => {
                if (event.name === 'MotionOpened' && event.payload.motionId === motionId) {
                    seen.push(event);
                }
            },
            { startBlock: 0n },
        );
        try {
            await lead.membership.proposeMotion({
                motionId,
                kind: 'amend-charter',
                subjectId: 'charter',
                reason: 'failover event test (left open)',
                charterTerms: run.charterTerms(),
            });
            await waitFor(() => seen.length === 1, 'the event through the failover peer', 60_000);
        } finally {
            await subscription.close();
        }
        expect(notices.map((notice) => notice.from)).to.deep.equal([dead]);
    });

    it('does not move while the first peer answers', async () => {
        const notices: FailoverNotice[] = [];
        using client = await connect({
            profile: profileThrough(healthco.peerEndpoint, dead),
            onFailover: (notice) => notices.push(notice),
        });

        await client.membership.whoAmI();
        await client.membership.whoAmI();

        expect(notices).to.deep.equal([]);
    });

    it('names every endpoint tried when no peer can be reached', async () => {
        const other = await unreachableEndpoint();
        using client = await connect({ profile: profileThrough(dead, other) });

        const error: unknown = await expect(client.membership.whoAmI()).to.be.rejectedWith(GatewayError);

        expect(error).to.include({ code: 14, stage: 'evaluate' });
        expect((error as Error).message).to.include(`tried ${dead}, ${other}`);
    });
});

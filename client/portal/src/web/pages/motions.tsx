// Council motions: the open ones with live tallies and time left, and one motion's page where council members vote.
import type { Motion, Tally, Vote } from '@bia/model';
import { useEffect, useState } from 'preact/hooks';
import { get, post, type LiveEvent } from '../api';
import { Badge, Facts, Link, Table, Time } from '../components/bits';
import { ActionForm } from '../components/form';
import { Loading, useLoad } from '../components/load';
import { formatPercent, formatTimeLeft, t, term } from '../i18n';
import { CanAct } from '../session-view';

/** The tally a motion would have now: the stored one once closed, else counted from the votes by the page. */
export function MotionTally(props: { motion: Motion; votes?: readonly Vote[] }) {
    const [now, setNow] = useState(Date.now());
    useEffect(() => {
        const timer = setInterval(() => {
            setNow(Date.now());
        }, 30_000);
        return () => {
            clearInterval(timer);
        };
    }, []);
    const { motion } = props;
    const tally: Pick<Tally, 'yes' | 'no' | 'abstain'> = motion.tally ?? countOf(props.votes ?? []);
    const left = motion.status === 'open' ? formatTimeLeft(motion.closesAt, now) : undefined;
    return (
        <p class="tally" data-testid={`tally-${motion.motionId}`}>
            {t('tally', { yes: tally.yes, no: tally.no, abstain: tally.abstain, council: motion.council.length })}
            {motion.status === 'open' && (
                <> · {left === undefined ? t('windowClosed') : t('timeLeft', { time: left })}</>
            )}
        </p>
    );
}

function countOf(votes: readonly Vote[]): Pick<Tally, 'yes' | 'no' | 'abstain'> {
    return {
        yes: votes.filter((vote) => vote.choice === 'yes').length,
        no: votes.filter((vote) => vote.choice === 'no').length,
        abstain: votes.filter((vote) => vote.choice === 'abstain').length,
    };
}

const motionEvents = new Set([
    'MotionOpened',
    'MotionClosed',
    'VoteCast',
    'MemberStatusChanged',
    'ScenarioStatusChanged',
]);

interface MotionWithVotes {
    readonly motion: Motion;
    readonly votes: readonly Vote[];
}

async function motionsWithVotes(): Promise<MotionWithVotes[]> {
    const motions = await get<Motion[]>('/api/motions?status=open');
    return Promise.all(
        motions.map(async (motion) => ({ motion, votes: await get<Vote[]>(`/api/motions/${motion.motionId}/votes`) })),
    );
}

export function MotionsPage() {
    const loaded = useLoad('motions', motionsWithVotes, (event) => motionEvents.has(event.name));
    return (
        <section aria-labelledby="motions-title">
            <h2 id="motions-title">{t('nav_motions')}</h2>
            <Loading loaded={loaded}>
                {(items) => (
                    <Table
                        caption={t('dash_openMotions')}
                        head={[t('id'), t('kind'), t('subject'), t('votes'), t('closesAt')]}
                        rows={items.map(({ motion, votes }) => [
                            <Link to={`/motions/${motion.motionId}`}>{motion.motionId}</Link>,
                            term(motion.kind),
                            motion.subjectId,
                            <MotionTally motion={motion} votes={votes} />,
                            <Time iso={motion.closesAt} />,
                        ])}
                        empty={t('none')}
                    />
                )}
            </Loading>
        </section>
    );
}

export function MotionPage(props: { motionId: string }) {
    const { motionId } = props;
    const concerns = (event: LiveEvent): boolean => event.payload.motionId === motionId;
    const loaded = useLoad(
        `motion-${motionId}`,
        async () => ({
            motion: await get<Motion>(`/api/motions/${motionId}`),
            votes: await get<Vote[]>(`/api/motions/${motionId}/votes`),
        }),
        concerns,
    );
    return (
        <section aria-labelledby="motion-title">
            <h2 id="motion-title">
                {t('nav_motions')}: {motionId}
            </h2>
            <Loading loaded={loaded}>
                {({ motion, votes }) => (
                    <>
                        <Facts
                            rows={[
                                [t('kind'), term(motion.kind)],
                                [t('subject'), motion.subjectId],
                                [t('status'), <Badge value={motion.status} />],
                                [t('reason'), motion.reason],
                                [t('closesAt'), <Time iso={motion.closesAt} />],
                                [
                                    'Quorum / approval',
                                    `${formatPercent(motion.quorumPercent)} / ${formatPercent(motion.approvalPercent)}`,
                                ],
                            ]}
                        />
                        <MotionTally motion={motion} votes={votes} />
                        <Table
                            caption={t('votes')}
                            head={[t('nav_members'), t('vote'), t('at')]}
                            rows={votes.map((vote) => [
                                vote.memberId,
                                t(`vote_${vote.choice}`),
                                <Time iso={vote.cast.at} />,
                            ])}
                            empty={t('none')}
                        />
                        {motion.status === 'open' && (
                            <CanAct>
                                <ActionForm
                                    title={t('vote')}
                                    fields={[
                                        {
                                            name: 'choice',
                                            label: t('vote'),
                                            type: 'select',
                                            options: (['yes', 'no', 'abstain'] as const).map((choice) => ({
                                                value: choice,
                                                label: t(`vote_${choice}`),
                                            })),
                                        },
                                    ]}
                                    onSubmit={(values) =>
                                        post(`/api/motions/${motionId}/votes`, { choice: values.choice })
                                    }
                                    onDone={loaded.reload}
                                />
                                <ActionForm
                                    title={t('closeMotion')}
                                    fields={[]}
                                    onSubmit={() => post(`/api/motions/${motionId}/closing`)}
                                    onDone={loaded.reload}
                                />
                            </CanAct>
                        )}
                    </>
                )}
            </Loading>
        </section>
    );
}

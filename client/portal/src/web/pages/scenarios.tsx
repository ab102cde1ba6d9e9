// Pilot scenarios: the list with the running-pilot cap, proposing, and one scenario's page with participation,
// milestones and the evaluation.
import { type Page, type Scenario, type ScenarioDossier, scenarioStatuses } from '@bia/model';
import { useState } from 'preact/hooks';
import { get, post, query } from '../api';
import { Badge, Facts, FilterSelect, Link, Table, Time } from '../components/bits';
import { ActionForm, list } from '../components/form';
import { Loading, useLoad } from '../components/load';
import { formatDate, formatNumber, t } from '../i18n';
import { CanAct } from '../session-view';

export function ScenariosPage() {
    const [status, setStatus] = useState('');
    const url = `/api/scenarios${query({ status, pageSize: 100 })}`;
    const loaded = useLoad(
        url,
        () => get<Page<Scenario>>(url),
        (event) => event.name === 'ScenarioStatusChanged',
    );
    return (
        <section aria-labelledby="scenarios-title">
            <h2 id="scenarios-title">{t('nav_scenarios')}</h2>
            <div class="filters">
                <FilterSelect label={t('status')} value={status} values={scenarioStatuses} onChange={setStatus} />
            </div>
            <Loading loaded={loaded}>
                {(page) => (
                    <Table
                        caption={t('nav_scenarios')}
                        head={[t('id'), t('title'), t('sector'), t('lead'), t('status')]}
                        rows={page.records.map((scenario) => [
                            <Link to={`/scenarios/${scenario.scenarioId}`}>{scenario.scenarioId}</Link>,
                            scenario.title,
                            scenario.sector,
                            scenario.leadMemberId,
                            <Badge value={scenario.status} />,
                        ])}
                        empty={t('none')}
                    />
                )}
            </Loading>
            <CanAct>
                <ActionForm
                    title={t('proposeScenario')}
                    fields={[
                        { name: 'scenarioId', label: t('id') },
                        { name: 'title', label: t('title') },
                        { name: 'sector', label: t('sector') },
                        { name: 'problem', label: t('problem'), type: 'textarea' },
                        { name: 'expectedOutcome', label: t('expectedOutcome'), type: 'textarea' },
                        { name: 'leadMemberId', label: t('lead') },
                        { name: 'plannedParticipants', label: t('participants'), required: false },
                        { name: 'plannedStart', label: t('plannedStart'), type: 'date' },
                        { name: 'plannedEnd', label: t('plannedEnd'), type: 'date' },
                    ]}
                    onSubmit={(values) =>
                        post('/api/scenarios', { ...values, plannedParticipants: list(values.plannedParticipants) })
                    }
                    onDone={loaded.reload}
                />
            </CanAct>
        </section>
    );
}

export function ScenarioPage(props: { scenarioId: string }) {
    const { scenarioId } = props;
    const base = `/api/scenarios/${scenarioId}`;
    const loaded = useLoad(
        `scenario-${scenarioId}`,
        () => get<ScenarioDossier>(base),
        (event) => event.payload.scenarioId === scenarioId,
    );
    return (
        <section aria-labelledby="scenario-title">
            <h2 id="scenario-title">{scenarioId}</h2>
            <Loading loaded={loaded}>
                {({ scenario, milestones, pendingRequests, acknowledgements }) => (
                    <>
                        <Facts
                            rows={[
                                [t('title'), scenario.title],
                                [t('status'), <Badge value={scenario.status} />],
                                [t('sector'), scenario.sector],
                                [
                                    t('lead'),
                                    <Link to={`/members/${scenario.leadMemberId}`}>{scenario.leadMemberId}</Link>,
                                ],
                                [t('participants'), scenario.participants.join(', ') || t('none')],
                                [t('problem'), scenario.problem],
                                [t('expectedOutcome'), scenario.expectedOutcome],
                                [t('plannedStart'), formatDate(scenario.plannedStart)],
                                [t('plannedEnd'), formatDate(scenario.plannedEnd)],
                            ]}
                        />
                        <Table
                            caption={t('milestones')}
                            head={[t('id'), t('title'), t('evidenceUri'), t('at')]}
                            rows={milestones.map((m) => [
                                m.milestoneId,
                                m.title,
                                <code>{m.evidence.uri}</code>,
                                <Time iso={m.recorded.at} />,
                            ])}
                            empty={t('none')}
                        />
                        <Table
                            caption={t('pendingRequests')}
                            head={[t('nav_members'), t('kind'), t('at')]}
                            rows={pendingRequests.map((r) => [r.memberId, r.action, <Time iso={r.requested.at} />])}
                            empty={t('none')}
                        />
                        {scenario.evaluation !== undefined && (
                            <article class="card">
                                <h3>{t('evaluation')}</h3>
                                <p>{scenario.evaluation.summary}</p>
                                <Table
                                    caption="KPI"
                                    head={['KPI', t('total'), 'Target']}
                                    rows={scenario.evaluation.kpis.map((k) => [
                                        k.name,
                                        `${formatNumber(k.value)} ${k.unit}`,
                                        k.target === undefined ? '' : `${formatNumber(k.target)} ${k.unit}`,
                                    ])}
                                    empty={t('none')}
                                />
                                <p class="muted">{acknowledgements.map((a) => a.memberId).join(', ')}</p>
                            </article>
                        )}
                        <CanAct>
                            <div class="actions">
                                {scenario.status === 'approved' && (
                                    <ActionForm
                                        title={t('startPilot')}
                                        fields={[]}
                                        onSubmit={() => post(`${base}/pilot`)}
                                        onDone={loaded.reload}
                                    />
                                )}
                                {scenario.status === 'piloting' && (
                                    <>
                                        <ActionForm
                                            title={t('requestJoin')}
                                            fields={[]}
                                            onSubmit={() => post(`${base}/participation`, { action: 'join' })}
                                            onDone={loaded.reload}
                                        />
                                        <ActionForm
                                            title={t('consent')}
                                            fields={[{ name: 'memberId', label: t('memberId') }]}
                                            onSubmit={(values) =>
                                                post(`${base}/consents`, { memberId: values.memberId })
                                            }
                                            onDone={loaded.reload}
                                        />
                                        <ActionForm
                                            title={t('recordMilestone')}
                                            fields={[
                                                { name: 'milestoneId', label: t('id') },
                                                { name: 'title', label: t('title') },
                                                { name: 'sha256', label: t('evidenceSha') },
                                                { name: 'uri', label: t('evidenceUri'), type: 'url' },
                                            ]}
                                            onSubmit={(values) =>
                                                post(`${base}/milestones`, {
                                                    milestoneId: values.milestoneId,
                                                    title: values.title,
                                                    evidence: { sha256: values.sha256, uri: values.uri },
                                                })
                                            }
                                            onDone={loaded.reload}
                                        />
                                    </>
                                )}
                            </div>
                        </CanAct>
                    </>
                )}
            </Loading>
        </section>
    );
}

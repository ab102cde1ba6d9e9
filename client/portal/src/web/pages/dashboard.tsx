// The dashboard: the association at a glance, refreshed as events arrive.
import type { Charter, Deal, Motion, Scenario, Shipment } from '@bia/model';
import { type LiveEvent, get } from '../api';
import { Badge, Link, Table, Time } from '../components/bits';
import { Loading, useLoad } from '../components/load';
import { formatNumber, formatTemperature, t, term } from '../i18n';
import { MotionTally } from './motions';

interface Dashboard {
    readonly charter: Charter;
    readonly members: { total: number; byStatus: Record<string, number>; byKind: Record<string, number> };
    readonly motions: readonly Motion[];
    readonly scenarios: { byStatus: Record<string, number>; running: number; cap: number; list: readonly Scenario[] };
    readonly deals: { byStatus: Record<string, number>; list: readonly Deal[] };
    readonly shipments: { byStatus: Record<string, number>; inTransit: readonly Shipment[] };
    readonly excursions: readonly LiveEvent[];
}

function Counts(props: { caption: string; counts: Record<string, number> }) {
    const rows = Object.entries(props.counts).sort(([a], [b]) => a.localeCompare(b));
    return (
        <Table
            caption={props.caption}
            head={[t('status'), t('total')]}
            rows={rows.map(([key, count]) => [<Badge value={key} />, formatNumber(count)])}
            empty={t('none')}
        />
    );
}

export function DashboardPage() {
    const loaded = useLoad(
        'dashboard',
        () => get<Dashboard>('/api/dashboard'),
        () => true,
    );
    return (
        <section aria-labelledby="dashboard-title">
            <h2 id="dashboard-title">{t('nav_dashboard')}</h2>
            <Loading loaded={loaded}>
                {(data) => (
                    <div class="grid">
                        <article class="card">
                            <h3>{t('dash_members')}</h3>
                            <Table
                                caption={t('dash_members')}
                                head={[t('kind'), t('total')]}
                                rows={Object.entries(data.members.byKind).map(([kind, count]) => [
                                    term(kind),
                                    formatNumber(count),
                                ])}
                                empty={t('none')}
                            />
                            <Counts caption={t('dash_memberStatus')} counts={data.members.byStatus} />
                        </article>
                        <article class="card">
                            <h3>{t('dash_openMotions')}</h3>
                            {data.motions.length === 0 ? (
                                <p class="muted">{t('none')}</p>
                            ) : (
                                <ul class="plain">
                                    {data.motions.map((motion) => (
                                        <li key={motion.motionId}>
                                            <Link to={`/motions/${motion.motionId}`}>{motion.motionId}</Link> ·{' '}
                                            {term(motion.kind)} · {motion.subjectId}
                                            <MotionTally motion={motion} />
                                        </li>
                                    ))}
                                </ul>
                            )}
                        </article>
                        <article class="card">
                            <h3>{t('dash_pilots')}</h3>
                            <p class="big" data-testid="pilot-cap">
                                {t('dash_running', { running: data.scenarios.running, cap: data.scenarios.cap })}
                            </p>
                            <meter
                                min={0}
                                max={data.scenarios.cap}
                                value={data.scenarios.running}
                                aria-label={t('dash_pilots')}
                            />
                            <Counts caption={t('dash_pilots')} counts={data.scenarios.byStatus} />
                        </article>
                        <article class="card">
                            <h3>{t('dash_deals')}</h3>
                            <Counts caption={t('dash_deals')} counts={data.deals.byStatus} />
                        </article>
                        <article class="card">
                            <h3>{t('dash_inTransit')}</h3>
                            <Table
                                caption={t('dash_inTransit')}
                                head={[t('id'), t('status'), t('custodian')]}
                                rows={data.shipments.inTransit.map((shipment) => [
                                    <Link to={`/shipments/${shipment.shipmentId}`}>{shipment.shipmentId}</Link>,
                                    <Badge value={shipment.status} />,
                                    shipment.custodianMemberId,
                                ])}
                                empty={t('none')}
                            />
                        </article>
                        <article class="card">
                            <h3>{t('dash_excursions')}</h3>
                            <Table
                                caption={t('dash_excursions')}
                                head={[t('id'), t('temperature'), t('allowedBand'), t('at')]}
                                rows={data.excursions.map((event) => {
                                    const payload = event.payload as {
                                        shipmentId: string;
                                        temperatureC: number;
                                        minTemperatureC: number;
                                        maxTemperatureC: number;
                                        at: string;
                                    };
                                    return [
                                        <Link to={`/shipments/${payload.shipmentId}`}>{payload.shipmentId}</Link>,
                                        formatTemperature(payload.temperatureC),
                                        `${formatTemperature(payload.minTemperatureC)} – ${formatTemperature(payload.maxTemperatureC)}`,
                                        <Time iso={payload.at} />,
                                    ];
                                })}
                                empty={t('none')}
                            />
                        </article>
                    </div>
                )}
            </Loading>
        </section>
    );
}

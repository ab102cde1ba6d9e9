// Medical transport: shipments under inked deals, their custody chain, condition checkpoints and delivery.
import {
    type ContentCategory,
    type Page,
    type Provenance,
    type Shipment,
    contentCategories,
    shipmentStatuses,
} from '@bia/model';
import { useState } from 'preact/hooks';
import { get, post, query } from '../api';
import { Badge, Facts, FilterSelect, Link, Table, Time } from '../components/bits';
import { ActionForm } from '../components/form';
import { Loading, useLoad } from '../components/load';
import { TemperatureChart } from '../components/temperature-chart';
import { formatMinutes, formatNumber, formatPercent, formatTemperature, t, term } from '../i18n';
import { CanAct } from '../session-view';

const shipmentEvents = new Set(['CustodyHandedOver', 'ExcursionRecorded', 'ShipmentClosed']);

export function ShipmentsPage() {
    const [status, setStatus] = useState('');
    const url = `/api/shipments${query({ status, pageSize: 100 })}`;
    const loaded = useLoad(
        url,
        () => get<Page<Shipment>>(url),
        (event) => shipmentEvents.has(event.name),
    );
    return (
        <section aria-labelledby="shipments-title">
            <h2 id="shipments-title">{t('nav_shipments')}</h2>
            <div class="filters">
                <FilterSelect label={t('status')} value={status} values={shipmentStatuses} onChange={setStatus} />
            </div>
            <Loading loaded={loaded}>
                {(page) => (
                    <Table
                        caption={t('nav_shipments')}
                        head={[t('id'), t('contents'), t('shipper'), t('receiver'), t('custodian'), t('status')]}
                        rows={page.records.map((s) => [
                            <Link to={`/shipments/${s.shipmentId}`}>{s.shipmentId}</Link>,
                            `${term(s.contents.category)} · ${formatNumber(s.contents.quantity)} ${s.contents.unit}`,
                            s.shipperMemberId,
                            s.receiverMemberId,
                            s.custodianMemberId,
                            <Badge value={s.status} />,
                        ])}
                        empty={t('none')}
                    />
                )}
            </Loading>
            <CanAct>
                <ActionForm
                    title={t('nav_shipments')}
                    fields={[
                        { name: 'shipmentId', label: t('id') },
                        { name: 'dealId', label: t('nav_deals') },
                        { name: 'receiverMemberId', label: t('receiver') },
                        { name: 'carrierMemberId', label: t('carrier') },
                        {
                            name: 'category',
                            label: t('contents'),
                            type: 'select',
                            options: contentCategories.map((c) => ({ value: c, label: term(c) })),
                        },
                        { name: 'description', label: t('summary') },
                        { name: 'quantity', label: 'Quantity', type: 'number', step: '1' },
                        { name: 'unit', label: 'Unit', value: 'vials' },
                        { name: 'min', label: `${t('allowedBand')} min (°C)`, type: 'number', step: '0.1', value: '2' },
                        { name: 'max', label: `${t('allowedBand')} max (°C)`, type: 'number', step: '0.1', value: '8' },
                        {
                            name: 'maxTransit',
                            label: `${t('maxTransit')} (min)`,
                            type: 'number',
                            step: '1',
                            value: '240',
                        },
                    ]}
                    onSubmit={(v) =>
                        post('/api/shipments', {
                            shipmentId: v.shipmentId,
                            dealId: v.dealId,
                            receiverMemberId: v.receiverMemberId,
                            carrierMemberId: v.carrierMemberId,
                            contents: {
                                category: v.category as ContentCategory,
                                description: v.description,
                                quantity: Number(v.quantity),
                                unit: v.unit,
                            },
                            conditions: {
                                minTemperatureC: Number(v.min),
                                maxTemperatureC: Number(v.max),
                                maxTransitMinutes: Number(v.maxTransit),
                            },
                        })
                    }
                    onDone={loaded.reload}
                />
            </CanAct>
        </section>
    );
}

/** Local date-time text from a datetime-local input, as an ISO instant. */
function isoFromLocal(value: string): string {
    return new Date(value).toISOString();
}

/** Now, in the local time a datetime-local input shows, to the second (a reading cannot precede the custody). */
function localNow(): string {
    // Rounded up to the next second: the input cannot show milliseconds.
    const now = new Date(Math.ceil(Date.now() / 1000) * 1000);
    now.setMinutes(now.getMinutes() - now.getTimezoneOffset());
    return now.toISOString().slice(0, 19);
}

export function ShipmentPage(props: { shipmentId: string }) {
    const { shipmentId } = props;
    const base = `/api/shipments/${shipmentId}`;
    const loaded = useLoad(
        `shipment-${shipmentId}`,
        () => get<Provenance>(`${base}/provenance`),
        (event) => event.payload.shipmentId === shipmentId,
    );
    return (
        <section aria-labelledby="shipment-title">
            <h2 id="shipment-title">{shipmentId}</h2>
            <Loading loaded={loaded}>
                {({ shipment, handovers, checkpoints }) => {
                    const pending = handovers.find((h) => h.accepted === undefined);
                    const open = shipment.status === 'created' || shipment.status === 'in-transit';
                    return (
                        <>
                            <Facts
                                rows={[
                                    [t('status'), <Badge value={shipment.status} />],
                                    [t('nav_deals'), <Link to={`/deals/${shipment.dealId}`}>{shipment.dealId}</Link>],
                                    [
                                        t('contents'),
                                        `${term(shipment.contents.category)} · ${shipment.contents.description} · ${formatNumber(shipment.contents.quantity)} ${shipment.contents.unit}`,
                                    ],
                                    [t('shipper'), shipment.shipperMemberId],
                                    [t('carrier'), shipment.carrierMemberId],
                                    [t('receiver'), shipment.receiverMemberId],
                                    [
                                        t('custodian'),
                                        <strong data-testid="custodian">{shipment.custodianMemberId}</strong>,
                                    ],
                                    [
                                        t('allowedBand'),
                                        `${formatTemperature(shipment.conditions.minTemperatureC)} – ${formatTemperature(shipment.conditions.maxTemperatureC)}`,
                                    ],
                                    [t('maxTransit'), formatMinutes(shipment.conditions.maxTransitMinutes)],
                                    ...(shipment.outcome === undefined
                                        ? []
                                        : ([
                                              [
                                                  t('delivery'),
                                                  `${shipment.outcome.accepted ? term('delivered') : term('rejected')}: ${shipment.outcome.reason}`,
                                              ],
                                              [
                                                  t('transitTime'),
                                                  `${formatMinutes(shipment.outcome.transitMinutes)}${shipment.outcome.transitTimeExceeded ? ` (${t('exceeded')})` : ''}`,
                                              ],
                                          ] as const)),
                                ]}
                            />
                            <TemperatureChart checkpoints={checkpoints} conditions={shipment.conditions} />
                            <Table
                                caption={t('custody')}
                                head={['#', t('nav_members'), t('toMember'), t('at')]}
                                rows={handovers.map((h) => [
                                    formatNumber(h.sequence),
                                    h.fromMemberId,
                                    h.toMemberId,
                                    h.accepted === undefined ? t('awaiting') : <Time iso={h.accepted.at} />,
                                ])}
                                empty={t('none')}
                            />
                            <Table
                                caption={t('checkpoints')}
                                head={[
                                    t('at'),
                                    t('sensorId'),
                                    t('location'),
                                    t('temperature'),
                                    t('humidity'),
                                    t('shock'),
                                    t('excursion'),
                                ]}
                                rows={[...checkpoints]
                                    .sort((a, b) => a.readAt.localeCompare(b.readAt))
                                    .map((c) => [
                                        <Time iso={c.readAt} />,
                                        c.sensorId,
                                        c.location,
                                        formatTemperature(c.temperatureC),
                                        formatPercent(c.humidityPercent),
                                        c.shock ? '✓' : '',
                                        c.excursion ? <strong class="excursion">{t('excursion')}</strong> : '',
                                    ])}
                                empty={t('none')}
                            />
                            {open && (
                                <CanAct>
                                    <div class="actions">
                                        <ActionForm
                                            title={t('recordCheckpoint')}
                                            fields={[
                                                { name: 'readingId', label: t('readingId') },
                                                { name: 'sensorId', label: t('sensorId') },
                                                {
                                                    name: 'readAt',
                                                    label: t('at'),
                                                    type: 'datetime-local',
                                                    value: localNow(),
                                                    step: '1',
                                                },
                                                { name: 'location', label: t('location') },
                                                {
                                                    name: 'temperatureC',
                                                    label: `${t('temperature')} (°C)`,
                                                    type: 'number',
                                                    step: '0.1',
                                                },
                                                {
                                                    name: 'humidityPercent',
                                                    label: `${t('humidity')} (%)`,
                                                    type: 'number',
                                                    step: '0.1',
                                                    value: '50',
                                                },
                                                { name: 'shock', label: t('shock'), type: 'checkbox' },
                                            ]}
                                            onSubmit={(v) =>
                                                post(`${base}/checkpoints`, {
                                                    readingId: v.readingId,
                                                    sensorId: v.sensorId,
                                                    readAt: isoFromLocal(v.readAt ?? ''),
                                                    location: v.location,
                                                    temperatureC: Number(v.temperatureC),
                                                    humidityPercent: Number(v.humidityPercent),
                                                    shock: v.shock === 'true',
                                                })
                                            }
                                            onDone={loaded.reload}
                                        />
                                        <ActionForm
                                            title={t('offerCustody')}
                                            fields={[{ name: 'toMemberId', label: t('toMember') }]}
                                            onSubmit={(v) => post(`${base}/handovers`, { toMemberId: v.toMemberId })}
                                            onDone={loaded.reload}
                                        />
                                        {pending !== undefined && (
                                            <ActionForm
                                                title={`${t('acceptCustody')} #${pending.sequence}`}
                                                fields={[]}
                                                onSubmit={() =>
                                                    post(`${base}/handovers/${pending.sequence}/acceptance`)
                                                }
                                                onDone={loaded.reload}
                                            />
                                        )}
                                        <ActionForm
                                            title={t('confirmDelivery')}
                                            fields={[]}
                                            onSubmit={() => post(`${base}/delivery`)}
                                            onDone={loaded.reload}
                                        />
                                        <ActionForm
                                            title={t('rejectDelivery')}
                                            fields={[{ name: 'reason', label: t('reason') }]}
                                            onSubmit={(v) => post(`${base}/rejection`, { reason: v.reason })}
                                            onDone={loaded.reload}
                                        />
                                    </div>
                                </CanAct>
                            )}
                        </>
                    );
                }}
            </Loading>
        </section>
    );
}

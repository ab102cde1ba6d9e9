// The temperature of a shipment over time, with the allowed band shaded and every excursion marked. The canvas is
// described for screen readers; the checkpoint table beside it carries the same numbers as text.
import type { Checkpoint, RequiredConditions } from '@bia/model';
import {
    Chart,
    Filler,
    Legend,
    LineController,
    LineElement,
    LinearScale,
    PointElement,
    ScatterController,
    Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { formatDateTime, formatTemperature, locale, t } from '../i18n';

Chart.register(LineController, ScatterController, LineElement, PointElement, LinearScale, Filler, Legend, Tooltip);

export function TemperatureChart(props: { checkpoints: readonly Checkpoint[]; conditions: RequiredConditions }) {
    const canvas = useRef<HTMLCanvasElement>(null);
    const { checkpoints, conditions } = props;
    useEffect(() => {
        if (canvas.current === null) {
            return undefined;
        }
        const sorted = [...checkpoints].sort((a, b) => a.readAt.localeCompare(b.readAt));
        const points = sorted.map((c) => ({ x: new Date(c.readAt).getTime(), y: c.temperatureC }));
        const xs = points.map((p) => p.x);
        // At least an hour wide, centred on the readings, so one reading still shows the band around it.
        const first = xs.length === 0 ? Date.now() : Math.min(...xs);
        const last = xs.length === 0 ? Date.now() : Math.max(...xs);
        const pad = Math.max(0, 3_600_000 - (last - first)) / 2 + 60_000;
        const span = [first - pad, last + pad] as const;
        const edge = (y: number): { x: number; y: number }[] => [
            { x: span[0], y },
            { x: span[1], y },
        ];
        const chart = new Chart(canvas.current, {
            type: 'line',
            data: {
                datasets: [
                    {
                        label: `${t('allowedBand')} min`,
                        data: edge(conditions.minTemperatureC),
                        borderColor: '#2e7d32',
                        borderDash: [6, 4],
                        pointRadius: 0,
                        fill: false,
                    },
                    {
                        label: `${t('allowedBand')} max`,
                        data: edge(conditions.maxTemperatureC),
                        borderColor: '#2e7d32',
                        borderDash: [6, 4],
                        pointRadius: 0,
                        backgroundColor: 'rgba(46, 125, 50, 0.12)',
                        fill: '-1',
                    },
                    {
                        label: t('temperature'),
                        data: points,
                        borderColor: '#1565c0',
                        backgroundColor: '#1565c0',
                        tension: 0.2,
                    },
                    {
                        type: 'scatter',
                        label: t('excursion'),
                        data: sorted
                            .filter((c) => c.excursion)
                            .map((c) => ({ x: new Date(c.readAt).getTime(), y: c.temperatureC })),
                        backgroundColor: '#c62828',
                        borderColor: '#c62828',
                        pointRadius: 7,
                        pointStyle: 'triangle',
                    },
                ],
            },
            options: {
                animation: false,
                responsive: true,
                maintainAspectRatio: false,
                scales: {
                    x: {
                        type: 'linear',
                        min: span[0],
                        max: span[1],
                        ticks: {
                            callback: (value) => formatDateTime(new Date(Number(value)).toISOString()),
                            maxTicksLimit: 5,
                        },
                    },
                    y: { ticks: { callback: (value) => formatTemperature(Number(value)) } },
                },
                plugins: {
                    tooltip: {
                        callbacks: {
                            label: (item) => `${item.dataset.label ?? ''}: ${formatTemperature(item.parsed.y ?? 0)}`,
                        },
                    },
                },
            },
        });
        return () => {
            chart.destroy();
        };
    }, [checkpoints, conditions, locale.get()]);
    const excursions = checkpoints.filter((c) => c.excursion).length;
    return (
        <figure class="chart">
            <div class="chart-box">
                <canvas
                    ref={canvas}
                    role="img"
                    data-testid="temperature-chart"
                    data-excursions={excursions}
                    aria-label={`${t('chartLabel')}: ${formatTemperature(conditions.minTemperatureC)} – ${formatTemperature(conditions.maxTemperatureC)}; ${t('excursion')}: ${excursions}`}
                />
            </div>
            <figcaption>{t('chartLabel')}</figcaption>
        </figure>
    );
}

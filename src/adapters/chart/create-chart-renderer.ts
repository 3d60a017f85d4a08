import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { Chart, type ChartConfiguration, type Plugin, registerables } from 'chart.js';
import type { ChartRenderer, KeyMetricSeries } from '../../app/key-metric-source.js';

/**
 * PNG charts of the key metric with Chart.js drawn on @napi-rs/canvas (Skia, prebuilt binaries shipped as
 * npm packages). Text uses DejaVu Sans from @fontsource/dejavu-sans, registered on first use, so charts have
 * labels on hosts and containers without any system font.
 */

/** A family name of our own, so the charts never silently fall back to whatever the host has. */
export const CHART_FONT = 'reset-doctor DejaVu Sans';
const WIDTH = 1000;
const HEIGHT = 450;
const COLORS = ['#1f6feb', '#d9480f', '#2f9e44', '#9c36b5', '#e8590c', '#0c8599', '#5c940d', '#c2255c'];

let prepared = false;

/** Registers the bundled font and Chart.js's parts once per process. */
function prepare(): void {
  if (prepared) return;
  const require = createRequire(import.meta.url);
  const files = join(dirname(require.resolve('@fontsource/dejavu-sans')), 'files');
  for (const file of readdirSync(files)) {
    if (/-(400|700)-normal\.woff2$/.test(file)) GlobalFonts.registerFromPath(join(files, file), CHART_FONT);
  }
  Chart.register(...registerables);
  Chart.defaults.font.family = CHART_FONT;
  Chart.defaults.color = '#333';
  prepared = true;
}

function formatValue(v: number, unit: string | undefined): string {
  switch (unit) {
    case 'ratio':
      return `${Number((v * 100).toFixed(1))} %`;
    case 'percent':
      return `${Number(v.toFixed(1))} %`;
    case 'seconds':
      return v >= 1 || v === 0 ? `${Number(v.toFixed(2))} s` : `${Number((v * 1000).toFixed(1))} ms`;
    case 'bytes': {
      const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
      let n = v;
      let i = 0;
      while (Math.abs(n) >= 1024 && i < units.length - 1) {
        n /= 1024;
        i++;
      }
      return `${Number(n.toFixed(1))} ${units[i]}`;
    }
    case 'per_second':
      return `${Number(v.toPrecision(3))}/s`;
    default:
      return String(Number(v.toPrecision(4)));
  }
}

function formatTime(ms: number, spanMs: number): string {
  const iso = new Date(ms).toISOString();
  return spanMs > 36 * 3600_000
    ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}`
    : iso.slice(11, spanMs < 600_000 ? 19 : 16);
}

const STEPS_MS = [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400].map(
  (s) => s * 1000,
);

/** A round tick interval giving about six ticks over the span. */
function niceStep(spanMs: number): number {
  return STEPS_MS.find((s) => spanMs / s <= 8) ?? 86_400_000 * Math.ceil(spanMs / 86_400_000 / 8);
}

/** A white background, and the failure moment and the threshold drawn over the plot. */
function markers(series: KeyMetricSeries): Plugin<'line'> {
  return {
    id: 'reset-doctor-markers',
    // Chart.js clears the canvas; an opaque background keeps the chart readable in Slack's dark mode.
    beforeDraw(chart) {
      const { ctx, width, height } = chart;
      ctx.save();
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, width, height);
      ctx.restore();
    },
    afterDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      const x = scales.x;
      const y = scales.y;
      if (!x || !y) return;
      ctx.save();
      ctx.setLineDash([6, 4]);
      ctx.lineWidth = 2;
      ctx.font = `13px "${CHART_FONT}"`;
      if (series.failureAt !== undefined) {
        const px = x.getPixelForValue(series.failureAt);
        if (px >= chartArea.left && px <= chartArea.right) {
          ctx.strokeStyle = '#e03131';
          ctx.beginPath();
          ctx.moveTo(px, chartArea.top);
          ctx.lineTo(px, chartArea.bottom);
          ctx.stroke();
          ctx.fillStyle = '#e03131';
          ctx.fillText('failure', Math.min(px + 4, chartArea.right - 50), chartArea.top + 14);
        }
      }
      if (series.threshold) {
        const py = y.getPixelForValue(series.threshold.value);
        if (py >= chartArea.top && py <= chartArea.bottom) {
          ctx.strokeStyle = '#f08c00';
          ctx.beginPath();
          ctx.moveTo(chartArea.left, py);
          ctx.lineTo(chartArea.right, py);
          ctx.stroke();
          ctx.fillStyle = '#f08c00';
          ctx.fillText(series.threshold.label, chartArea.left + 6, py - 5);
        }
      }
      ctx.restore();
    },
  };
}

export function renderMetricChart(series: KeyMetricSeries): Buffer {
  prepare();
  const canvas = createCanvas(WIDTH, HEIGHT);
  const ctx = canvas.getContext('2d');
  const times = series.series.flatMap((s) => s.points.map((p) => p.t));
  if (series.failureAt !== undefined) times.push(series.failureAt);
  const first = times.length > 0 ? Math.min(...times) : 0;
  const last = times.length > 0 ? Math.max(...times) : 0;
  const span = last - first;
  const step = niceStep(span);
  const shown = series.series.slice(0, COLORS.length);
  const config: ChartConfiguration<'line', { x: number; y: number }[]> = {
    type: 'line',
    data: {
      datasets: shown.map((s, i) => ({
        label: s.label.slice(0, 80),
        data: s.points.filter((p) => Number.isFinite(p.v)).map((p) => ({ x: p.t, y: p.v })),
        borderColor: COLORS[i] ?? '#333',
        backgroundColor: COLORS[i] ?? '#333',
        borderWidth: 2,
        pointRadius: 0,
        tension: 0,
      })),
    },
    options: {
      responsive: false,
      animation: false,
      devicePixelRatio: 1,
      plugins: {
        title: { display: true, text: series.title.slice(0, 120), font: { size: 18, weight: 'bold' } },
        subtitle: { display: true, text: series.metric.slice(0, 160), font: { size: 12 } },
        legend: { display: shown.length > 1 || (shown[0]?.label ?? '') !== '', position: 'bottom' },
      },
      scales: {
        x: {
          type: 'linear',
          min: Math.floor(first / step) * step,
          max: Math.ceil(last / step) * step,
          ticks: { callback: (v) => formatTime(Number(v), span), stepSize: step },
          title: { display: true, text: 'time (UTC)' },
        },
        y: {
          ticks: { callback: (v) => formatValue(Number(v), series.unit) },
          ...(series.unit === 'ratio' ? { suggestedMin: 0, suggestedMax: 1 } : {}),
        },
      },
    },
    plugins: [markers(series)],
  };
  // Chart.js accepts any 2D context; Skia's matches the DOM one it was typed against.
  const chart = new Chart(ctx as unknown as ConstructorParameters<typeof Chart>[0], config);
  const png = canvas.toBuffer('image/png');
  chart.destroy();
  return png;
}

export function createChartRenderer(): ChartRenderer {
  return {
    async render(series) {
      return renderMetricChart(series);
    },
  };
}

import { GlobalFonts, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { CHART_FONT, renderMetricChart } from '../../src/adapters/chart/create-chart-renderer.js';
import type { KeyMetricSeries } from '../../src/app/key-metric-source.js';

const t0 = Date.UTC(2026, 10, 24, 9, 0);

const SERIES: KeyMetricSeries = {
  title: 'conntrack table usage on node-a',
  metric: 'conntrack_usage_ratio',
  unit: 'ratio',
  series: [
    {
      label: 'node-a',
      points: Array.from({ length: 61 }, (_, i) => ({ t: t0 + i * 60_000, v: Math.min(1, 0.4 + i * 0.012) })),
    },
    { label: 'node-b', points: Array.from({ length: 61 }, (_, i) => ({ t: t0 + i * 60_000, v: 0.3 })) },
  ],
  failureAt: t0 + 45 * 60_000,
  threshold: { value: 0.9, label: 'alert at 90 %' },
};

async function darkPixels(png: Buffer, x: number, y: number, w: number, h: number): Promise<number> {
  const { createCanvas } = await import('@napi-rs/canvas');
  const img = await loadImage(png);
  const c = createCanvas(img.width, img.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(x, y, w, h).data;
  let dark = 0;
  for (let i = 0; i < data.length; i += 4)
    if ((data[i + 3] ?? 0) > 200 && (data[i] ?? 255) < 128 && (data[i + 1] ?? 255) < 128) dark++;
  return dark;
}

describe('key metric chart', () => {
  it('renders a PNG with its own bundled font (no system font needed)', async () => {
    const png = renderMetricChart(SERIES);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(GlobalFonts.has(CHART_FONT)).toBe(true);
    const img = await loadImage(png);
    expect([img.width, img.height]).toEqual([1000, 450]);
    // The title is drawn: dark text pixels in the band above the plot.
    expect(await darkPixels(png, 250, 5, 500, 30)).toBeGreaterThan(100);
  });

  it('draws nothing dark in the title band when there is no title (the check above can fail)', async () => {
    const png = renderMetricChart({ ...SERIES, title: '', metric: '' });
    expect(await darkPixels(png, 250, 5, 500, 30)).toBe(0);
  });

  it('copes with empty and odd series', () => {
    expect(renderMetricChart({ ...SERIES, series: [] }).length).toBeGreaterThan(1000);
    const odd = renderMetricChart({
      ...SERIES,
      unit: 'bytes',
      series: [
        {
          label: 'x',
          points: [
            { t: t0, v: Number.NaN },
            { t: t0 + 1000, v: 5e9 },
          ],
        },
      ],
    });
    expect(odd.length).toBeGreaterThan(1000);
  });
});

describe('chart background', () => {
  it('is opaque white (readable in dark mode)', async () => {
    const { createCanvas } = await import('@napi-rs/canvas');
    const img = await loadImage(renderMetricChart(SERIES));
    const c = createCanvas(img.width, img.height);
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    expect([...ctx.getImageData(2, 2, 1, 1).data]).toEqual([255, 255, 255, 255]);
  });
});

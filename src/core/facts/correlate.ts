/** One range-query series: [unix seconds, value] pairs. */
export type Samples = readonly (readonly [number, number])[];

/** Fewest aligned points a correlation is computed from. */
export const MIN_CORRELATION_POINTS = 6;

/** Sums several series sample by sample (a query that was not aggregated to one series). */
export function sumSeries(series: readonly Samples[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const s of series) {
    for (const [t, v] of s) {
      if (!Number.isFinite(v)) continue;
      out.set(t, (out.get(t) ?? 0) + v);
    }
  }
  return out;
}

/** Pearson's r of two equally long samples; undefined when either does not vary. */
export function pearson(xs: readonly number[], ys: readonly number[]): number | undefined {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return undefined;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i] ?? 0;
    my += ys[i] ?? 0;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - mx;
    const dy = (ys[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // Relative tolerance: a series that is constant up to rounding does not vary.
  const tiny = (s: number, m: number) => s <= n * (Number.EPSILON * Math.max(1, Math.abs(m))) ** 2;
  if (tiny(sxx, mx) || tiny(syy, my)) return undefined;
  const r = sxy / Math.sqrt(sxx * syy);
  return Math.max(-1, Math.min(1, r));
}

export type Correlation =
  | { readonly ok: true; readonly value: number; readonly points: number }
  | { readonly ok: false; readonly points: number; readonly reason: string };

/**
 * Correlates two range-query answers over the timestamps both have (each answer summed over its series),
 * rounded to two decimals.
 */
export function correlateSeries(
  errors: readonly Samples[],
  traffic: readonly Samples[],
  minPoints = MIN_CORRELATION_POINTS,
): Correlation {
  const a = sumSeries(errors);
  const b = sumSeries(traffic);
  const times = [...a.keys()].filter((t) => b.has(t)).sort((x, y) => x - y);
  if (times.length < minPoints)
    return { ok: false, points: times.length, reason: `only ${times.length} aligned samples` };
  const xs = times.map((t) => a.get(t) ?? 0);
  const ys = times.map((t) => b.get(t) ?? 0);
  const r = pearson(xs, ys);
  if (r === undefined)
    return {
      ok: false,
      points: times.length,
      reason: 'errors or traffic did not change over the range',
    };
  return { ok: true, value: Math.round(r * 100) / 100, points: times.length };
}

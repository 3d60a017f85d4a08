import { describe, expect, it } from 'vitest';
import { correlateSeries, pearson, type Samples } from './correlate.js';

const series = (values: readonly number[], t0 = 0): Samples =>
  values.map((v, i) => [t0 + i * 30, v] as const);

describe('pearson', () => {
  it.each([
    ['perfect positive', [1, 2, 3, 4], [10, 20, 30, 40], 1],
    ['perfect negative', [1, 2, 3, 4], [8, 6, 4, 2], -1],
    ['known value', [1, 2, 3, 4, 5], [2, 1, 4, 3, 5], 0.8],
  ])('%s', (_, xs, ys, r) => {
    expect(pearson(xs, ys)).toBeCloseTo(r, 10);
  });

  it('is undefined when a series does not vary', () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeUndefined();
    expect(pearson([0.1, 0.1, 0.1], [3, 2, 1])).toBeUndefined();
    expect(pearson([1], [2])).toBeUndefined();
  });
});

describe('correlateSeries', () => {
  it('aligns on common timestamps and sums several series', () => {
    const errors = [series([1, 2, 3, 4, 5, 6, 7]), series([1, 1, 1, 1, 1, 1, 1])];
    // traffic has one sample more at the start: only the common timestamps count
    const traffic = [series([9, 7, 6, 5, 4, 3, 2, 1], -30)];
    const r = correlateSeries(errors, traffic);
    expect(r).toEqual({ ok: true, value: -1, points: 7 });
  });

  it('ignores NaN samples and needs enough points', () => {
    const r = correlateSeries([series([1, Number.NaN, 3, 4, 5, 6])], [series([1, 2, 3, 4, 5, 6])]);
    expect(r).toEqual({ ok: false, points: 5, reason: 'only 5 aligned samples' });
  });

  it('says so when errors did not change', () => {
    const r = correlateSeries([series([0, 0, 0, 0, 0, 0, 0])], [series([1, 2, 3, 4, 5, 6, 7])]);
    expect(r.ok).toBe(false);
  });
});

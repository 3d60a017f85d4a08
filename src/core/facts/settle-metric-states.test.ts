import { describe, expect, it } from 'vitest';
import { type FetchRound, type QueryResult, settleMetricStates } from './settle-metric-states.js';

const round = (over: Partial<FetchRound>): FetchRound => ({
  facts: [],
  presenceOf: () => ['m'],
  results: new Map(),
  blocked: new Map(),
  waiting: new Set(),
  present: new Set(['m']),
  deadlineMs: 1000,
  ...over,
});
const results = (entries: Record<string, QueryResult>) => new Map(Object.entries(entries));

describe('settleMetricStates', () => {
  it('gives values, no data and unscraped metrics their states', () => {
    const r = settleMetricStates(
      round({
        facts: ['a', 'b', 'c', 'd'],
        presenceOf: (f) => (f === 'c' ? ['gone'] : ['m']),
        results: results({
          a: { state: 'value', value: 0 },
          b: { state: 'no-data' },
          c: { state: 'value', value: 0 },
          d: { state: 'no-data', note: 'only 3 aligned samples' },
        }),
      }),
    );
    expect(r).toEqual({
      values: { a: 0 },
      states: { a: 'value', b: 'no-data', c: 'not-scraped', d: 'no-data' },
      degraded: false,
      warnings: [
        'not scraped by this Prometheus (see how to enable them below): c',
        'd: only 3 aligned samples',
      ],
    });
  });

  it('cannot tell unscraped from empty when the presence check did not answer', () => {
    const { present: _, ...rest } = round({ facts: ['a'], results: results({ a: { state: 'no-data' } }) });
    expect(settleMetricStates(rest).states).toEqual({ a: 'no-data' });
  });

  it('marks failures and late answers as errors, degraded, grouped by reason', () => {
    const r = settleMetricStates(
      round({
        facts: ['a', 'b', 'c', 'd'],
        results: results({ a: { state: 'error', error: 'boom' }, b: { state: 'error', error: 'boom' } }),
        waiting: new Set(['d']),
        blocked: new Map([['d', ['namespace']]]),
      }),
    );
    expect(r.states).toEqual({ a: 'error', b: 'error', c: 'error', d: 'error' });
    expect(r.degraded).toBe(true);
    expect(r.warnings).toEqual([
      'metrics degraded: boom; 2 fact(s) not fetched: a, b',
      'metrics degraded: Prometheus did not answer within the 1000 ms deadline; 2 fact(s) not fetched: c, d',
    ]);
  });

  it('does not fetch facts about entities the incident does not name, and is not degraded for it', () => {
    const r = settleMetricStates(
      round({
        facts: ['a', 'b', 'c'],
        blocked: new Map([
          ['a', ['peer']],
          ['b', ['peer']],
          ['c', ['namespace', 'instance']],
        ]),
      }),
    );
    expect(r.states).toEqual({ a: 'not-fetched', b: 'not-fetched', c: 'not-fetched' });
    expect(r.degraded).toBe(false);
    expect(r.warnings).toEqual([
      'the incident does not name the peer: 2 metric fact(s) not fetched: a, b',
      'the incident does not name the namespace and instance: 1 metric fact(s) not fetched: c',
    ]);
  });

  it('blames a failed discovery for the facts that needed it', () => {
    const r = settleMetricStates(
      round({ facts: ['a'], blocked: new Map([['a', ['instance']]]), discoveryError: 'unreachable' }),
    );
    expect(r.states).toEqual({ a: 'error' });
    expect(r.degraded).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { fetchedOfFacts } from './fetched-of-facts.js';

describe('fetchedOfFacts', () => {
  it('reads the metric values and states a diagnosis kept', () => {
    expect(
      fetchedOfFacts(
        {
          restarts: 1,
          'state.restarts': 'value',
          'state.oom_kills': 'no-data',
          'state.conntrack_usage_ratio': 'not-scraped',
          'state.broken': 'value',
          'log.lines': 12,
          'state.weird': 'maybe',
        },
        true,
      ),
    ).toEqual({
      values: { restarts: 1 },
      states: { restarts: 'value', oom_kills: 'no-data', conntrack_usage_ratio: 'not-scraped' },
      degraded: true,
      warnings: [],
    });
  });

  it('nothing metric-like: nothing fetched', () => {
    expect(fetchedOfFacts({ 'log.lines': 3, classes: ['reset'] })).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '../core/model/diagnosis.js';
import { answerOf, formatDuration } from './answer-of.js';
import type { IncidentRecord } from './diagnosis-store.js';

const diagnosis: Diagnosis = {
  incidentId: 'inc-1',
  hypotheses: [
    {
      cause: 'keepalive-mismatch',
      variant: 'node-5s-behind-alb',
      title: 'keep-alive shorter than the ALB idle timeout',
      confidence: 0.71,
      evidence: [{ for: true, text: 'socket hang up', source: 'log:1', rule: 'r', weight: 2 }],
      missing: [],
      nextSteps: [],
      rules: ['keepalive.node-default-behind-lb'],
    },
  ],
  ruledOut: [],
  unexplained: 0.29,
  facts: {},
  warnings: [],
  degraded: false,
  rulesVersion: '0123456789ab',
};

const t0 = Date.parse('2026-11-24T12:39:08Z');
const group = (status: 'firing' | 'resolved', firing: number, alerts = 2) => ({
  groupKey: 'k',
  status,
  alerts,
  firing,
  names: ['HighLatency'],
  startsAt: t0,
});

const record = (over: Partial<IncidentRecord> = {}): IncidentRecord & { diagnosis: Diagnosis } => ({
  incidentId: 'inc-1',
  source: 'alertmanager',
  createdAt: t0 + 5000,
  status: 'open',
  rev: 1,
  deliveredRev: -1,
  groups: { g1: group('firing', 2) },
  jobs: 1,
  subject: { service: 'checkout' },
  ...over,
  diagnosis,
});

describe('answerOf', () => {
  it('summarises the top cause and the alerts', () => {
    const a = answerOf(record());
    expect(a.summary).toBe('checkout: keepalive-mismatch (node-5s-behind-alb) 71 % — 2 alerts (HighLatency)');
    expect(a.alerts).toEqual({ total: 2, firing: 2, groups: 1, names: ['HighLatency'] });
    expect(a.resolvedAfterS).toBeUndefined();
  });

  it('counts coalesced groups and what still fires', () => {
    const a = answerOf(
      record({ groups: { g1: group('firing', 1), g2: { ...group('firing', 3, 3), names: ['Errors5xx'] } } }),
    );
    expect(a.summary).toMatch(/5 alerts \(Errors5xx, HighLatency\) in 2 groups, 4 still firing$/);
  });

  it('says how long it took to resolve, from the first alert', () => {
    const a = answerOf(
      record({ status: 'resolved', resolvedAt: t0 + 14 * 60_000, groups: { g1: group('resolved', 0) } }),
    );
    expect(a.resolvedAfterS).toBe(14 * 60);
    expect(a.summary).toMatch(/ — resolved after 14 min$/);
  });

  it('says so when no cause stands out', () => {
    expect(answerOf({ ...record(), diagnosis: { ...diagnosis, hypotheses: [] } }).summary).toMatch(
      /^checkout: no cause stands out/,
    );
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [45, '45 s'],
    [89, '89 s'],
    [14 * 60 + 10, '14 min'],
    [2 * 3600, '2 h'],
    [2 * 3600 + 5 * 60, '2 h 5 min'],
  ])('%d s → %s', (s, text) => {
    expect(formatDuration(s)).toBe(text);
  });
});

import { describe, expect, it } from 'vitest';
import type { Cause } from '../core/model/causes.js';
import type { Diagnosis } from '../core/model/diagnosis.js';
import type { Incident } from '../core/model/incident.js';
import { backtestRules, type Diagnoser } from './backtest-rules.js';
import type { DiagnosisHistory, PastIncident } from './diagnosis-history.js';

/** A rule set that answers from a table: incident log → ranked causes. */
function fakeDiagnoser(version: string, answers: Record<string, Cause[]>): Diagnoser {
  return {
    version,
    async diagnose(incident: Incident): Promise<Diagnosis> {
      const ranked = answers[incident.log ?? ''] ?? [];
      if (incident.log === 'boom') throw new Error('cannot diagnose');
      return {
        incidentId: incident.log ?? '',
        hypotheses: ranked.map((cause, i) => ({
          cause,
          title: cause,
          confidence: 0.5 - i * 0.1,
          evidence: [],
          missing: [],
          nextSteps: [],
          rules: [],
        })),
        ruledOut: [],
        unexplained: 0.2,
        facts: {},
        warnings: [],
        degraded: false,
        rulesVersion: version,
      };
    },
  };
}

function history(items: PastIncident[]): DiagnosisHistory {
  return {
    name: 'fake',
    async *list(options = {}) {
      yield* items.slice(0, options.limit ?? items.length);
    },
  };
}

const past = (id: string, primary?: Cause, secondary?: Cause): PastIncident => ({
  id,
  incident: { log: id },
  ...(primary ? { label: { primary, ...(secondary ? { secondary } : {}) } } : {}),
});

describe('backtestRules', () => {
  const before = fakeDiagnoser('aaa', {
    same: ['crash'],
    gain: ['overload', 'crash'],
    lose: ['crash'],
    shuffle: ['overload'],
    unlabelled: ['crash'],
    secondary: ['overload'],
    vanish: ['crash'],
  });
  const after = fakeDiagnoser('bbb', {
    same: ['crash', 'overload'],
    gain: ['crash'],
    lose: ['overload', 'crash'],
    shuffle: ['memory-oom'],
    unlabelled: ['overload'],
    secondary: ['fd-exhaustion'],
    vanish: [],
  });

  it('lists exactly the incidents whose top answer changed, with a verdict', async () => {
    const r = await backtestRules(
      history([
        past('same', 'crash'),
        past('gain', 'crash'),
        past('lose', 'crash'),
        past('shuffle', 'crash'),
        past('unlabelled'),
        past('secondary', 'crash', 'fd-exhaustion'),
        past('vanish', 'crash'),
        past('boom', 'crash'),
      ]),
      before,
      after,
    );
    expect(r.changes.map((c) => [c.id, c.verdict])).toEqual([
      ['gain', 'gained'],
      ['lose', 'lost'],
      ['shuffle', 'changed'],
      ['unlabelled', 'changed'],
      ['secondary', 'gained'],
      ['vanish', 'lost'],
    ]);
    expect(r.changes.find((c) => c.id === 'vanish')?.after).toBeNull();
    expect(r).toMatchObject({
      incidents: 8,
      labelled: 6,
      gained: 2,
      lost: 2,
      baseline: 'aaa',
      candidate: 'bbb',
    });
    expect(r.before).toEqual({ top1: 3, top3: 4 });
    expect(r.after).toEqual({ top1: 3, top3: 4 });
    expect(r.errors).toEqual([{ id: 'boom', error: 'cannot diagnose' }]);
  });

  it('passes the limit to the history', async () => {
    const r = await backtestRules(history([past('same'), past('gain'), past('lose')]), before, after, {
      limit: 2,
    });
    expect(r.incidents).toBe(2);
  });
});

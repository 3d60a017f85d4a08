import { describe, expect, it } from 'vitest';
import { emptyDiagnosis } from '../../test/support/diagnosis.js';
import type { IncidentRecord } from './diagnosis-store.js';
import { createStoredDiagnosisHistory, labelOfVotes } from './stored-diagnosis-history.js';

const diagnosis = emptyDiagnosis({ incidentId: 'x', rulesVersion: 'v' });

const record = (id: string, createdAt: number, withIncident = true): IncidentRecord => ({
  incidentId: id,
  source: 'slack',
  createdAt,
  status: 'open',
  rev: 1,
  deliveredRev: 1,
  groups: {},
  jobs: 1,
  diagnosis,
  ...(withIncident ? { incident: { log: `log of ${id}` } } : {}),
});

const records = [record('c', 3000), record('b', 2000, false), record('a', 1000)];
const store = {
  async recent(limit: number) {
    return records.slice(0, limit).map((r) => r.incidentId);
  },
  async get(id: string) {
    return records.find((r) => r.incidentId === id);
  },
};

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('the stored history', () => {
  it('lists kept incidents newest first, skipping records without one, labelled by votes', async () => {
    const h = createStoredDiagnosisHistory({
      store,
      name: 'redis',
      feedback: {
        async forIncident(id) {
          return id === 'a' ? { crash: { confirmedBy: ['U1', 'U2'], rejectedBy: [] } } : {};
        },
      },
    });
    const listed = await all(h.list());
    expect(listed.map((p) => p.id)).toEqual(['c', 'a']);
    expect(listed[1]).toMatchObject({
      incident: { log: 'log of a' },
      label: { primary: 'crash', secondary: null },
    });
    expect(listed[0]?.at).toBe(new Date(3000).toISOString());
    expect((await all(h.list({ limit: 1 }))).map((p) => p.id)).toEqual(['c']);
    expect((await all(h.list({ since: new Date(1500).toISOString() }))).map((p) => p.id)).toEqual(['c']);
  });

  it('labels with the cause most confirmed net of rejections, and a runner-up', () => {
    expect(
      labelOfVotes({
        crash: { confirmedBy: ['U1'], rejectedBy: ['U2'] },
        overload: { confirmedBy: ['U1', 'U3'], rejectedBy: [] },
        'memory-oom': { confirmedBy: ['U4'], rejectedBy: [] },
      }),
    ).toEqual({ primary: 'overload', secondary: 'memory-oom' });
    expect(labelOfVotes({ crash: { confirmedBy: [], rejectedBy: ['U1'] } })).toBeUndefined();
  });
});

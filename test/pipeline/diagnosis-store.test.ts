import { readFile } from 'node:fs/promises';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisDiagnosisStore } from '../../src/adapters/redis/redis-diagnosis-store.js';
import { storeKeys } from '../../src/adapters/redis/store-keys.js';
import type { IncidentRecord } from '../../src/app/diagnosis-store.js';
import { BatchLineSchema, type Incident, unwrapBatchLine } from '../../src/core/model/incident.js';
import { bundledCore } from '../support/core.js';
import { deletePrefix, SHARED_REDIS_URL, uniquePrefix } from '../support/shared-redis.js';

/**
 * The Redis diagnosis store as a worker uses it: what a job records and saves reads back whole, from the
 * process that wrote it and from any other; the answer lock serialises deliveries of one incident and hands
 * over the record read under it; marking an answer shown tells where the record stands.
 */

const prefix = uniquePrefix('store');
const one = new Redis(SHARED_REDIS_URL);
const two = new Redis(SHARED_REDIS_URL);
afterAll(async () => {
  one.disconnect();
  two.disconnect();
  await deletePrefix(prefix);
});

const core = await bundledCore();
const threads = (await readFile(new URL('../corpus/threads.jsonl', import.meta.url), 'utf8'))
  .split('\n')
  .filter((l) => l.trim())
  .slice(0, 12)
  .map((l) => unwrapBatchLine(BatchLineSchema.parse(JSON.parse(l))));

async function saved(store: ReturnType<typeof createRedisDiagnosisStore>, id: string, incident: Incident) {
  const upserted = await store.upsertIncident({
    incidentId: id,
    source: 'slack',
    createdAt: 1,
    jobId: `job-${id}`,
  });
  const { diagnosis, gathered } = await core.trace(incident, { incidentId: id });
  await store.saveDiagnosis(id, diagnosis, gathered.subject, incident);
  return { upserted, diagnosis, subject: gathered.subject };
}

describe('the Redis diagnosis store', () => {
  it('reads a saved diagnosis back as it was saved, in the writing process and in another', async () => {
    const writer = createRedisDiagnosisStore(one, { prefix, ttlS: 60 });
    const reader = createRedisDiagnosisStore(two, { prefix, ttlS: 60 });
    expect(threads.length).toBeGreaterThan(5);
    for (const [n, incident] of threads.entries()) {
      const id = `round-trip-${n}`;
      const { upserted, diagnosis, subject } = await saved(writer, id, incident);
      expect(upserted.diagnosed).toBe(false);
      const mine = await writer.get(id);
      const theirs = await reader.get(id);
      expect(mine?.diagnosis).toEqual(diagnosis);
      expect(theirs?.diagnosis).toEqual(diagnosis);
      expect(theirs?.subject).toEqual(subject);
      expect(theirs?.incident).toEqual(mine?.incident);
      expect(theirs).toEqual(mine);
      // A second job of the incident finds the diagnosis saved.
      const again = await writer.upsertIncident({
        incidentId: id,
        source: 'slack',
        createdAt: 2,
        jobId: `j2-${id}`,
      });
      expect(again.diagnosed).toBe(true);
    }
  });

  it('reads what another process wrote since, not what it wrote itself', async () => {
    const writer = createRedisDiagnosisStore(one, { prefix, ttlS: 60 });
    const [first, second] = threads;
    if (!first || !second) throw new Error('no incidents');
    const { diagnosis } = await saved(writer, 'rewritten', first);
    expect((await writer.get('rewritten'))?.diagnosis).toEqual(diagnosis);
    // Another process replaces the stored diagnosis (by hand, or a newer version of the bot).
    const other = await core.diagnose(second, { incidentId: 'rewritten' });
    expect(other).not.toEqual(diagnosis);
    await two.hset(storeKeys(prefix).incident('rewritten'), 'diagnosis', JSON.stringify(other));
    expect((await writer.get('rewritten'))?.diagnosis).toEqual(other);
    // A stored diagnosis that is not valid fails loudly, even where a valid one was read before.
    await two.hset(storeKeys(prefix).incident('rewritten'), 'diagnosis', '{"hypotheses":"none"}');
    await expect(writer.get('rewritten')).rejects.toThrow(/stored diagnosis of rewritten is invalid/);
  });

  it('hands the record read under the answer lock to the work, and undefined when there is none', async () => {
    const store = createRedisDiagnosisStore(one, { prefix, ttlS: 60 });
    const [incident] = threads;
    if (!incident) throw new Error('no incidents');
    await saved(store, 'locked', incident);
    const seen: (IncidentRecord | undefined)[] = [];
    await store.withAnswerLock('locked', async (record) => {
      seen.push(record);
    });
    await store.withAnswerLock('nothing-here', async (record) => {
      seen.push(record);
    });
    expect(seen[0]).toEqual(await store.get('locked'));
    expect(seen[0]?.jobs).toBe(1);
    expect(seen[1]).toBeUndefined();
  });

  it('tells where the record stands once an answer is marked shown', async () => {
    const store = createRedisDiagnosisStore(one, { prefix, ttlS: 60 });
    const [incident] = threads;
    if (!incident) throw new Error('no incidents');
    await saved(store, 'shown', incident);
    const record = await store.get('shown');
    if (!record) throw new Error('no record');
    const after = await store.markDelivered(
      'shown',
      { via: 'log' },
      { rev: record.rev, status: 'open', at: 5 },
    );
    expect(after).toEqual({ rev: record.rev, deliveredRev: record.rev });
    // A change made while the answer was being shown is seen in what marking it answers.
    await store.upsertIncident({
      incidentId: 'shown',
      source: 'alertmanager',
      createdAt: 1,
      jobId: 'j-group',
      group: {
        groupId: 'g-late',
        snapshot: { groupKey: 'g-late', status: 'firing', alerts: 1, firing: 1, names: ['ResetsHigh'] },
      },
    });
    const later = await store.markDelivered(
      'shown',
      { via: 'log' },
      { rev: record.rev, status: 'open', at: 6 },
    );
    expect(later).toEqual({ rev: record.rev + 1, deliveredRev: record.rev });
    expect(
      await store.markDelivered('gone', { via: 'log' }, { rev: 1, status: 'open', at: 7 }),
    ).toBeUndefined();
  });
});

/** Admitting a firing notification: the cancellation mark, the group's last resolution, claim and upsert. */
describe('admitGroup', () => {
  const store = createRedisDiagnosisStore(one, { prefix, ttlS: 60 });
  const snapshot = (groupKey: string) =>
    ({ groupKey, status: 'firing', alerts: 1, firing: 1, names: ['ResetsHigh'] }) as const;
  const request = (
    n: string,
    groupId: string,
    extra: { coalesceKey?: string; latestStart?: number } = {},
  ) => ({
    jobId: `admit-job-${n}`,
    groupId,
    snapshot: snapshot(groupId),
    incidentId: `admit-inc-${n}`,
    windowS: 60,
    source: 'alertmanager',
    createdAt: 1000,
    ...extra,
  });

  it('creates the incident of a new group and records the job and the snapshot in it', async () => {
    const admitted = await store.admitGroup(request('new', 'admit-g-new'));
    expect(admitted).toEqual({
      outcome: 'admitted',
      claim: { incidentId: 'admit-inc-new', joined: 'new' },
      changed: true,
      diagnosed: false,
    });
    const record = await store.get('admit-inc-new');
    expect(record?.groups).toEqual({ 'admit-g-new': snapshot('admit-g-new') });
    expect(record?.jobs).toBe(1);
    expect(await store.incidentOfGroup('admit-g-new')).toBe('admit-inc-new');
  });

  it("records a known group's next notification in the group's incident, not in the job's own", async () => {
    await store.admitGroup(request('first', 'admit-g-known'));
    const next = await store.admitGroup(request('next', 'admit-g-known'));
    expect(next).toEqual({
      outcome: 'admitted',
      claim: { incidentId: 'admit-inc-first', joined: 'group' },
      changed: false,
      diagnosed: false,
    });
    expect((await store.get('admit-inc-first'))?.jobs).toBe(2);
    expect(await store.get('admit-inc-next')).toBeUndefined();
  });

  it('joins the open incident of the same service/peer, and says whether its diagnosis is saved', async () => {
    const [incident] = threads;
    if (!incident) throw new Error('no incidents');
    await store.admitGroup(request('owner', 'admit-g-a', { coalesceKey: 'admit-svc' }));
    const { diagnosis, gathered } = await core.trace(incident, { incidentId: 'admit-inc-owner' });
    await store.saveDiagnosis('admit-inc-owner', diagnosis, gathered.subject);
    const joined = await store.admitGroup(request('joiner', 'admit-g-b', { coalesceKey: 'admit-svc' }));
    expect(joined).toEqual({
      outcome: 'admitted',
      claim: { incidentId: 'admit-inc-owner', joined: 'coalesced' },
      changed: true,
      diagnosed: true,
    });
    expect(Object.keys((await store.get('admit-inc-owner'))?.groups ?? {}).sort()).toEqual([
      'admit-g-a',
      'admit-g-b',
    ]);
  });

  it('skips a cancelled job, and a notification whose alerts all started before the group resolved', async () => {
    await store.cancelJob('admit-job-cancelled');
    expect(await store.admitGroup(request('cancelled', 'admit-g-c'))).toEqual({ outcome: 'cancelled' });
    await store.markGroupResolved('admit-g-r', 5000);
    expect(await store.admitGroup(request('stale', 'admit-g-r', { latestStart: 5000 }))).toEqual({
      outcome: 'stale',
    });
    // Nothing was claimed or recorded for either.
    expect(await store.incidentOfGroup('admit-g-c')).toBeUndefined();
    expect(await store.incidentOfGroup('admit-g-r')).toBeUndefined();
    expect(await store.get('admit-inc-stale')).toBeUndefined();
    // An alert that started after the resolution, or one whose start is unknown, is a new episode.
    const later = await store.admitGroup(request('later', 'admit-g-r', { latestStart: 5001 }));
    expect(later.outcome).toBe('admitted');
    await store.markGroupResolved('admit-g-r2', 5000);
    const unknown = await store.admitGroup(request('unknown', 'admit-g-r2'));
    expect(unknown.outcome).toBe('admitted');
  });
});

/** Answers of one incident are delivered by one worker at a time, across processes (two connections here). */
describe('withAnswerLock', () => {
  it('runs the deliveries of one incident one after the other, of different incidents side by side', async () => {
    const a = createRedisDiagnosisStore(one, { prefix, ttlS: 60 });
    const b = createRedisDiagnosisStore(two, { prefix, ttlS: 60 });
    const events: string[] = [];
    // No timing: `first` holds inc-1's lock until `other` (inc-2) has finished, which it can only do if
    // different incidents run side by side; `second` (inc-1) must wait for `first`.
    let releaseFirst: () => void = () => undefined;
    const otherDone = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    let firstHolds: () => void = () => undefined;
    const firstStarted = new Promise<void>((resolve) => {
      firstHolds = resolve;
    });
    const results = await Promise.all([
      a.withAnswerLock('inc-1', async () => {
        events.push('first start');
        firstHolds();
        await otherDone;
        events.push('first end');
        return 'first';
      }),
      firstStarted.then(() =>
        b.withAnswerLock('inc-1', async () => {
          events.push('second start');
          return 'second';
        }),
      ),
      firstStarted.then(() =>
        b.withAnswerLock('inc-2', async () => {
          events.push('other end');
          releaseFirst();
          return 'other';
        }),
      ),
    ]);
    expect(results).toEqual(['first', 'second', 'other']);
    const first = events.indexOf('first end');
    expect(events.indexOf('second start')).toBeGreaterThan(first);
    expect(events.indexOf('other end')).toBeLessThan(first);
  });

  it('is released when the work throws', async () => {
    const store = createRedisDiagnosisStore(one, { prefix, ttlS: 60 });
    await expect(
      store.withAnswerLock('inc-3', async () => {
        throw new Error('Slack refused');
      }),
    ).rejects.toThrow('Slack refused');
    expect(await store.withAnswerLock('inc-3', async () => 'again')).toBe('again');
  });
});

import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisDiagnosisStore } from '../../src/adapters/redis/redis-diagnosis-store.js';
import { storeKeys } from '../../src/adapters/redis/store-keys.js';
import type { DeliveryRef } from '../../src/app/diagnosis-store.js';
import type { Answer } from '../../src/app/notifier.js';
import { firingFor } from '../support/alertmanager-fixtures.js';
import { disposeBots, RecordingNotifier, startTestBot, type TestBot } from '../support/bot-harness.js';
import { SHARED_REDIS_URL, uniquePrefix } from '../support/shared-redis.js';
import { waitFor } from '../support/wait-for.js';

/**
 * A burst of alerts for one service, on the real Redis: coalescing folds them into one answer, and the
 * answer is updated at most once per ANSWER_UPDATE_INTERVAL_S instead of once per alert; a delayed follow-up
 * job shows the last state, and the resolution is shown at once.
 */

const INTERVAL_S = 1;
const ALERTS = 24;

/** Also notes when each answer was shown. */
class TimedNotifier extends RecordingNotifier {
  readonly shownAt: number[] = [];
  override async deliver(answer: Answer): Promise<DeliveryRef> {
    this.shownAt.push(Date.now());
    return super.deliver(answer);
  }
  override async update(answer: Answer, delivery: DeliveryRef): Promise<DeliveryRef | undefined> {
    this.shownAt.push(Date.now());
    return super.update(answer, delivery);
  }
}

function resolvedFor(alertname: string, service: string) {
  const firing = firingFor(alertname, service);
  return {
    ...firing,
    status: 'resolved',
    alerts: firing.alerts.map((a) => ({ ...a, status: 'resolved', endsAt: '2026-11-24T12:55:17.32Z' })),
  };
}

const bots: TestBot[] = [];
const storePrefix = uniquePrefix('shown');
const client = new Redis(SHARED_REDIS_URL);
afterAll(async () => {
  client.disconnect();
  await disposeBots(bots, [storePrefix]);
});

async function drained(t: TestBot) {
  await waitFor(
    'the queue to drain (follow-ups included)',
    async () => {
      const c = await t.bot.queue?.counts();
      return c !== undefined && c.waiting === 0 && c.active === 0 && c.delayed === 0 && c.prioritized === 0;
    },
    30_000,
  );
}

describe('answer updates in a burst of alerts', () => {
  it('one delivery, a few updates, and the last state shown once the follow-ups have run', async () => {
    const env = {
      QUEUE_NAME: `debounce-${randomBytes(4).toString('hex')}`,
      ANSWER_UPDATE_INTERVAL_S: String(INTERVAL_S),
      COALESCE_WINDOW_S: '600',
      WORKER_CONCURRENCY: '4',
    };
    const notifier = new TimedNotifier();
    const t = await startTestBot({ env, notifier });
    bots.push(t);
    const names = Array.from({ length: ALERTS }, (_, i) => `Resets${i}`);
    // The first alert is diagnosed and delivered; the burst then joins its answer.
    expect((await t.post(firingFor(names[0] ?? '', 'payments'))).status).toBe(202);
    await waitFor('the first answer', () => notifier.delivered.length === 1);
    const accepted = await Promise.all(names.slice(1).map((n) => t.post(firingFor(n, 'payments'))));
    expect(accepted.map((r) => r.status)).toEqual(names.slice(1).map(() => 202));
    await drained(t);
    expect(notifier.delivered).toHaveLength(1);
    const incidentId = notifier.delivered[0]?.incidentId ?? '';
    const last = notifier.latest(incidentId);
    expect(last?.alerts).toMatchObject({ total: ALERTS, groups: ALERTS, firing: ALERTS });
    expect(last?.summary).toMatch(new RegExp(`${ALERTS} alerts .* in ${ALERTS} groups`));
    const stored = await t.bot.store.get(incidentId);
    expect(stored?.deliveredRev).toBe(stored?.rev);

    // Without the spacing every alert after the first would have been an update.
    expect(notifier.updated.length).toBeLessThan((ALERTS - 1) / 3);
    // However long the burst took: no two shows of the answer within the interval (ms rounding aside).
    const gaps = notifier.shownAt.slice(1).map((t, i) => t - (notifier.shownAt[i] ?? 0));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(INTERVAL_S * 1000 - 50);

    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    const deferred = Number(/reset_doctor_answer_updates_deferred_total (\d+)/.exec(metrics)?.[1]);
    expect(deferred).toBeGreaterThan(0);
    expect(deferred + notifier.updated.length).toBeGreaterThanOrEqual(ALERTS - 1);
    // Deferred changes were left to follow-ups, which ran (the queue drained with its delayed jobs).
    const followUps = t.logs.lines.filter((l) => l.msg === 'job done' && String(l.jobId).startsWith('sync-'));
    expect(followUps.length).toBeGreaterThan(0);

    // The resolution of the last group resolves the incident: shown at once, without a follow-up.
    const before = notifier.updated.length;
    const resolved = await Promise.all(names.map((n) => t.post(resolvedFor(n, 'payments'))));
    expect(resolved.map((r) => r.status)).toEqual(names.map(() => 202));
    await drained(t);
    const final = notifier.latest(incidentId);
    expect(final).toMatchObject({ status: 'resolved', alerts: { firing: 0, total: ALERTS } });
    expect(notifier.updated.length - before).toBeLessThan((ALERTS - 1) / 3);
    const after = await t.bot.store.get(incidentId);
    expect(after).toMatchObject({ status: 'resolved', shownStatus: 'resolved' });
    expect(after?.deliveredRev).toBe(after?.rev);
    expect(notifier.delivered).toHaveLength(1);
  });
});

describe('the store', () => {
  it('remembers when the answer was shown and with which status, and reads records from before it did', async () => {
    const store = createRedisDiagnosisStore(client, { prefix: storePrefix, ttlS: 60 });
    await store.upsertIncident({ incidentId: 'inc-old', source: 'alertmanager', createdAt: 1, jobId: 'j1' });
    // A record delivered by a version that kept no `shownAt`/`shownStatus`.
    await client.hset(
      storeKeys(storePrefix).incident('inc-old'),
      'delivery',
      '{"via":"log"}',
      'deliveredRev',
      0,
    );
    const old = await store.get('inc-old');
    expect(old).toMatchObject({ deliveredRev: 0, delivery: { via: 'log' } });
    expect(old?.shownAt).toBeUndefined();
    expect(old?.shownStatus).toBeUndefined();

    await store.markDelivered('inc-old', { via: 'log' }, { rev: 2, status: 'resolved', at: 5000 });
    expect(await store.get('inc-old')).toMatchObject({
      deliveredRev: 2,
      shownAt: 5000,
      shownStatus: 'resolved',
    });
    // A late writer of an older revision changes nothing of what was shown.
    await store.markDelivered('inc-old', { via: 'log' }, { rev: 1, status: 'open', at: 6000 });
    expect(await store.get('inc-old')).toMatchObject({
      deliveredRev: 2,
      shownAt: 5000,
      shownStatus: 'resolved',
    });
  });
});

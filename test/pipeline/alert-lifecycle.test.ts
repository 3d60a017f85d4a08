import { afterAll, describe, expect, it } from 'vitest';
import { firingFor, fixture } from '../support/alertmanager-fixtures.js';
import { disposeBots, startTestBot, type TestBot } from '../support/bot-harness.js';
import { sleep, waitFor } from '../support/wait-for.js';

/**
 * Alertmanager notifications through the whole pipeline (HTTP intake → BullMQ on the real Redis → worker
 * → core → notifier): one diagnosis per alert group, updates instead of duplicates.
 */

const bots: TestBot[] = [];
afterAll(() => disposeBots(bots));

async function bot(options: Parameters<typeof startTestBot>[0] = {}): Promise<TestBot> {
  const b = await startTestBot(options);
  bots.push(b);
  return b;
}

/** Posts each body in turn and waits until the queue has finished with it. */
async function postAll(t: TestBot, bodies: readonly unknown[]) {
  const answers: { status: string; incidentId: string; jobId: string; cancelled?: string[] }[] = [];
  for (const body of bodies) {
    const r = await t.post(body);
    expect(r.status).toBe(202);
    answers.push((await r.json()) as (typeof answers)[number]);
    await settled(t);
  }
  return answers;
}

async function settled(t: TestBot) {
  await waitFor('the queue to drain', async () => {
    const c = await t.bot.queue?.counts();
    return c !== undefined && c.waiting === 0 && c.active === 0 && c.delayed === 0;
  });
}

describe('captured notifications', () => {
  it('firing (truncated) → partially resolved → resolved: one diagnosis, updated twice, "resolved after"', async () => {
    // The partial resolution comes right after the delivery: a follow-up a second later shows it.
    const t = await bot({ env: { ANSWER_UPDATE_INTERVAL_S: '1' } });
    const [firing] = await postAll(t, [
      fixture('firingTruncated'),
      fixture('partiallyResolved'),
      fixture('allResolved'),
    ]);
    expect(t.notifier.delivered).toHaveLength(1);
    const first = t.notifier.delivered[0];
    expect(first?.incidentId).toBe(firing?.incidentId);
    expect(first?.status).toBe('open');
    expect(first?.alerts).toMatchObject({ total: 3, firing: 3, groups: 1, names: ['HighLatency'] });
    expect(first?.subject.service).toBe('checkout');
    expect(t.notifier.updated.map((a) => [a.incidentId, a.status, a.alerts.firing])).toEqual([
      [firing?.incidentId, 'open', 2],
      [firing?.incidentId, 'resolved', 0],
    ]);
    const last = t.notifier.updated.at(-1);
    expect(last?.resolvedAfterS).toBe(15);
    expect(last?.summary).toMatch(/resolved after 15 s/);
    // The stored record is the one a later Slack delivery reads.
    const stored = await t.bot.store.get(firing?.incidentId ?? '');
    expect(stored).toMatchObject({ status: 'resolved', jobs: 2, delivery: { via: 'test' } });
    expect(stored?.diagnosis?.incidentId).toBe(firing?.incidentId);
    expect(stored?.deliveredRev).toBe(stored?.rev);
  });

  it.each([
    ['amtool-added', ['amtoolAdded'] as const],
    ['Prometheus rule fired then resolved', ['prometheusFiring', 'prometheusResolved'] as const],
  ])('%s: exactly one diagnosis', async (_, names) => {
    const t = await bot();
    await postAll(
      t,
      names.map((n) => fixture(n)),
    );
    expect(t.notifier.delivered).toHaveLength(1);
    expect(t.notifier.delivered[0]?.diagnosis.rulesVersion).toMatch(/^[0-9a-f]{12}$/);
    if (names.length === 2) {
      expect(t.notifier.updated).toHaveLength(1);
      expect(t.notifier.updated[0]?.summary).toMatch(/resolved after 11 s/);
    }
  });

  it('the same notification posted three times: one job, one diagnosis', async () => {
    const t = await bot();
    const body = fixture('prometheusFiring');
    const statuses = await Promise.all([t.post(body), t.post(body), t.post(body)]);
    expect(statuses.map((r) => r.status)).toEqual([202, 202, 202]);
    const replies = (await Promise.all(statuses.map((r) => r.json()))) as { status: string; jobId: string }[];
    expect(new Set(replies.map((r) => r.jobId)).size).toBe(1);
    await settled(t);
    await sleep(200);
    expect(t.notifier.delivered).toHaveLength(1);
    expect(t.notifier.updated).toHaveLength(0);
    expect((await t.bot.queue?.counts())?.completed).toBe(1);
    // Every worker line about the job carries its incident id.
    const about = t.logs.lines.filter((l) => l.jobId === replies[0]?.jobId);
    expect(about.length).toBeGreaterThan(2);
    for (const l of about) expect(l.incidentId).toBe(t.notifier.delivered[0]?.incidentId);
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(/reset_doctor_jobs_completed_total\{outcome="diagnosed"\} 1/);
    expect(metrics).toMatch(/reset_doctor_diagnosis_latency_seconds_count 1/);
    expect(metrics).toMatch(/reset_doctor_answers_total\{cause="[a-z-]+"\} 1/);
  });

  it('a late notification of alerts that already resolved is ignored', async () => {
    const t = await bot();
    await postAll(t, [fixture('prometheusFiring'), fixture('prometheusResolved')]);
    // The same alert as a new job (another receiver's copy, say): it started before the group resolved.
    const late = fixture('prometheusFiring');
    const alerts = late.alerts as Record<string, unknown>[];
    await postAll(t, [{ ...late, alerts: alerts.map((a) => ({ ...a, fingerprint: 'ffffffffffffffff' })) }]);
    expect(t.notifier.delivered).toHaveLength(1);
    // A new firing of the group after the resolution is a new incident.
    await postAll(t, [
      {
        ...late,
        alerts: alerts.map((a) => ({
          ...a,
          startsAt: '2026-11-24T13:00:00Z',
          fingerprint: 'eeeeeeeeeeeeeeee',
        })),
      },
    ]);
    expect(t.notifier.delivered).toHaveLength(2);
  });
});

describe('storms', () => {
  it('alert groups for one service within the window coalesce into one diagnosis that counts them', async () => {
    const t = await bot({
      env: { COALESCE_WINDOW_S: '60', WORKER_CONCURRENCY: '4', ANSWER_UPDATE_INTERVAL_S: '1' },
    });
    const names = ['ResetsHigh', 'Errors5xx', 'LatencyHigh', 'UpstreamResets', 'PodRestarts'];
    const replies = await Promise.all(names.map((n) => t.post(firingFor(n, 'payments'))));
    expect(replies.map((r) => r.status)).toEqual(names.map(() => 202));
    // Another service is another diagnosis.
    expect((await t.post(firingFor('ResetsHigh', 'search'))).status).toBe(202);
    await settled(t);
    await waitFor('the last update', () => {
      const latest = t.notifier.latest(
        t.notifier.delivered.find((a) => a.subject.service === 'payments')?.incidentId ?? '',
      );
      return latest?.alerts.groups === 5 ? latest : undefined;
    });
    expect(t.notifier.delivered.map((a) => a.subject.service).sort()).toEqual(['payments', 'search']);
    const payments = t.notifier.delivered.find((a) => a.subject.service === 'payments');
    const latest = t.notifier.latest(payments?.incidentId ?? '');
    expect(latest?.alerts).toMatchObject({ total: 5, groups: 5 });
    expect(latest?.summary).toMatch(/5 alerts .* in 5 groups/);
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(/reset_doctor_alerts_coalesced_total 4/);
  });

  it('with COALESCE_WINDOW_S=0 each group gets its own diagnosis', async () => {
    const t = await bot({ env: { COALESCE_WINDOW_S: '0' } });
    await postAll(t, [firingFor('ResetsHigh', 'payments'), firingFor('Errors5xx', 'payments')]);
    expect(t.notifier.delivered).toHaveLength(2);
  });
});

describe('resolution before diagnosis', () => {
  it('a group that resolves while its diagnosis waits in the queue cancels it', async () => {
    const intake = await bot({ role: 'intake' });
    const firing = fixture('prometheusFiring');
    const r1 = await intake.post(firing);
    const a1 = (await r1.json()) as { jobId: string };
    const r2 = await intake.post(fixture('prometheusResolved'));
    expect(r2.status).toBe(202);
    expect(await r2.json()).toMatchObject({ status: 'accepted', cancelled: [a1.jobId] });
    // A late copy of the firing notification (HA peer) comes back in: it is skipped too.
    expect((await intake.post(firing)).status).toBe(202);

    const worker = await bot({ role: 'worker', prefix: intake.config.queue.prefix });
    await settled(intake);
    await sleep(100);
    expect(worker.notifier.delivered).toHaveLength(0);
    const outcomes = worker.logs.lines.filter((l) => l.msg === 'job done').map((l) => l.outcome);
    expect(outcomes.sort()).toEqual(['cancelled', 'resolved-undiagnosed']);
  });
});

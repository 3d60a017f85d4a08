import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../support/alertmanager-fixtures.js';
import { disposeBots, startTestBot, type TestBot, TOKEN } from '../support/bot-harness.js';

/** POST /alertmanager on the real HTTP server and the real Redis, intake only (no worker takes the jobs). */

let t: TestBot;

beforeAll(async () => {
  t = await startTestBot({ role: 'intake', env: { WEBHOOK_MAX_BYTES: '4096' } });
});
afterAll(() => disposeBots([t]));

const queued = async () => {
  const c = await t.bot.queue?.counts();
  return Object.values(c ?? {}).reduce((a, b) => a + b, 0);
};

const errorOf = async (r: Response) =>
  ((await r.json()) as { error: { code: string; message: string } }).error;

describe('POST /alertmanager rejects, and enqueues nothing for', () => {
  const body = fixture('amtoolAdded');

  it.each([
    ['no token', { token: null }],
    ['a wrong token', { token: 'test-token-124' }],
    ['a token prefix', { token: TOKEN.slice(0, -1) }],
    ['an empty bearer', { token: '' }],
  ])('%s: 401', async (_, init) => {
    const r = await t.post(body, init);
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await errorOf(r)).code).toBe('UNAUTHORIZED');
  });

  it('basic auth instead of a bearer token: 401', async () => {
    const r = await fetch(`${t.url}/alertmanager`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`,
      },
      body: JSON.stringify(body),
    });
    expect(r.status).toBe(401);
  });

  it('malformed JSON: 400', async () => {
    const r = await t.post(undefined, { raw: '{"receiver": "bot", "alerts": [' });
    expect(r.status).toBe(400);
    const e = await errorOf(r);
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toMatch(/not valid JSON/);
  });

  it.each([
    [
      'an alert without its fingerprint',
      { alerts: [{ status: 'firing', labels: { a: 'b' } }] },
      /alerts\[0\]\.fingerprint/,
    ],
    ['payload version 3', { version: '3' }, /version/],
    ['no group key', { groupKey: undefined }, /groupKey/],
    ['no alerts', { alerts: [] }, /alerts/],
    ['a status that is neither firing nor resolved', { status: 'pending' }, /status/],
  ])('%s: 400 naming what is wrong', async (_, change, field) => {
    const r = await t.post({ ...body, ...change });
    expect(r.status).toBe(400);
    const e = await errorOf(r);
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toMatch(field);
  });

  it('a body over WEBHOOK_MAX_BYTES: 413', async () => {
    const big = { ...body, commonAnnotations: { summary: 'x'.repeat(5000) } };
    const r = await t.post(big);
    expect(r.status).toBe(413);
    expect((await errorOf(r)).code).toBe('INPUT_TOO_LARGE');
  });

  it('a body that is not JSON: 415', async () => {
    const r = await t.post(undefined, {
      raw: 'status=firing',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(r.status).toBe(415);
  });

  it('...and none of those put anything in Redis', async () => {
    expect(await queued()).toBe(0);
  });
});

describe('POST /alertmanager accepts', () => {
  it('a captured notification with 202 once the job is in Redis; a redelivery is a no-op', async () => {
    const body = fixture('firingTruncated');
    const r1 = await t.post(body);
    expect(r1.status).toBe(202);
    const a1 = (await r1.json()) as { status: string; incidentId: string; jobId: string };
    expect(a1.status).toBe('accepted');
    expect(a1.jobId).toMatch(/^am-[0-9a-f]{40}$/);
    expect(a1.incidentId).toMatch(/^inc-[0-9a-f]{12}$/);
    expect((await t.bot.queue?.counts())?.waiting).toBe(1);

    for (let i = 0; i < 2; i++) {
      const r = await t.post(body);
      expect(r.status).toBe(202);
      expect(await r.json()).toMatchObject({
        status: 'duplicate',
        jobId: a1.jobId,
        incidentId: a1.incidentId,
      });
    }
    expect(await queued()).toBe(1);
    // The intake log line carries the incident id.
    const line = t.logs.lines.find((l) => l.msg === 'alert accepted');
    expect(line).toMatchObject({ incidentId: a1.incidentId, jobId: a1.jobId });
    // The token never reaches the log.
    expect(JSON.stringify(t.logs.lines)).not.toContain(TOKEN);
  });

  it('the same alerts in another order as the same job (an HA peer); a status change as a new one', async () => {
    const body = fixture('firingTruncated');
    const alerts = body.alerts as unknown[];
    const reordered = { ...body, alerts: [...alerts].reverse() };
    const r = await t.post(reordered);
    expect(await r.json()).toMatchObject({ status: 'duplicate' });
    const changed = await t.post(fixture('partiallyResolved'));
    expect(await changed.json()).toMatchObject({ status: 'accepted' });
  });
});

describe('health, readiness, metrics', () => {
  it('GET /healthz and /readyz answer 200 with Redis up', async () => {
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { redis: 'ok' } });
  });

  it('GET /metrics counts webhook outcomes and the queue depth', async () => {
    const r = await fetch(`${t.url}/metrics`);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await r.text();
    expect(text).toMatch(/reset_doctor_webhook_requests_total\{outcome="unauthorized"\} 5/);
    expect(text).toMatch(/reset_doctor_webhook_requests_total\{outcome="invalid"\} 7/);
    expect(text).toMatch(/reset_doctor_webhook_requests_total\{outcome="too_large"\} 1/);
    expect(text).toMatch(/reset_doctor_webhook_requests_total\{outcome="duplicate"\} 3/);
    expect(text).toMatch(/reset_doctor_jobs_received_total\{source="alertmanager"\} 2/);
    expect(text).toMatch(/reset_doctor_queue_depth\{state="waiting"\} 2/);
    for (const name of [
      'jobs_completed_total',
      'jobs_failed_total',
      'diagnosis_latency_seconds',
      'answers_total',
      'rule_hits_total',
      'prometheus_errors_total',
      'slack_errors_total',
    ])
      expect(text).toContain(`reset_doctor_${name}`);
  });

  it('unknown routes: 404 in the same error shape', async () => {
    const r = await fetch(`${t.url}/nope`);
    expect(r.status).toBe(404);
    expect((await errorOf(r)).code).toBe('NOT_FOUND');
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { firingFor, fixture } from '../support/alertmanager-fixtures.js';
import { startTestBot, type TestBot } from '../support/bot-harness.js';
import { type PrivateRedis, startPrivateRedis } from '../support/private-redis.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Redis going away, on a redis-server of the test's own: intake answers 503 (Alertmanager retries), the
 * redelivery is diagnosed once Redis is back, and what was acknowledged with 202 survives a Redis crash
 * and restart with AOF on.
 */

const bots: TestBot[] = [];
const servers: PrivateRedis[] = [];
afterAll(async () => {
  await Promise.all(bots.map((b) => b.stop()));
  await Promise.all(servers.map((s) => s.dispose()));
});

async function bot(redis: PrivateRedis, options: Parameters<typeof startTestBot>[0] = {}) {
  const b = await startTestBot({ redisUrl: redis.url, ...options });
  bots.push(b);
  return b;
}

describe('Redis outages', { timeout: 180_000 }, () => {
  it('Redis stopped: 503 at once; Redis back: the redelivered alert is diagnosed', async () => {
    const redis = await startPrivateRedis({ aof: true });
    servers.push(redis);
    const t = await bot(redis);
    expect((await t.post(fixture('amtoolAdded'))).status).toBe(202);
    await waitFor('the first answer', () => t.notifier.delivered.length === 1, 60_000);

    await redis.stop('SIGKILL');
    const body = fixture('prometheusFiring');
    const during = await t.post(body);
    expect(during.status).toBe(503);
    expect(((await during.json()) as { error: { code: string } }).error.code).toBe('REDIS_UNAVAILABLE');
    expect((await fetch(`${t.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);

    await redis.start();
    await waitFor('readiness', async () => (await fetch(`${t.url}/readyz`)).status === 200, 60_000);
    // Alertmanager's retry:
    const retry = await t.post(body);
    expect(retry.status).toBe(202);
    expect(await retry.json()).toMatchObject({ status: 'accepted' });
    await waitFor('the second answer', () => t.notifier.delivered.length === 2, 60_000);
    expect(t.notifier.delivered[1]?.alerts.names).toEqual(['CheckoutErrorRatioHigh']);
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(/reset_doctor_webhook_requests_total\{outcome="unavailable"\} 1/);
  });

  it('everything acknowledged with 202 survives a Redis crash and restart with AOF on', async () => {
    const redis = await startPrivateRedis({ aof: true });
    servers.push(redis);
    const intake = await bot(redis, { role: 'intake' });
    const accepted: string[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await intake.post(firingFor(`Aof${i}`, `aof-${i}`));
      expect(r.status).toBe(202);
      accepted.push(((await r.json()) as { incidentId: string }).incidentId);
    }
    await redis.stop('SIGKILL');
    await redis.start();
    const worker = await bot(redis, { role: 'worker', prefix: intake.config.queue.prefix });
    await waitFor('20 answers', () => worker.notifier.delivered.length === 20, 60_000);
    expect(worker.notifier.delivered.map((a) => a.incidentId).sort()).toEqual([...accepted].sort());
  });
});

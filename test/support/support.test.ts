import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startAlertmanager } from './deploy-alertmanager.js';
import { startPrometheus } from './deploy-prometheus.js';
import { stopAllProcesses } from './processes.js';
import { parsePromText, sumOf } from './prom-text.js';
import { startRedis } from './redis.js';
import { startWebhookSink } from './webhook-sink.js';

/** The helpers other tests build on: each starts the real thing, answers, and stops cleanly. */

afterAll(stopAllProcesses);

describe('test support', () => {
  it('starts a private Redis on a free port and stops it', async () => {
    const redis = await startRedis();
    expect(await redis.command('PING')).toBe('+PONG');
    await redis.stop();
    expect(redis.process.isRunning()).toBe(false);
    await expect(redis.command('PING')).rejects.toThrow();
  });

  it('runs the deploy Prometheus configuration with local targets, and queries it', async () => {
    const sink = await startWebhookSink();
    const prometheus = await startPrometheus({
      staticTargets: { prometheus: ['127.0.0.1:1'] },
      scrapeInterval: '1s',
      evaluationInterval: '1s',
    });
    // Only the jobs pointed somewhere are kept; the rule files are the repository's.
    const jobs = z
      .array(z.object({ job_name: z.string() }))
      .parse(prometheus.config.scrape_configs)
      .map((j) => j.job_name);
    expect(jobs).toEqual(['prometheus']);
    expect(String(prometheus.config.rule_files)).toMatch(/deploy\/prometheus\/rules\/\*\.yml$/);
    const up = await prometheus.query('vector(1)');
    expect(up[0]?.value).toBe(1);
    await prometheus.stop();
    await sink.close();
  });

  it('runs the deploy Alertmanager configuration against a local webhook with a bearer token', async () => {
    const sink = await startWebhookSink({ token: 'secret-1' });
    const am = await startAlertmanager({ webhookUrl: sink.url, bearerToken: 'secret-1', groupWait: '1s' });
    const res = await fetch(`${am.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ labels: { alertname: 'SupportCheck', namespace: 'lab', service: 'x' } }]),
    });
    expect(res.status).toBe(200);
    const got = await sink.waitFor(() => true, 30_000);
    expect(got.headers.authorization).toBe('Bearer secret-1');
    expect(got.status).toBe(200);
    await am.stop();
    await sink.close();
  });

  it('reads the Prometheus text format', () => {
    const samples = parsePromText(
      '# HELP x y\nlab_client_errors_total{peer="a",error="socket \\"hang\\" up"} 3\nlab_client_errors_total{peer="b"} 2 1700000000\nup 1\n',
    );
    expect(sumOf(samples, 'lab_client_errors_total')).toBe(5);
    expect(samples[0]?.labels.error).toBe('socket "hang" up');
    expect(sumOf(samples, 'up')).toBe(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackStandIn, startSlackStandIn } from '../slack/support/slack-stand-in.js';
import { firingFor } from '../support/alertmanager-fixtures.js';
import { freePort } from '../support/prometheus.js';
import { type Product, sample, slackEnv, startProduct } from './support/product.js';

/** GET /metrics tells what the bot did: jobs, answers by cause, rule hits, latency, Prometheus and Slack errors. */

let standIn: SlackStandIn;
let product: Product;

beforeAll(async () => {
  standIn = await startSlackStandIn();
  // Nothing listens at PROMETHEUS_URL: every diagnosis is degraded and the errors are counted.
  product = await startProduct({
    ...slackEnv(standIn),
    PROMETHEUS_URL: `http://127.0.0.1:${await freePort()}`,
  });
});
afterAll(async () => {
  await product?.stop();
  await standIn?.close();
});

const NAMES = [
  'reset_doctor_jobs_received_total',
  'reset_doctor_jobs_completed_total',
  'reset_doctor_answers_total',
  'reset_doctor_rule_hits_total',
  'reset_doctor_diagnosis_latency_seconds_count',
  'reset_doctor_prometheus_errors_total',
  'reset_doctor_slack_errors_total',
] as const;

describe('/metrics', () => {
  it('moves with a diagnosis', async () => {
    const before = await product.metrics();
    for (const name of NAMES) expect(sample(before, name)).toBe(0);

    // Slack answers the first post with a 500; the delivery retries and gets through.
    standIn.script('chat.postMessage', { status: 500 });
    const alert = firingFor('ConnResets', 'checkout');
    const annotations = { summary: 'accept EMFILE on checkout', description: 'Too many open files' };
    const r = await product.alert({
      ...alert,
      alerts: alert.alerts.map((a) => ({ ...a, annotations })),
      commonAnnotations: annotations,
    });
    expect(r.status).toBe(202);
    await product.settled();
    await standIn.waitFor(() => standIn.okCallsOf('chat.postMessage').length >= 1, 15_000, 'the answer');

    const after = await product.metrics();
    expect(sample(after, 'reset_doctor_jobs_received_total', { source: 'alertmanager' })).toBe(1);
    expect(sample(after, 'reset_doctor_jobs_completed_total', { outcome: 'diagnosed' })).toBe(1);
    expect(sample(after, 'reset_doctor_answers_total', { cause: 'fd-exhaustion' })).toBe(1);
    expect(sample(after, 'reset_doctor_rule_hits_total', { rule: 'fd.limit-words' })).toBe(1);
    expect(sample(after, 'reset_doctor_diagnosis_latency_seconds_count')).toBe(1);
    expect(sample(after, 'reset_doctor_prometheus_errors_total', { kind: 'unreachable' })).toBeGreaterThan(0);
    expect(sample(after, 'reset_doctor_slack_errors_total', { method: 'chat.postMessage' })).toBe(1);
    expect(sample(after, 'reset_doctor_webhook_requests_total', { outcome: 'accepted' })).toBe(1);
    // The answer was degraded: the record says so.
    const line = product.logs.lines.find((l) => l.msg === 'diagnosed');
    expect(line?.degraded).toBe(true);
  });
});

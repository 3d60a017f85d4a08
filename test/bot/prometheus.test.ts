import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AT, openMetrics, SCENARIOS } from '../prometheus/fixtures/scenarios.js';
import { eventBody } from '../slack/support/bot-harness.js';
import { type SlackStandIn, startSlackStandIn } from '../slack/support/slack-stand-in.js';
import { firingFor } from '../support/alertmanager-fixtures.js';
import { type RunningPrometheus, startPrometheus } from '../support/prometheus.js';
import { waitFor } from '../support/wait-for.js';
import { type Product, sample, slackEnv, startProduct } from './support/product.js';

/**
 * PROMETHEUS_URL pointing at a real Prometheus (Debian's, serving the recorded scenarios): the worker's
 * diagnosis of an alert reads the metrics around the alert's start, the Slack answer gets the key metric's
 * chart; with Prometheus gone the answer still comes, degraded, and the errors are counted.
 */

let prom: RunningPrometheus;
let standIn: SlackStandIn;
let product: Product;

beforeAll(async () => {
  [prom, standIn] = await Promise.all([startPrometheus(openMetrics()), startSlackStandIn()]);
  product = await startProduct({
    ...slackEnv(standIn),
    PROMETHEUS_URL: prom.url,
    PROMETHEUS_CORRELATION_RANGE: '2h',
  });
}, 60_000);
afterAll(async () => {
  await product?.stop();
  await Promise.all([prom?.stop(), standIn?.close()]);
});

const AT_ISO = new Date(AT).toISOString();

async function diagnosisOf(body: unknown) {
  const r = await product.alert(body);
  expect(r.status).toBe(202);
  const { incidentId } = (await r.json()) as { incidentId: string };
  await product.settled();
  const record = await product.assembled.bot.store.get(incidentId);
  if (!record?.diagnosis) throw new Error(`no diagnosis for ${incidentId}`);
  return { incidentId, record, diagnosis: record.diagnosis };
}

describe('the worker with Prometheus', () => {
  it('diagnoses from the metrics around the alert, fills in where the pods run, and charts the key metric', async () => {
    const sc = SCENARIOS['memory-oom'];
    const { incidentId, record, diagnosis } = await diagnosisOf(
      firingFor('ServiceErrors', sc.service, AT_ISO),
    );
    expect(diagnosis.degraded).toBe(false);
    expect(diagnosis.hypotheses[0]?.cause).toBe('memory-oom');
    expect(diagnosis.hypotheses[0]?.evidence.some((e) => e.for && e.source.startsWith('metric:'))).toBe(true);
    expect(diagnosis.facts.restarts).toBe(1);
    // Discovered in Prometheus: the namespace, pod and node the commands name.
    expect(record.subject).toMatchObject({ service: sc.service, namespace: sc.namespace, pod: sc.pod });
    const commands = diagnosis.hypotheses.flatMap((h) => h.nextSteps.map((n) => n.command)).join('\n');
    expect(commands).toContain(`-n '${sc.namespace}'`);

    // The answer in the alert channel, and the key metric's chart in its thread.
    await standIn.waitFor(
      () => standIn.okCallsOf('files.completeUploadExternal').length >= 1,
      15_000,
      'the chart',
    );
    const root = standIn.okCallsOf('chat.postMessage').find((c) => String(c.body.text).includes(incidentId));
    const complete = standIn.okCallsOf('files.completeUploadExternal')[0];
    expect(complete?.body.channel_id).toBe('C0ALERTS');
    expect(complete?.body.thread_ts).toBe(root?.response?.ts);
    const png = standIn.uploads[0]?.bytes ?? Buffer.alloc(0);
    expect(png.includes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(JSON.stringify(complete?.body.files)).toMatch(
      /(oom|restarts|memory)\w* around the failure \(cart\)/,
    );

    // "why not" in the alert thread reasons with the readings the answer was made with.
    const rootTs = String(root?.response?.ts);
    await product.slackEvent(
      eventBody('why not memory-oom', {
        type: 'message',
        channel: 'C0ALERTS',
        threadTs: rootTs,
        channelType: 'channel',
      }),
    );
    await standIn.waitFor(
      () =>
        standIn.okCallsOf('chat.postMessage').some((c) => String(c.body.text).includes('why not memory-oom')),
      10_000,
      'the why-not reply',
    );
    const why = standIn
      .okCallsOf('chat.postMessage')
      .find((c) => String(c.body.text).includes('why not memory-oom'));
    expect(why?.body.thread_ts).toBe(rootTs);
    const reasoning = JSON.stringify(why?.body.blocks);
    expect(reasoning).toContain('*Fired*');
    expect(reasoning).toContain(`\`${diagnosis.hypotheses[0]?.rules[0]}\``);

    const metrics = await product.metrics();
    expect(sample(metrics, 'reset_doctor_prometheus_queries_total', { result: 'sent' })).toBeGreaterThan(0);
    expect(sample(metrics, 'reset_doctor_prometheus_errors_total')).toBe(0);
  });

  it('with Prometheus gone the answer still comes, degraded, and the errors are counted', async () => {
    await prom.stop();
    const sc = SCENARIOS['conntrack-exhaustion'];
    const { incidentId, diagnosis } = await diagnosisOf(firingFor('ServiceErrors', sc.service, AT_ISO));
    expect(diagnosis.degraded).toBe(true);
    expect(diagnosis.warnings.join('\n')).toMatch(/Prometheus|query failed|unreachable|ECONNREFUSED/i);
    await standIn.waitFor(
      () => standIn.okCallsOf('chat.postMessage').some((c) => String(c.body.text).includes(incidentId)),
      15_000,
      'the degraded answer',
    );
    const answer = standIn
      .okCallsOf('chat.postMessage')
      .find((c) => String(c.body.text).includes(incidentId));
    expect(JSON.stringify(answer?.body.blocks)).toContain('Metrics could not be fetched');
    await waitFor(
      'Prometheus errors counted',
      async () =>
        sample(await product.metrics(), 'reset_doctor_prometheus_errors_total', { kind: 'unreachable' }) >
          0 || undefined,
    );
  });
});

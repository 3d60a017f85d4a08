import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Incident } from '../../src/core/model/incident.js';
import { bundledCore } from '../support/core.js';
import { type AlertmanagerProcess, startAlertmanager } from '../support/deploy-alertmanager.js';
import { type PrometheusProcess, startPrometheus } from '../support/deploy-prometheus.js';
import { type LabProcess, startLab } from '../support/lab.js';
import { stopAllProcesses } from '../support/processes.js';
import { type ReceivedRequest, startWebhookSink, type WebhookSink } from '../support/webhook-sink.js';

/**
 * The deploy/ configuration, run for real: every lab scenario produces its resets, the real Prometheus
 * scrapes the lab (HTTP service discovery) and evaluates deploy/prometheus/rules, the real Alertmanager
 * routes the alerts with deploy/alertmanager/alertmanager.yml to a webhook with bearer auth. Each
 * notification carries the labels reset-doctor maps to incident fields and annotations that describe the
 * symptom well enough for the core to name the scenario's cause first. (The bot, its queue and Slack join
 * this loop in the end-to-end test of phase 2; here a local receiver stands in for the bot's webhook.)
 */

const TOKEN = 'lab-alertmanager-token';

const Notification = z.object({
  version: z.literal('4'),
  status: z.enum(['firing', 'resolved']),
  groupKey: z.string(),
  groupLabels: z.record(z.string(), z.string()),
  alerts: z
    .array(
      z.object({
        status: z.string(),
        labels: z.record(z.string(), z.string()),
        annotations: z.object({ summary: z.string().min(10), description: z.string().min(10) }),
      }),
    )
    .min(1),
});
type Notification = z.infer<typeof Notification>;

let sink: WebhookSink;
let am: AlertmanagerProcess;
let lab: LabProcess;
let prometheus: PrometheusProcess;

beforeAll(async () => {
  sink = await startWebhookSink({ token: TOKEN });
  am = await startAlertmanager({
    webhookUrl: sink.url,
    bearerToken: TOKEN,
    groupWait: '1s',
    groupInterval: '2s',
  });
  lab = await startLab({ scenarios: ['all'] });
  prometheus = await startPrometheus({
    httpSd: { 'reset-lab': lab.targetsUrl },
    alertmanagers: [am.address],
    scrapeInterval: '1s',
    evaluationInterval: '1s',
  });
}, 90_000);

afterAll(async () => {
  await prometheus?.stop();
  await am?.stop();
  await sink?.close();
  await stopAllProcesses();
});

function notificationFor(group: Readonly<Record<string, string>>): (r: ReceivedRequest) => boolean {
  return (r) => {
    const n = Notification.safeParse(r.body);
    return (
      n.success &&
      n.data.status === 'firing' &&
      Object.entries(group).every(([k, v]) => n.data.groupLabels[k] === v)
    );
  };
}

async function firing(group: Readonly<Record<string, string>>): Promise<Notification> {
  const request = await sink.waitFor(notificationFor(group), 120_000);
  expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
  expect(request.status).toBe(200);
  return Notification.parse(request.body);
}

async function topCause(incident: Incident): Promise<{ cause: string | undefined; ranking: string }> {
  const d = await (await bundledCore()).diagnose(incident);
  return {
    cause: d.hypotheses[0]?.cause,
    ranking: d.hypotheses
      .map((h) => `${h.cause} ${h.confidence.toFixed(2)} [${h.rules.join(', ')}]`)
      .join('\n'),
  };
}

/** What a worker that also reads the annotations as log text would diagnose (recommended for phase 2). */
function withAnnotationsAsLog(n: Notification): Incident {
  return {
    alert: n,
    log: n.alerts.flatMap((a) => [a.annotations.summary, a.annotations.description]).join('\n'),
  };
}

describe('deploy/: lab -> Prometheus rules -> Alertmanager -> webhook with bearer auth', {
  timeout: 150_000,
}, () => {
  it('keep-alive: the caller alert names the reused, idle connections; the alert alone diagnoses keepalive-mismatch', async () => {
    const n = await firing({ alertname: 'UpstreamConnectionResets', service: 'checkout', peer: 'inventory' });
    const a = n.alerts[0];
    expect(a?.labels).toMatchObject({
      namespace: 'lab',
      service: 'checkout',
      peer: 'inventory',
      code: 'ECONNRESET',
    });
    expect(a?.labels.instance).toBe('127.0.0.1');
    expect(a?.annotations.summary).toMatch(/failed with "(?:socket hang up|read ECONNRESET)" \(ECONNRESET\)/);
    expect(a?.annotations.description).toMatch(
      /reused from its keep-alive pool\. The failed requests went out on connections that had been idle for (?:1\.9\d*|2(?:\.\d+)?)s\./,
    );
    const { cause, ranking } = await topCause({ alert: n });
    expect(cause, ranking).toBe('keepalive-mismatch');
  });

  it('unread body: the caller alert quotes write EPIPE and the peer 413s; the alert alone diagnoses unread-data-close', async () => {
    const n = await firing({ alertname: 'UpstreamConnectionResets', service: 'gallery', peer: 'media' });
    const text = n.alerts.map((a) => a.annotations.description).join('\n');
    expect(text).toMatch(/"(?:write EPIPE|read ECONNRESET)"/);
    expect(text).toMatch(/media answered 413 to \d+ requests in the last 5 minutes\./);
    const { cause, ranking } = await topCause({ alert: n });
    expect(cause, ranking).toBe('unread-data-close');
    const server = await firing({ alertname: 'PayloadTooLarge', service: 'media' });
    expect((await topCause({ alert: server })).cause).toBe('unread-data-close');
  });

  it('crash: the peer crash-loops and the caller alert says so; both diagnose crash', async () => {
    const loop = await firing({ alertname: 'ServiceCrashLooping', service: 'payments' });
    expect(loop.alerts[0]?.annotations.description).toMatch(/last exit code 1\./);
    expect((await topCause({ alert: loop })).cause).toBe('crash');
    const n = await firing({ alertname: 'UpstreamConnectionResets', service: 'orders', peer: 'payments' });
    expect(n.alerts.map((a) => a.annotations.description).join('\n')).toMatch(
      /payments restarted \d+ times in the last 10 minutes\./,
    );
    const { cause, ranking } = await topCause({ alert: n });
    expect(cause, ranking).toBe('crash');
  });

  it('TLS port spoken to in plaintext: the server alert diagnoses protocol-mismatch; the caller alert does once its text is read as log', async () => {
    const server = await firing({ alertname: 'TLSHandshakeErrors', service: 'ledger' });
    expect(server.alerts[0]?.labels.code).toBe('ERR_SSL_HTTP_REQUEST');
    expect((await topCause({ alert: server })).cause).toBe('protocol-mismatch');
    const n = await firing({ alertname: 'UpstreamConnectionResets', service: 'billing', peer: 'ledger' });
    expect(n.alerts[0]?.annotations.description).toMatch(
      /ledger dropped \d+ connections during the TLS handshake \(ERR_SSL_HTTP_REQUEST\)\./,
    );
    const { cause, ranking } = await topCause(withAnnotationsAsLog(n));
    expect(cause, ranking).toBe('protocol-mismatch');
  });

  it('port exhaustion: the caller alert quotes EADDRNOTAVAIL and the TIME_WAIT count; diagnosed once its text is read as log', async () => {
    const n = await firing({
      alertname: 'UpstreamConnectFailures',
      service: 'batch-export',
      peer: 'catalog',
    });
    expect(n.alerts[0]?.labels).toMatchObject({ code: 'EADDRNOTAVAIL', error: 'connect EADDRNOTAVAIL' });
    expect(n.alerts[0]?.annotations.description).toMatch(
      /batch-export has \d+ sockets in TIME_WAIT of 64 ephemeral ports\./,
    );
    const { cause, ranking } = await topCause(withAnnotationsAsLog(n));
    expect(cause, ranking).toBe('port-exhaustion');
  });

  it('every notification was authorised with the bearer token', () => {
    expect(sink.requests.length).toBeGreaterThan(0);
    for (const r of sink.requests) {
      expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(r.status).toBe(200);
    }
  });
});

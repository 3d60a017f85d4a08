import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventBody } from '../slack/support/bot-harness.js';
import { parsePromText, type Sample, sumOf } from '../support/prom-text.js';
import { waitFor } from '../support/wait.js';
import { ALERT_CHANNEL, type AlertAnswer, type Stack, startStack } from './support/stack.js';

/**
 * The whole loop, as a team runs it, without Docker: the reset lab produces real resets on real sockets,
 * Prometheus scrapes it and fires the shipped alerting rules, Alertmanager posts the alert groups to the
 * bot with its bearer token, the bot queues them in Redis, a worker reads the metrics around the failure
 * from Prometheus and diagnoses, and the Slack stand-in receives the answer as the root of a thread in the
 * alert channel, its top cause the scenario's cause. Then the bot's own /metrics, scraped by the test and
 * by Prometheus, show what it did.
 */

interface ExpectedAlert {
  readonly alertname: string;
  readonly service: string;
  readonly peer?: string;
}

interface Scenario {
  readonly scenario: string;
  readonly cause: string;
  /** Alert groups of the scenario (deploy/prometheus/rules/reset-lab.yml) whose answers must name `cause` first. */
  readonly alerts: readonly ExpectedAlert[];
}

const ALL_SCENARIOS: readonly Scenario[] = [
  {
    scenario: 'keepalive',
    cause: 'keepalive-mismatch',
    alerts: [{ alertname: 'UpstreamConnectionResets', service: 'checkout', peer: 'inventory' }],
  },
  {
    scenario: 'unread-body',
    cause: 'unread-data-close',
    alerts: [
      { alertname: 'UpstreamConnectionResets', service: 'gallery', peer: 'media' },
      { alertname: 'PayloadTooLarge', service: 'media' },
    ],
  },
  {
    scenario: 'crash',
    cause: 'crash',
    alerts: [
      { alertname: 'ServiceCrashLooping', service: 'payments' },
      { alertname: 'UpstreamConnectionResets', service: 'orders', peer: 'payments' },
    ],
  },
  {
    scenario: 'tls-plaintext',
    cause: 'protocol-mismatch',
    alerts: [
      { alertname: 'TLSHandshakeErrors', service: 'ledger' },
      { alertname: 'UpstreamConnectionResets', service: 'billing', peer: 'ledger' },
    ],
  },
  {
    scenario: 'port-exhaustion',
    cause: 'port-exhaustion',
    alerts: [{ alertname: 'UpstreamConnectFailures', service: 'batch-export', peer: 'catalog' }],
  },
];

/**
 * keepalive and unread-body always; RESET_DOCTOR_E2E_SCENARIOS=all (or a comma list) runs more of the lab.
 */
function chosenScenarios(): readonly Scenario[] {
  const wanted = (process.env.RESET_DOCTOR_E2E_SCENARIOS ?? 'keepalive,unread-body')
    .split(',')
    .map((s) => s.trim());
  const chosen = ALL_SCENARIOS.filter((s) => wanted.includes('all') || wanted.includes(s.scenario));
  const unknown = wanted.filter((w) => w !== 'all' && !ALL_SCENARIOS.some((s) => s.scenario === w));
  if (unknown.length > 0)
    throw new Error(`RESET_DOCTOR_E2E_SCENARIOS: unknown scenarios ${unknown.join(', ')}`);
  return chosen;
}

const SCENARIOS = chosenScenarios();

/** A directory to write each answer's message to (Block Kit JSON; scripts/render-answer.ts draws it). */
const SAVE_ANSWERS = process.env.RESET_DOCTOR_E2E_ANSWERS;

/** Generous: on a loaded 2-core machine the first answer may take a minute (the rules wait `for: 15s`). */
const ANSWER_TIMEOUT_MS = 120_000;

let stack: Stack;
let metricsBefore: Sample[] = [];

async function botMetrics(): Promise<Sample[]> {
  const res = await fetch(`${stack.botUrl}/metrics`);
  expect(res.status).toBe(200);
  return parsePromText(await res.text());
}

beforeAll(async () => {
  stack = await startStack({ scenarios: SCENARIOS.map((s) => s.scenario) });
  metricsBefore = await botMetrics();
}, 120_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

const describeAlert = (a: ExpectedAlert) => `${a.alertname} ${a.service}${a.peer ? ` -> ${a.peer}` : ''}`;

function answersFor(answers: readonly AlertAnswer[], alert: ExpectedAlert): AlertAnswer[] {
  return answers.filter((a) =>
    Object.values(a.record?.groups ?? {}).some(
      (g) => g.names.includes(alert.alertname) && g.service === alert.service && g.peer === alert.peer,
    ),
  );
}

/** Waits for the answers of one alert group in the alert channel (several when alerts joined the group). */
async function answered(alert: ExpectedAlert): Promise<AlertAnswer[]> {
  try {
    return await waitFor(
      `an answer in Slack for ${describeAlert(alert)}`,
      async () => {
        const found = answersFor(await stack.answers(), alert).filter((a) => a.record?.diagnosis);
        return found.length > 0 ? found : undefined;
      },
      { timeoutMs: ANSWER_TIMEOUT_MS, intervalMs: 500 },
    );
  } catch (e) {
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n\n${await stack.report()}`);
  }
}

function ranking(a: AlertAnswer): string {
  const d = a.record?.diagnosis;
  return `${a.text}\n${(d?.hypotheses ?? [])
    .map((h) => `${h.cause} ${h.confidence.toFixed(2)} [${h.rules.join(', ')}]`)
    .join('\n')}`;
}

describe('lab -> Prometheus -> Alertmanager -> bot -> queue -> worker (+ Prometheus) -> Slack', {
  timeout: ANSWER_TIMEOUT_MS + 30_000,
}, () => {
  for (const s of SCENARIOS) {
    it(`${s.scenario}: each alert's answer in the alert channel names ${s.cause} first`, async () => {
      const all = await Promise.all(
        s.alerts.map(async (alert) => ({ alert, answers: await answered(alert) })),
      );
      for (const { alert, answers } of all) {
        for (const a of answers) {
          const why = `${describeAlert(alert)}: ${ranking(a)}`;
          expect(a.topCause, why).toBe(s.cause);
          expect(a.record?.diagnosis?.hypotheses[0]?.cause, why).toBe(s.cause);
          // The worker read the lab's metrics from Prometheus: not a degraded answer.
          expect(a.record?.diagnosis?.degraded, why).toBe(false);
          expect(a.text).toContain(a.incidentId);
        }
        const first = answers[0];
        if (SAVE_ANSWERS && first) {
          await mkdir(SAVE_ANSWERS, { recursive: true });
          const name = `${s.scenario}-${alert.alertname}-${alert.service}.json`;
          const message = { channel: ALERT_CHANNEL, text: first.text, blocks: first.blocks };
          await writeFile(join(SAVE_ANSWERS, name), `${JSON.stringify(message, null, 2)}\n`);
        }
      }
    });
  }

  it('"why not" in an answer\'s thread is answered in that thread', async () => {
    const s = SCENARIOS[0];
    const alert = s?.alerts[0];
    if (!s || !alert) throw new Error('no scenario');
    const [answer] = await answered(alert);
    if (!answer) throw new Error('no answer');
    const other = answer.record?.diagnosis?.hypotheses[1]?.cause ?? 'overload';
    const r = await stack.slackEvent(
      eventBody(`why not ${other}`, {
        type: 'message',
        channel: ALERT_CHANNEL,
        threadTs: answer.ts,
        channelType: 'channel',
      }),
    );
    expect(r.status).toBe(200);
    await stack.slack.waitFor(
      () =>
        stack.slack
          .okCallsOf('chat.postMessage')
          .some((c) => c.body.thread_ts === answer.ts && JSON.stringify(c.body).includes(other)),
      30_000,
      `the "why not ${other}" reply in the thread of ${answer.incidentId}`,
    );
  });

  it('every notification reached the bot with the bearer token; every line about a job names its incident', () => {
    const accepted = stack.bot.lines.filter((l) => l.msg === 'alert accepted');
    expect(accepted.length).toBeGreaterThanOrEqual(SCENARIOS.length);
    expect(stack.bot.lines.filter((l) => String(l.msg).startsWith('webhook rejected'))).toEqual([]);
    for (const l of stack.bot.lines.filter((x) => x.jobId !== undefined)) {
      expect(l.incidentId, JSON.stringify(l)).toMatch(/^inc-[0-9a-f]{12}$/);
    }
  });

  it('/metrics moved with the diagnoses, and Prometheus scraped it', async () => {
    const after = await botMetrics();
    const moved = (name: string, where: Record<string, string> = {}) => ({
      before: sumOf(metricsBefore, name, where),
      after: sumOf(after, name, where),
    });
    const received = moved('reset_doctor_jobs_received_total', { source: 'alertmanager' });
    expect(received.after).toBeGreaterThan(received.before);
    const done = moved('reset_doctor_jobs_completed_total', { outcome: 'diagnosed' });
    expect(done.after).toBeGreaterThan(done.before);
    for (const s of SCENARIOS) {
      const answers = moved('reset_doctor_answers_total', { cause: s.cause });
      expect(answers.after, `answers_total{cause="${s.cause}"}`).toBeGreaterThan(answers.before);
    }
    const latency = moved('reset_doctor_diagnosis_latency_seconds_count');
    expect(latency.after).toBeGreaterThan(latency.before);
    const hits = moved('reset_doctor_rule_hits_total');
    expect(hits.after).toBeGreaterThan(hits.before);
    const queries = moved('reset_doctor_prometheus_queries_total');
    expect(queries.after).toBeGreaterThan(queries.before);
    const webhook = moved('reset_doctor_webhook_requests_total', { outcome: 'accepted' });
    expect(webhook.after).toBeGreaterThan(webhook.before);

    // deploy/prometheus/prometheus.yml scrapes the bot as job reset-doctor.
    await waitFor(
      'Prometheus to have scraped the answers from the bot',
      async () => {
        const r = await stack.prometheus.query('sum(reset_doctor_answers_total{job="reset-doctor"})');
        return (r[0]?.value ?? 0) > 0 ? true : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
  });
});

import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChartRenderer } from '../../src/adapters/chart/create-chart-renderer.js';
import { alertOriginOf } from '../../src/app/alert-origin.js';
import type { DiagnosisRequest } from '../../src/app/diagnosis-requests.js';
import type { KeyMetricSeries } from '../../src/app/key-metric-source.js';
import { AlertmanagerPayloadSchema } from '../../src/core/parse/parse-alert.js';
import {
  deletePrefix,
  eventBody,
  type Harness,
  redisForTests,
  startHarness,
  uniquePrefix,
  uniqueTs,
} from './support/bot-harness.js';
import { type SlackStandIn, startSlackStandIn } from './support/slack-stand-in.js';

// Copies of /work/shared/fixtures/alertmanager (captured from a real Alertmanager 0.25).
const FIXTURES = new URL('./fixtures', import.meta.url).pathname;

function payload(file: string, extraLabels: Record<string, string> = {}) {
  const raw = JSON.parse(readFileSync(`${FIXTURES}/${file}`, 'utf8')) as { body: unknown };
  const p = AlertmanagerPayloadSchema.parse(raw.body);
  return { ...p, commonLabels: { ...p.commonLabels, ...extraLabels } };
}

function request(p: ReturnType<typeof payload>, n: number): DiagnosisRequest {
  return {
    incidentId: `inc-alert-${n}-${Math.random().toString(16).slice(2, 8)}`,
    incident: { alert: p, context: 'checkout resets after idle behind the ALB', service: 'checkout' },
    origin: alertOriginOf(p),
    receivedAt: new Date().toISOString(),
  };
}

function header(call: { body: Record<string, unknown> } | undefined): string {
  const blocks = call?.body.blocks;
  const first = Array.isArray(blocks) ? (blocks[0] as { text?: { text?: string } }) : undefined;
  return first?.text?.text ?? '';
}

const t0 = Date.UTC(2026, 10, 24, 12, 0);
const SERIES: KeyMetricSeries = {
  title: 'Idle time before failures on checkout',
  metric: 'idle_gap_seconds',
  unit: 'seconds',
  series: [
    {
      label: 'checkout',
      points: Array.from({ length: 30 }, (_, i) => ({ t: t0 + i * 60_000, v: 50 + (i % 7) * 2 })),
    },
  ],
  failureAt: t0 + 20 * 60_000,
  threshold: { value: 60, label: 'ALB idle timeout 60 s' },
};

describe('alert-triggered answers', () => {
  let standIn: SlackStandIn;
  let redis: Redis;
  let prefix: string;
  let h: Harness;
  const seriesAsked: string[] = [];

  beforeAll(async () => {
    standIn = await startSlackStandIn();
    redis = redisForTests();
    prefix = uniquePrefix();
    h = await startHarness({
      standIn,
      redis,
      prefix,
      keyMetrics: {
        async seriesFor(req) {
          seriesAsked.push(req.incidentId);
          return SERIES;
        },
      },
      chart: createChartRenderer(),
    });
  });
  afterAll(async () => {
    await h.close();
    await deletePrefix(redis, prefix);
    redis.disconnect();
    await standIn.close();
  });

  it('one thread per group: firing posts it, re-diagnosis and resolution update the headline and reply in it', async () => {
    await h.pipeline.submit(request(payload('real-am0.25-01-firing-truncated.json'), 1));
    await standIn.waitFor(
      () => standIn.okCallsOf('chat.postMessage').length >= 1,
      15_000,
      'the alert answer',
    );
    const root = standIn.okCallsOf('chat.postMessage')[0];
    expect(root?.body.channel).toBe('C0ALERTS');
    expect(root?.body.thread_ts).toBeUndefined();
    expect(header(root)).toMatch(/^🔥 FIRING · /);
    expect(JSON.stringify(root?.body.blocks)).toContain('`HighLatency` (3 alerts)');
    const rootTs = String(root?.response?.ts);

    // The chart of the key metric goes in the thread.
    await standIn.waitFor(
      () => standIn.okCallsOf('files.completeUploadExternal').length >= 1,
      15_000,
      'the chart',
    );
    const complete = standIn.okCallsOf('files.completeUploadExternal')[0];
    expect(complete?.body.channel_id).toBe('C0ALERTS');
    expect(complete?.body.thread_ts).toBe(rootTs);
    const png = standIn.uploads[0]?.bytes ?? Buffer.alloc(0);
    expect(png.includes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);

    await h.pipeline.submit(request(payload('real-am0.25-02-partially-resolved.json'), 2));
    await standIn.waitFor(() => standIn.okCallsOf('chat.update').length >= 1, 15_000, 'the re-diagnosis');
    await standIn.waitFor(() => standIn.okCallsOf('chat.postMessage').length >= 2, 15_000, 'the thread note');
    const update = standIn.okCallsOf('chat.update')[0];
    expect(update?.body.ts).toBe(rootTs);
    expect(header(update)).toMatch(/^🔥 FIRING · /);
    const note = standIn.okCallsOf('chat.postMessage')[1];
    expect(note?.body.thread_ts).toBe(rootTs);
    expect(String(note?.body.text)).toMatch(/Re-diagnosed/);

    await h.pipeline.submit(request(payload('real-am0.25-03-all-resolved.json'), 3));
    await standIn.waitFor(() => standIn.okCallsOf('chat.update').length >= 2, 15_000, 'the resolution');
    await standIn.waitFor(
      () => standIn.okCallsOf('chat.postMessage').length >= 3,
      15_000,
      'the resolution note',
    );
    const resolved = standIn.okCallsOf('chat.update')[1];
    expect(resolved?.body.ts).toBe(rootTs);
    expect(header(resolved)).toMatch(/^✅ RESOLVED · /);
    const resolvedNote = standIn.okCallsOf('chat.postMessage')[2];
    expect(resolvedNote?.body.thread_ts).toBe(rootTs);
    expect(String(resolvedNote?.body.text)).toContain('Resolved.');
    // No new thread was opened, and the chart was not posted again for the same cause.
    expect(standIn.okCallsOf('chat.postMessage').filter((c) => c.body.thread_ts === undefined)).toHaveLength(
      1,
    );
    expect(standIn.okCallsOf('files.completeUploadExternal')).toHaveLength(1);
  });

  it('a label on the group chooses the channel', async () => {
    const before = standIn.okCallsOf('chat.postMessage').length;
    const p = {
      ...payload('real-am0.25-05-from-prometheus-2.42-rule.json', { slack_channel: '#payments-oncall' }),
    };
    await h.pipeline.submit(request(p, 5));
    await standIn.waitFor(() => standIn.okCallsOf('chat.postMessage').length > before, 15_000, 'the answer');
    expect(standIn.okCallsOf('chat.postMessage').at(-1)?.body.channel).toBe('payments-oncall');
  });

  it('a mention answer gets the chart in its thread too', async () => {
    const ts = uniqueTs();
    const uploads = standIn.okCallsOf('files.completeUploadExternal').length;
    await h.send(eventBody('<@UBOT> ```Error: socket hang up``` fails after idle behind the ALB', { ts }));
    await standIn.waitFor(
      () => standIn.okCallsOf('files.completeUploadExternal').length > uploads,
      15_000,
      'the chart',
    );
    const complete = standIn.okCallsOf('files.completeUploadExternal').at(-1);
    expect(complete?.body.channel_id).toBe('C0TEST');
    expect(complete?.body.thread_ts).toBe(ts);
    expect(seriesAsked.length).toBeGreaterThanOrEqual(2);
  });
});

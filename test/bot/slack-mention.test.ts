import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventBody, uniqueTs } from '../slack/support/bot-harness.js';
import { type SlackStandIn, startSlackStandIn } from '../slack/support/slack-stand-in.js';
import { waitFor } from '../support/wait-for.js';
import { type Product, sample, slackEnv, startProduct } from './support/product.js';

/**
 * A Slack mention through the whole product: signed HTTP request → Bolt → chat use case ("diagnosing…") →
 * BullMQ job on the real Redis → worker → core → Slack notifier → the answer in the mention's thread.
 */

let standIn: SlackStandIn;
let product: Product;

beforeAll(async () => {
  standIn = await startSlackStandIn();
  product = await startProduct(slackEnv(standIn));
});
afterAll(async () => {
  await product?.stop();
  await standIn?.close();
});

const LOG = '```Error: socket hang up\n    at connResetException (node:internal/errors:720:14)```';

function blocksText(call: { body: Record<string, unknown> } | undefined): string {
  return JSON.stringify(call?.body.blocks ?? '');
}

describe('a mention', () => {
  it('is queued, diagnosed by the worker and answered once in its thread, even when Slack delivers it twice', async () => {
    const ts = uniqueTs();
    const body = eventBody(`<@UBOT> ${LOG} service=checkout behind the ALB, fails after idle`, {
      ts,
      channel: 'C0MENTION',
      eventId: `EvMention${ts.replace('.', '')}`,
    });
    const first = await product.slackEvent(body);
    expect(first.status).toBe(200);
    // Slack retries an event it thinks was not acknowledged in time: same event id, a retry header.
    const retry = await product.slackEvent(body, {
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    expect(retry.status).toBe(200);

    await standIn.waitFor(
      () => standIn.okCallsOf('chat.update').some((c) => c.body.channel === 'C0MENTION'),
      20_000,
      'the answer',
    );
    await product.settled();
    const posts = standIn.okCallsOf('chat.postMessage').filter((c) => c.body.channel === 'C0MENTION');
    // One placeholder in the thread of the mention, replaced by the one answer.
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body.thread_ts).toBe(ts);
    const pending = String(posts[0]?.body.text);
    const incidentId = /incident (inc-[0-9a-f]{12})/.exec(pending)?.[1];
    expect(incidentId, pending).toBeDefined();
    const updates = standIn.okCallsOf('chat.update').filter((c) => c.body.channel === 'C0MENTION');
    expect(updates).toHaveLength(1);
    expect(updates[0]?.body.ts).toBe(posts[0]?.response?.ts);
    expect(String(updates[0]?.body.text)).toContain(`incident ${incidentId}`);
    expect(blocksText(updates[0])).toMatch(/keepalive-mismatch|idle-timeout-middlebox/);

    // The worker did it: one job from the event id, the incident id the placeholder showed on its lines.
    const lines = product.logs.lines;
    expect(lines.filter((l) => l.msg === 'incident accepted')).toHaveLength(1);
    const done = lines.find((l) => l.msg === 'job done' && l.incidentId === incidentId);
    expect(done).toMatchObject({ outcome: 'diagnosed' });
    expect(String(done?.jobId)).toMatch(/^slack-[0-9a-f]{40}$/);
    expect(lines.some((l) => l.msg === 'diagnosed' && l.incidentId === incidentId)).toBe(true);
    expect(lines.some((l) => l.msg === 'duplicate delivery ignored')).toBe(true);
    const record = await product.assembled.bot.store.get(incidentId ?? '');
    expect(record?.source).toBe('slack');
    expect(record?.incident?.log).toContain('socket hang up');

    const metrics = await product.metrics();
    expect(sample(metrics, 'reset_doctor_jobs_received_total', { source: 'slack' })).toBe(1);
    expect(sample(metrics, 'reset_doctor_jobs_completed_total', { outcome: 'diagnosed' })).toBe(1);
  });

  it('"why not" in the answer thread is answered from the archived answer', async () => {
    const ts = uniqueTs();
    await product.slackEvent(
      eventBody(`<@UBOT> ${LOG} behind the ALB, fails after idle`, { ts, channel: 'C0WHY' }),
    );
    await standIn.waitFor(
      () => standIn.okCallsOf('chat.update').some((c) => c.body.channel === 'C0WHY'),
      20_000,
      'the answer',
    );
    await product.slackEvent(
      eventBody('why not overload', {
        type: 'message',
        channel: 'C0WHY',
        threadTs: ts,
        channelType: 'channel',
      }),
    );
    await standIn.waitFor(
      () =>
        standIn
          .okCallsOf('chat.postMessage')
          .some(
            (c) => c.body.channel === 'C0WHY' && /overload/.test(blocksText(c)) && c.body.thread_ts === ts,
          ),
      10_000,
      'the why-not reply',
    );
  });

  it('a diagnosis that cannot be made turns "diagnosing…" into a failure with the incident id', async () => {
    // An incident job the worker cannot read (as after a bad deploy): not retried, and the asker is told.
    const submit = product.assembled.bot.context.submit;
    if (!submit) throw new Error('no intake');
    const placeholder = await standIn.okCallsOf('chat.postMessage').length;
    const { incidentId } = await submit({
      source: 'slack',
      key: `EvBroken${uniqueTs()}`,
      incident: { port: 'not a port' },
      reply: { kind: 'chat', channel: 'C0FAIL', eventId: 'EvBroken', threadTs: uniqueTs() },
    });
    await standIn.waitFor(
      () => standIn.okCallsOf('chat.postMessage').some((c) => c.body.channel === 'C0FAIL'),
      15_000,
      'the failure message',
    );
    const failure = standIn.okCallsOf('chat.postMessage').find((c) => c.body.channel === 'C0FAIL');
    expect(String(failure?.body.text)).toContain(incidentId);
    expect(standIn.okCallsOf('chat.postMessage').length).toBeGreaterThan(placeholder);
    await waitFor(
      'the failed job counted',
      async () => sample(await product.metrics(), 'reset_doctor_jobs_failed_total', { final: 'true' }) >= 1,
    );
  });
});

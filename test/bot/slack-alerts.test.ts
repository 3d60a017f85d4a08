import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackStandIn, startSlackStandIn } from '../slack/support/slack-stand-in.js';
import { fixture } from '../support/alertmanager-fixtures.js';
import { type Product, slackEnv, startProduct } from './support/product.js';

/**
 * Alertmanager notifications with Slack configured: the worker's answer for an alert group goes to
 * SLACK_ALERT_CHANNEL in one thread; the group's later notifications update its headline and add a reply.
 */

let standIn: SlackStandIn;
let product: Product;

beforeAll(async () => {
  standIn = await startSlackStandIn();
  // The partial resolution comes right after the first answer: its update waits a second for a follow-up.
  product = await startProduct({ ...slackEnv(standIn), ANSWER_UPDATE_INTERVAL_S: '1' });
});
afterAll(async () => {
  await product?.stop();
  await standIn?.close();
});

function header(call: { body: Record<string, unknown> } | undefined): string {
  const blocks = call?.body.blocks;
  const first: unknown = Array.isArray(blocks) ? blocks[0] : undefined;
  return JSON.stringify(first ?? '');
}

const inAlertChannel = (method: string) =>
  standIn.okCallsOf(method).filter((c) => c.body.channel === 'C0ALERTS');

async function post(body: unknown): Promise<{ incidentId: string }> {
  const r = await product.alert(body);
  expect(r.status).toBe(202);
  const accepted = (await r.json()) as { incidentId: string };
  await product.settled();
  return accepted;
}

describe('an alert group in Slack', () => {
  it('firing → partially resolved → resolved: one thread, the headline follows, each change a reply', async () => {
    const { incidentId } = await post(fixture('firingTruncated'));
    await standIn.waitFor(() => inAlertChannel('chat.postMessage').length >= 1, 15_000, 'the answer');
    const roots = inAlertChannel('chat.postMessage');
    expect(roots).toHaveLength(1);
    const root = roots[0];
    expect(root?.body.thread_ts).toBeUndefined();
    expect(header(root)).toContain('🔥 FIRING');
    expect(JSON.stringify(root?.body.blocks)).toContain('`HighLatency` (3 alerts)');
    expect(String(root?.body.text)).toContain(incidentId);
    const rootTs = String(root?.response?.ts);

    await post(fixture('partiallyResolved'));
    await standIn.waitFor(() => inAlertChannel('chat.update').length >= 1, 15_000, 'the update');
    await standIn.waitFor(() => inAlertChannel('chat.postMessage').length >= 2, 15_000, 'the thread reply');
    const update = inAlertChannel('chat.update')[0];
    expect(update?.body.ts).toBe(rootTs);
    expect(header(update)).toContain('🔥 FIRING');
    expect(JSON.stringify(update?.body.blocks)).toContain('3 alerts, 2 still firing');
    const note = inAlertChannel('chat.postMessage')[1];
    expect(note?.body.thread_ts).toBe(rootTs);
    // The same diagnosis, more known about the group: not a re-diagnosis.
    expect(String(note?.body.text)).toMatch(/Updated: 3 alerts, 2 still firing/);

    await post(fixture('allResolved'));
    await standIn.waitFor(() => inAlertChannel('chat.update').length >= 2, 15_000, 'the resolution');
    await standIn.waitFor(
      () => inAlertChannel('chat.postMessage').length >= 3,
      15_000,
      'the resolution reply',
    );
    const resolved = inAlertChannel('chat.update')[1];
    expect(resolved?.body.ts).toBe(rootTs);
    expect(header(resolved)).toContain('✅ RESOLVED after 15 s');
    const resolvedNote = inAlertChannel('chat.postMessage')[2];
    expect(resolvedNote?.body.thread_ts).toBe(rootTs);
    expect(String(resolvedNote?.body.text)).toContain('Resolved after 15 s.');
    // Still one thread, one answer per change.
    expect(inAlertChannel('chat.postMessage').filter((c) => c.body.thread_ts === undefined)).toHaveLength(1);
    expect(inAlertChannel('chat.update')).toHaveLength(2);
    const record = await product.assembled.bot.store.get(incidentId);
    expect(record).toMatchObject({ status: 'resolved', delivery: { via: 'chat', origin: 'alert' } });
  });

  it('a label on the group chooses the channel', async () => {
    const body = fixture('prometheusFiring');
    const labels = { ...(body.commonLabels as Record<string, string>), slack_channel: '#payments-oncall' };
    await post({ ...body, commonLabels: labels });
    await standIn.waitFor(
      () => standIn.okCallsOf('chat.postMessage').some((c) => c.body.channel === 'payments-oncall'),
      15_000,
      'the answer in the labelled channel',
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventBody, uniqueTs } from '../slack/support/bot-harness.js';
import { type SlackStandIn, startSlackStandIn } from '../slack/support/slack-stand-in.js';
import { uniquePrefix } from '../support/shared-redis.js';
import { waitFor } from '../support/wait-for.js';
import { type Product, slackEnv, startProduct } from './support/product.js';

/** `--role intake` and `--role worker` as two processes sharing one Redis: Slack works across the split. */

let standIn: SlackStandIn;
let intake: Product;
let worker: Product;

beforeAll(async () => {
  standIn = await startSlackStandIn();
  const env = { ...slackEnv(standIn), QUEUE_PREFIX: uniquePrefix('roles') };
  intake = await startProduct(env, { role: 'intake' });
  worker = await startProduct(env, { role: 'worker' });
});
afterAll(async () => {
  await worker?.stop();
  await intake?.stop();
  await standIn?.close();
});

describe('intake and worker apart', () => {
  it('the intake says "diagnosing…" and queues the mention; the worker answers it in the thread', async () => {
    const ts = uniqueTs();
    const r = await intake.slackEvent(
      eventBody('<@UBOT> ```Error: socket hang up``` behind the ALB, fails after idle', {
        ts,
        channel: 'C0ROLES',
      }),
    );
    expect(r.status).toBe(200);
    await standIn.waitFor(
      () => standIn.okCallsOf('chat.update').some((c) => c.body.channel === 'C0ROLES'),
      20_000,
      'the answer',
    );
    const done = await waitFor('the job', () => worker.logs.lines.find((l) => l.msg === 'job done'));
    expect(intake.logs.lines.some((l) => l.msg === 'incident accepted')).toBe(true);
    expect(intake.logs.lines.some((l) => l.msg === 'job done')).toBe(false);
    expect(done).toMatchObject({ outcome: 'diagnosed' });
    expect(
      standIn.okCallsOf('chat.postMessage').find((c) => c.body.channel === 'C0ROLES')?.body.thread_ts,
    ).toBe(ts);
    // The worker serves no Slack route; the intake has no worker.
    expect((await worker.slackEvent('{}')).status).toBe(404);
    expect(intake.assembled.bot.worker).toBeUndefined();
  });
});

import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  deletePrefix,
  eventBody,
  eventually,
  type Harness,
  postSigned,
  redisForTests,
  startHarness,
  uniquePrefix,
  uniqueTs,
} from './support/bot-harness.js';
import { type SlackStandIn, startSlackStandIn } from './support/slack-stand-in.js';

const SNIPPET =
  '<@UBOT> behind the ALB, fails after idle ```Error: socket hang up\n    at connResetException (node:internal/errors:720:14)```';

function isAnswer(body: Record<string, unknown>): boolean {
  return String(body.text).startsWith('reset-doctor: ') && !String(body.text).includes('diagnosing');
}

describe('Slack trouble never loses an answer', () => {
  let standIn: SlackStandIn;
  let redis: Redis;
  let prefix: string;
  let h: Harness | undefined;

  beforeAll(async () => {
    redis = redisForTests();
  });
  afterAll(() => {
    redis.disconnect();
  });
  beforeEach(async () => {
    standIn = await startSlackStandIn();
    prefix = uniquePrefix();
    h = await startHarness({ standIn, redis, prefix });
  });
  afterEach(async () => {
    await h?.close();
    await standIn.close();
    await deletePrefix(redis, prefix);
  });

  it('429 with Retry-After: the call waits as asked, then the answer is posted once', async () => {
    standIn.script('chat.update', { status: 429, retryAfter: 1 });
    await h?.send(eventBody(SNIPPET));
    await standIn.waitFor(() => standIn.okCallsOf('chat.update').length >= 1, 15_000, 'the answer');
    const updates = standIn.callsOf('chat.update');
    expect(updates.map((c) => c.status)).toEqual([429, 200]);
    const [limited, ok] = updates;
    expect((ok?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950);
    await h?.pipeline.idle?.();
    expect(standIn.okCallsOf('chat.update')).toHaveLength(1);
    expect(standIn.okCallsOf('chat.postMessage')).toHaveLength(1);
  });

  it('a rate limit pauses only its channel', async () => {
    standIn.script('chat.update', { status: 429, retryAfter: 2 });
    await h?.send(eventBody(SNIPPET, { channel: 'C0LIMITED' }));
    await standIn.waitFor(() => standIn.callsOf('chat.update').length >= 1, 15_000, 'the limited update');
    await h?.send(eventBody(SNIPPET, { channel: 'C0FREE' }));
    await standIn.waitFor(() => standIn.okCallsOf('chat.update').length >= 2, 15_000, 'both answers');
    const answered = standIn.okCallsOf('chat.update').map((c) => c.body.channel);
    expect(answered).toEqual(['C0FREE', 'C0LIMITED']);
  });

  it('5xx: bounded retries with backoff, then the answer goes through', async () => {
    standIn.script('chat.postMessage', { status: 500 }, { status: 503 });
    await h?.send(eventBody(SNIPPET));
    await standIn.waitFor(() => standIn.okCallsOf('chat.update').length >= 1, 15_000, 'the answer');
    expect(standIn.callsOf('chat.postMessage').map((c) => c.status)).toEqual([500, 503, 200]);
  });

  it('ok: false for good (channel_not_found) is not retried', async () => {
    standIn.script(
      'chat.postMessage',
      { ok: false, error: 'channel_not_found' },
      { ok: false, error: 'channel_not_found' },
    );
    await h?.send(eventBody(SNIPPET, { channel: 'C0GONE' }));
    await standIn.waitFor(() => standIn.callsOf('chat.postMessage').length >= 2, 15_000, 'two posts');
    await h?.pipeline.idle?.();
    await new Promise((r) => setTimeout(r, 600));
    // One try for the placeholder, one for the answer: neither retried, nothing kept.
    expect(standIn.callsOf('chat.postMessage')).toHaveLength(2);
    expect(await h?.answers.outbox.size()).toBe(0);
  });

  it('not_in_channel: the bot joins the (public) channel and posts', async () => {
    standIn.script('chat.postMessage', { ok: false, error: 'not_in_channel' });
    await h?.send(eventBody(SNIPPET, { channel: 'C0PUBLIC' }));
    await standIn.waitFor(() => standIn.okCallsOf('chat.update').length >= 1, 15_000, 'the answer');
    expect(standIn.okCallsOf('conversations.join').map((c) => c.body.channel)).toEqual(['C0PUBLIC']);
    expect(standIn.okCallsOf('chat.postMessage')).toHaveLength(1);
  });

  it('the "diagnosing…" message is gone: the answer is posted in the thread instead', async () => {
    standIn.script('chat.update', { ok: false, error: 'message_not_found' });
    const ts = uniqueTs();
    await h?.send(eventBody(SNIPPET, { ts }));
    await standIn.waitFor(() => standIn.okCallsOf('chat.postMessage').length >= 2, 15_000, 'the answer');
    const answer = standIn.okCallsOf('chat.postMessage')[1];
    expect(answer?.body.thread_ts).toBe(ts);
    expect(isAnswer(answer?.body ?? {})).toBe(true);
  });

  it('Slack down for a while: the answer is kept and arrives once Slack is back', async () => {
    await standIn.down();
    const ts = uniqueTs();
    const res = await h?.send(eventBody(SNIPPET, { ts }));
    expect(res?.status).toBe(200);
    await eventually(async () => (await h?.answers.outbox.size()) === 1, 10_000, 'the answer in the outbox');
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await h?.answers.outbox.size()).toBe(1);
    await standIn.up();
    await standIn.waitFor(() => standIn.okCallsOf('chat.postMessage').length >= 1, 15_000, 'the kept answer');
    const posts = standIn.okCallsOf('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body.thread_ts).toBe(ts);
    expect(isAnswer(posts[0]?.body ?? {})).toBe(true);
    await new Promise((r) => setTimeout(r, 600));
    expect(standIn.okCallsOf('chat.postMessage')).toHaveLength(1);
    expect(await h?.answers.outbox.size()).toBe(0);
  });

  it('the outbox survives a restart: a new bot process delivers what the old one kept', async () => {
    await standIn.down();
    const ts = uniqueTs();
    await h?.send(eventBody(SNIPPET, { ts }));
    await eventually(async () => (await h?.answers.outbox.size()) === 1, 10_000, 'the answer in the outbox');
    await h?.close();
    h = undefined;
    await standIn.up();
    // Nothing is sent while no bot runs.
    await new Promise((r) => setTimeout(r, 500));
    expect(standIn.okCallsOf('chat.postMessage')).toHaveLength(0);
    h = await startHarness({ standIn, redis, prefix });
    await standIn.waitFor(() => standIn.okCallsOf('chat.postMessage').length >= 1, 15_000, 'the kept answer');
    const posts = standIn.okCallsOf('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body.thread_ts).toBe(ts);
    expect(isAnswer(posts[0]?.body ?? {})).toBe(true);
  });

  it('the outbox survives a crash: a bot process killed with answers kept, a new one delivers them', async () => {
    await h?.close();
    h = undefined;
    await standIn.down();
    const script = fileURLToPath(new URL('./support/bot-process.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, STAND_IN_API_URL: standIn.apiUrl, SLACK_TEST_PREFIX: prefix },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`bot process exited with ${code}`)));
      });
      const { eventsUrl } = JSON.parse(line) as { eventsUrl: string };
      const ts = uniqueTs();
      const res = await postSigned(eventsUrl, eventBody(SNIPPET, { ts }));
      expect(res.status).toBe(200);
      const outboxSize = () => redis.zcard(`${prefix}outbox:due`);
      await eventually(async () => (await outboxSize()) === 1, 15_000, 'the answer in the outbox');
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      await standIn.up();
      h = await startHarness({ standIn, redis, prefix });
      await standIn.waitFor(
        () => standIn.okCallsOf('chat.postMessage').length >= 1,
        15_000,
        'the kept answer',
      );
      const posts = standIn.okCallsOf('chat.postMessage');
      expect(posts).toHaveLength(1);
      expect(posts[0]?.body.thread_ts).toBe(ts);
      expect(isAnswer(posts[0]?.body ?? {})).toBe(true);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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

const KEEPALIVE_SNIPPET = [
  '<@UBOT> checkout → payments, intermittent 502s behind the ALB, mostly after the service sat idle at night. Node 20 express.',
  '```',
  '2026-11-24T09:12:01.482Z ERROR upstream request failed: Error: socket hang up',
  '    at connResetException (node:internal/errors:720:14)',
  '    at Socket.socketOnEnd (node:_http_client:525:23)',
  '2026-11-24T09:12:01.483Z 502 target closed the connection (HTTPCode_ELB_502_Count) code=ECONNRESET',
  '```',
  'service=checkout peer=payments',
].join('\n');

function blocksText(call: { body: Record<string, unknown> }): string {
  return JSON.stringify(call.body.blocks ?? []);
}

describe('mentions: one threaded, evidenced answer', () => {
  let standIn: SlackStandIn;
  let redis: Redis;
  let prefix: string;
  let h: Harness;

  beforeAll(async () => {
    standIn = await startSlackStandIn();
    redis = redisForTests();
  });
  afterAll(async () => {
    await standIn.close();
    redis.disconnect();
  });
  beforeEach(async () => {
    prefix = uniquePrefix();
    standIn.calls.length = 0;
    h = await startHarness({ standIn, redis, prefix });
  });
  afterEach(async () => {
    await h.close();
    await deletePrefix(redis, prefix);
  });

  it('answers a keep-alive snippet in its thread: "diagnosing…" first, then the answer in place', async () => {
    const ts = uniqueTs();
    const res = await h.send(eventBody(KEEPALIVE_SNIPPET, { ts }));
    expect(res.status).toBe(200);
    await standIn.waitFor(() => standIn.okCallsOf('chat.update').length >= 1, 15_000, 'the answer');

    const posts = standIn.okCallsOf('chat.postMessage');
    expect(posts).toHaveLength(1);
    const pending = posts[0];
    expect(pending?.body.thread_ts).toBe(ts);
    expect(pending?.body.channel).toBe('C0TEST');
    expect(String(pending?.body.text)).toMatch(/diagnosing… incident inc-[0-9a-f]{12}/);
    expect(pending?.authorization).toBe('Bearer xoxb-test-token');

    const updates = standIn.okCallsOf('chat.update');
    expect(updates).toHaveLength(1);
    const answer = updates[0];
    expect(answer?.body.ts).toBe(pending?.response?.ts);
    expect(answer?.body.channel).toBe('C0TEST');
    const blocks = answer?.body.blocks;
    expect(Array.isArray(blocks)).toBe(true);
    const header = (blocks as { type: string; text?: { text: string } }[])[0];
    expect(header?.type).toBe('header');
    expect(header?.text?.text).toMatch(/^🔎 keepalive-mismatch · \d+ %$/);
    expect(blocksText(answer ?? { body: {} })).toContain('Next steps');
    expect(String(answer?.body.text)).toContain('keepalive-mismatch');
  });

  it('the same event delivered twice (Slack retry) produces one answer', async () => {
    const body = eventBody(KEEPALIVE_SNIPPET, { eventId: 'EvDUPLICATE1' });
    const first = await h.send(body);
    const second = await h.send(body, {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    await standIn.waitFor(() => standIn.okCallsOf('chat.update').length >= 1, 15_000, 'the answer');
    await h.pipeline.idle?.();
    const third = await h.send(body);
    expect(third.status).toBe(200);
    await h.pipeline.idle?.();
    expect(standIn.okCallsOf('chat.postMessage')).toHaveLength(1);
    expect(standIn.okCallsOf('chat.update')).toHaveLength(1);
  });

  it('a DM is answered in a thread of the DM, and a text file attached is read', async () => {
    standIn.files.set(
      'app.log',
      'Error: read ECONNRESET\n    at TCP.onStreamRead (node:internal/stream_base_commons:217:20)\n',
    );
    const ts = uniqueTs();
    await h.send(
      eventBody('behind an nginx proxy, fails after idle', {
        type: 'message',
        channelType: 'im',
        channel: 'D0DIRECT',
        ts,
        files: [
          {
            id: 'F1',
            name: 'app.log',
            mimetype: 'text/plain',
            filetype: 'text',
            size: 90,
            url_private_download: `${standIn.url}files/app.log`,
          },
          {
            id: 'F2',
            name: 'huge.log',
            mimetype: 'text/plain',
            size: 50 * 1024 * 1024,
            url_private_download: `${standIn.url}files/huge.log`,
          },
        ],
      }),
    );
    await standIn.waitFor(() => standIn.okCallsOf('chat.update').length >= 1, 15_000, 'the answer');
    const download = standIn.callsOf('file-download');
    expect(download).toHaveLength(1);
    expect(download[0]?.authorization).toBe('Bearer xoxb-test-token');
    const answer = standIn.okCallsOf('chat.update')[0];
    expect(answer?.body.channel).toBe('D0DIRECT');
    expect(standIn.okCallsOf('chat.postMessage')[0]?.body.thread_ts).toBe(ts);
    expect(blocksText(answer ?? { body: {} })).toContain(
      'huge.log (50.0 MiB) is larger than 1.0 MiB; not read',
    );
  });

  it('a diagnosis that fails says so in the thread, with the incident id', async () => {
    await h.close();
    h = await startHarness({
      standIn,
      redis,
      prefix,
      core: {
        ...(await import('../support/core.js').then((m) => m.bundledCore())),
        diagnose: async () => {
          throw new Error('rules engine exploded');
        },
      },
    });
    await h.send(eventBody('<@UBOT> ```Error: read ECONNRESET```'));
    await standIn.waitFor(() => standIn.okCallsOf('chat.update').length >= 1, 15_000, 'the failure');
    const update = standIn.okCallsOf('chat.update')[0];
    expect(String(update?.body.text)).toMatch(/could not diagnose incident inc-[0-9a-f]{12}/);
    expect(blocksText(update ?? { body: {} })).toContain('rules engine exploded');
  });

  it('a mention with nothing to diagnose gets a hint, not a diagnosis', async () => {
    await h.send(eventBody('<@UBOT>'));
    await standIn.waitFor(() => standIn.okCallsOf('chat.postMessage').length >= 1, 10_000, 'the hint');
    const hint = standIn.okCallsOf('chat.postMessage')[0];
    expect(String(hint?.body.text)).toContain('Nothing to diagnose');
    expect(standIn.okCallsOf('chat.update')).toHaveLength(0);
  });

  it('a mention in a thread without a log of its own diagnoses the log of the thread’s first message', async () => {
    const parent = uniqueTs();
    standIn.threadStarts.set(parent, {
      text: '```2026-11-24T09:00:01Z ERROR connect EADDRNOTAVAIL 10.0.0.5:443 - Local (0.0.0.0:0)```',
    });
    await h.send(eventBody('<@UBOT> what is this? service=orders', { threadTs: parent }));
    await standIn.waitFor(() => standIn.okCallsOf('chat.update').length >= 1, 15_000, 'the answer');
    expect(standIn.okCallsOf('conversations.replies')[0]?.body.ts).toBe(parent);
    const answer = standIn.okCallsOf('chat.update')[0];
    expect(String(answer?.body.text)).toContain('port-exhaustion');
    expect(blocksText(answer ?? { body: {} })).toContain(
      'the log was taken from the first message of this thread',
    );
    expect(standIn.okCallsOf('chat.postMessage')[0]?.body.thread_ts).toBe(parent);
  });
});

import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deletePrefix,
  eventBody,
  type Harness,
  postSigned,
  redisForTests,
  SIGNING_SECRET,
  sign,
  startHarness,
  uniquePrefix,
} from './support/bot-harness.js';
import { type SlackStandIn, startSlackStandIn } from './support/slack-stand-in.js';

describe('POST /slack/events only takes genuine, fresh Slack requests', () => {
  let standIn: SlackStandIn;
  let redis: Redis;
  let prefix: string;
  let h: Harness;

  beforeAll(async () => {
    standIn = await startSlackStandIn();
    redis = redisForTests();
    prefix = uniquePrefix();
    // Another route on the same server: the Slack plugin's raw-body parsers must not leak to it.
    h = await startHarness({
      standIn,
      redis,
      prefix,
      routes: (server) => server.post('/echo', async (req) => ({ got: req.body })),
    });
  });
  afterAll(async () => {
    await h.close();
    await deletePrefix(redis, prefix);
    redis.disconnect();
    await standIn.close();
  });

  const now = () => Math.floor(Date.now() / 1000);

  it.each([
    ['unsigned', { signature: null }, 'unsigned'],
    ['stale (6 minutes old)', { timestampS: now() - 6 * 60 }, 'stale'],
    ['from the future (6 minutes ahead)', { timestampS: now() + 6 * 60 }, 'stale'],
    ['signed with another secret', { secret: 'not-the-secret' }, 'bad signature'],
    ['with a malformed signature', { signature: 'v0=zz' }, 'bad signature'],
    ['with an unknown signature version', { signature: `v1=${'0'.repeat(64)}` }, 'bad signature'],
  ] as const)('refuses a request %s with 401', async (_name, options, reason) => {
    const before = standIn.calls.length;
    const res = await h.send(eventBody('<@UBOT> ```Error: read ECONNRESET```'), options);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: reason });
    await new Promise((r) => setTimeout(r, 100));
    expect(standIn.calls.slice(before).filter((c) => c.method === 'chat.postMessage')).toHaveLength(0);
  });

  it('refuses a body changed after signing', async () => {
    const body = eventBody('<@UBOT> ```Error: read ECONNRESET```');
    const ts = now();
    const res = await postSigned(h.eventsUrl, body.replace('ECONNRESET', 'EPIPE'), {
      timestampS: ts,
      signature: sign(body, ts),
    });
    expect(res.status).toBe(401);
  });

  it('accepts a request signed four minutes ago', async () => {
    const res = await h.send(eventBody('<@UBOT> help'), { timestampS: now() - 4 * 60 });
    expect(res.status).toBe(200);
  });

  it('answers the url_verification challenge only when signed', async () => {
    const body = JSON.stringify({ token: 't', challenge: 'c-123', type: 'url_verification' });
    const ok = await h.send(body);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ challenge: 'c-123' });
    const unsigned = await postSigned(h.eventsUrl, body, { signature: null });
    expect(unsigned.status).toBe(401);
  });

  it('leaves the server’s other routes and their body parsing alone', async () => {
    const res = await fetch(h.eventsUrl.replace('/slack/events', '/echo'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ a: 1 }),
    });
    expect(await res.json()).toEqual({ got: { a: 1 } });
  });

  it('rejects a signed body that is not JSON with 400', async () => {
    const res = await h.send('{not json');
    expect(res.status).toBe(400);
    expect(SIGNING_SECRET).not.toBe('');
  });

  it('answers Slack’s ssl_check without a signature and without processing anything', async () => {
    const before = standIn.calls.length;
    const res = await postSigned(
      h.eventsUrl,
      'ssl_check=1&token=x&payload=%7B%22type%22%3A%22block_actions%22%7D',
      {
        signature: null,
        contentType: 'application/x-www-form-urlencoded',
      },
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(standIn.calls.length).toBe(before);
  });
});

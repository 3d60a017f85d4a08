import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventBody, SIGNING_SECRET, sign, uniqueTs } from '../slack/support/bot-harness.js';
import { type SlackStandIn, startSlackStandIn } from '../slack/support/slack-stand-in.js';
import { SocketStandIn } from '../slack/support/socket-stand-in.js';
import { killBotProcess, startBotProcess } from '../support/bot-process.js';
import { deletePrefix, SHARED_REDIS_URL, uniquePrefix } from '../support/shared-redis.js';
import { waitFor } from '../support/wait-for.js';
import { slackEnv, startProduct } from './support/product.js';

/** `npm start` (node dist/main.js) with Slack, the playground and the rules as an operator configures them. */

let standIn: SlackStandIn;
beforeAll(async () => {
  standIn = await startSlackStandIn();
});
afterAll(async () => {
  await standIn?.close();
});

describe('npm start, the whole product', () => {
  it('answers a signed mention in its thread, serves the playground, reloads on SIGHUP and stops on SIGTERM', async () => {
    const prefix = uniquePrefix('start');
    const p = startBotProcess([], {
      ...slackEnv(standIn),
      REDIS_URL: SHARED_REDIS_URL,
      QUEUE_PREFIX: prefix,
      ALERTMANAGER_TOKEN: 'tok',
      PLAYGROUND: '1',
      LOG_LEVEL: 'debug',
    });
    try {
      const started = await p.waitForLine('start', (l) => l.msg === 'reset-doctor started');
      expect(started).toMatchObject({ role: 'all', slack: 'http', playground: true, prometheus: false });
      expect(String(started.rulesVersion)).toMatch(/^[0-9a-f]{12}$/);
      const base = String(started.address);
      // The secrets never reach the log.
      expect(JSON.stringify(p.lines)).not.toContain(SIGNING_SECRET);

      const ts = uniqueTs();
      const body = eventBody('<@UBOT> ```Error: socket hang up``` behind the ALB, fails after idle', {
        ts,
        channel: 'C0START',
      });
      const now = Math.floor(Date.now() / 1000);
      const r = await fetch(`${base}/slack/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-slack-request-timestamp': String(now),
          'x-slack-signature': sign(body, now),
        },
        body,
      });
      expect(r.status).toBe(200);
      await standIn.waitFor(
        () => standIn.okCallsOf('chat.update').some((c) => c.body.channel === 'C0START'),
        20_000,
        'the answer',
      );
      const placeholder = standIn.okCallsOf('chat.postMessage').find((c) => c.body.channel === 'C0START');
      expect(placeholder?.body.thread_ts).toBe(ts);
      await p.waitForLine('job done', (l) => l.msg === 'job done' && l.outcome === 'diagnosed');

      const page = await fetch(`${base}/playground/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<html');
      const rules = (await (await fetch(`${base}/playground/api/rules`)).json()) as { files: unknown[] };
      expect(rules.files.length).toBeGreaterThan(10);

      // SIGHUP reloads the rules (unchanged here) and the bot keeps running.
      p.signal('SIGHUP');
      await p.waitForLine(
        'reload',
        (l) => l.msg === 'rules unchanged' && String(l.reason).includes('SIGHUP'),
      );
      expect((await fetch(`${base}/healthz`)).status).toBe(200);

      p.signal('SIGTERM');
      expect((await p.exited).code).toBe(0);
      expect(p.lines.some((l) => l.msg === 'reset-doctor stopped')).toBe(true);
    } finally {
      await killBotProcess(p);
      await deletePrefix(prefix);
    }
  });
});

describe('Socket Mode (SLACK_APP_TOKEN)', () => {
  it('connects out, has no /slack/events route, and answers a mention through the queue', async () => {
    const socket = new SocketStandIn();
    await socket.listening;
    standIn.socketUrl = socket.url;
    const { SLACK_SIGNING_SECRET: _, ...env } = slackEnv(standIn);
    const product = await startProduct({ ...env, SLACK_APP_TOKEN: 'xapp-1-product' });
    try {
      expect(standIn.okCallsOf('apps.connections.open').at(-1)?.authorization).toBe('Bearer xapp-1-product');
      expect((await product.slackEvent('{}')).status).toBe(404);
      const ts = uniqueTs();
      await socket.push(
        'env-product-1',
        JSON.parse(
          eventBody('<@UBOT> ```Error: socket hang up``` behind the ALB', { ts, channel: 'C0SOCKET' }),
        ),
      );
      await standIn.waitFor(
        () => standIn.okCallsOf('chat.update').some((c) => c.body.channel === 'C0SOCKET'),
        20_000,
        'the answer',
      );
      expect(socket.acks).toContain('env-product-1');
      await waitFor('the job', () =>
        product.logs.lines.find((l) => l.msg === 'job done' && String(l.jobId).startsWith('slack-')),
      );
    } finally {
      await product.stop();
      await socket.close();
    }
  });
});

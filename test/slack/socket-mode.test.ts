import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { SocketStandIn } from './support/socket-stand-in.js';

describe('Socket Mode (SLACK_APP_TOKEN set)', () => {
  let standIn: SlackStandIn;
  let socket: SocketStandIn;
  let redis: Redis;
  let prefix: string;
  let h: Harness;

  beforeAll(async () => {
    standIn = await startSlackStandIn();
    socket = new SocketStandIn();
    await socket.listening;
    standIn.socketUrl = socket.url;
    redis = redisForTests();
    prefix = uniquePrefix();
    h = await startHarness({ standIn, redis, prefix, env: { SLACK_APP_TOKEN: 'xapp-1-test' } });
  });
  afterAll(async () => {
    await h.close();
    await socket.close();
    await deletePrefix(redis, prefix);
    redis.disconnect();
    await standIn.close();
  });

  it('connects out through apps.connections.open (no HTTP route) and answers a mention in its thread', async () => {
    expect(h.bot.mode).toBe('socket');
    expect(h.bot.plugin).toBeUndefined();
    const open = standIn.okCallsOf('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]?.authorization).toBe('Bearer xapp-1-test');

    const ts = uniqueTs();
    await socket.push(
      'env-1',
      JSON.parse(eventBody('<@UBOT> ```Error: socket hang up``` behind the ALB after idle', { ts })),
    );
    await standIn.waitFor(() => standIn.okCallsOf('chat.update').length >= 1, 15_000, 'the answer');
    expect(socket.acks).toContain('env-1');
    expect(standIn.okCallsOf('chat.postMessage')[0]?.body.thread_ts).toBe(ts);
  });
});

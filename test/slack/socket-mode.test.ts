import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
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

/** A stand-in for Slack's Socket Mode endpoint: says hello, pushes envelopes, records acknowledgements. */
class SocketStandIn {
  readonly acks: string[] = [];
  private readonly server: WebSocketServer;
  private socket: WebSocket | undefined;
  private connected: Promise<WebSocket>;
  readonly listening: Promise<void>;

  constructor() {
    this.server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    this.listening = new Promise((resolve) => this.server.once('listening', () => resolve()));
    this.connected = new Promise((resolve) => {
      this.server.on('connection', (ws) => {
        this.socket = ws;
        ws.on('message', (data) => {
          const msg = JSON.parse(String(data)) as { envelope_id?: string };
          if (msg.envelope_id) this.acks.push(msg.envelope_id);
        });
        ws.send(
          JSON.stringify({
            type: 'hello',
            num_connections: 1,
            debug_info: { host: 'stand-in', approximate_connection_time: 3600 },
            connection_info: { app_id: 'A0TEST' },
          }),
        );
        resolve(ws);
      });
    });
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/link`;
  }

  async push(envelopeId: string, payload: unknown): Promise<void> {
    const ws = await this.connected;
    ws.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type: 'events_api',
        accepts_response_payload: false,
        retry_attempt: 0,
        retry_reason: '',
        payload,
      }),
    );
  }

  close(): Promise<void> {
    this.socket?.terminate();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

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

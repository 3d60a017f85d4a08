import { createHmac, randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createSlackAnswers, type SlackAnswers } from '../../../src/adapters/slack/create-slack-answers.js';
import { createSlackBot, type SlackBot } from '../../../src/adapters/slack/create-slack-bot.js';
import { createInProcessDiagnosis, type InProcessDiagnosis } from '../../../src/app/diagnose-in-process.js';
import type { DiagnosisRequests } from '../../../src/app/diagnosis-requests.js';
import { createChatHandler } from '../../../src/app/handle-chat-message.js';
import type { ChartRenderer, KeyMetricSource } from '../../../src/app/key-metric-source.js';
import { readSlackSettings } from '../../../src/config.js';
import type { DiagnosisCore } from '../../../src/core/diagnose.js';
import { bundledCore } from '../../support/core.js';
import type { SlackStandIn } from './slack-stand-in.js';

export const SIGNING_SECRET = 'test-signing-secret-8f1c';
export const BOT_TOKEN = 'xoxb-test-token';

export const testLog = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/** The v0 signature Slack puts on every request. */
export function sign(body: string, timestampS: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampS}:${body}`).digest('hex')}`;
}

export interface PostOptions {
  readonly timestampS?: number;
  readonly secret?: string;
  readonly signature?: string | null;
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
}

export async function postSigned(url: string, body: string, options: PostOptions = {}): Promise<Response> {
  const ts = options.timestampS ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? 'application/json',
    ...options.headers,
  };
  if (options.signature !== null) {
    headers['x-slack-request-timestamp'] = String(ts);
    headers['x-slack-signature'] = options.signature ?? sign(body, ts, options.secret);
  }
  return fetch(url, { method: 'POST', headers, body });
}

let eventCounter = 0;

export function uniqueTs(): string {
  eventCounter++;
  return `1700000000.${String(eventCounter).padStart(6, '0')}${randomBytes(1).readUInt8(0) % 10}`;
}

export interface MentionOptions {
  readonly eventId?: string;
  readonly channel?: string;
  readonly ts?: string;
  readonly threadTs?: string;
  readonly user?: string;
  readonly files?: unknown[];
  readonly type?: 'app_mention' | 'message';
  readonly channelType?: string;
}

export function eventBody(text: string, o: MentionOptions = {}): string {
  const ts = o.ts ?? uniqueTs();
  const event: Record<string, unknown> = {
    type: o.type ?? 'app_mention',
    user: o.user ?? 'U0ASKER',
    text,
    ts,
    channel: o.channel ?? 'C0TEST',
    event_ts: ts,
    ...(o.threadTs ? { thread_ts: o.threadTs } : {}),
    ...(o.files ? { files: o.files } : {}),
    ...(o.channelType ? { channel_type: o.channelType } : {}),
  };
  return JSON.stringify({
    token: 'legacy',
    team_id: 'T0TEST',
    api_app_id: 'A0TEST',
    type: 'event_callback',
    event_id: o.eventId ?? `Ev${randomBytes(6).toString('hex').toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    event,
    authorizations: [{ team_id: 'T0TEST', user_id: 'UBOT', is_bot: true }],
  });
}

export function redisForTests(): Redis {
  return new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: false, maxRetriesPerRequest: 2 });
}

export function uniquePrefix(): string {
  return `{rd-test-${randomBytes(6).toString('hex')}}:slack:`;
}

/** Deletes every key of a test prefix (never anything else on the shared Redis). */
export async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}

export interface HarnessOptions {
  readonly standIn: Pick<SlackStandIn, 'apiUrl'>;
  readonly redis: Redis;
  readonly prefix: string;
  readonly env?: Record<string, string>;
  readonly core?: DiagnosisCore;
  readonly keyMetrics?: KeyMetricSource;
  readonly chart?: ChartRenderer;
  /** Extra routes on the same server (registered before it listens). */
  readonly routes?: (server: FastifyInstance) => void;
  /** Replace the in-process pipeline (e.g. one that fails). */
  readonly requests?: (
    answers: SlackAnswers,
    core: DiagnosisCore,
  ) => DiagnosisRequests & { idle?(): Promise<void> };
}

export interface Harness {
  readonly server: FastifyInstance;
  readonly eventsUrl: string;
  readonly answers: SlackAnswers;
  readonly bot: SlackBot;
  readonly pipeline: DiagnosisRequests & { idle?(): Promise<void> };
  readonly core: DiagnosisCore;
  /** Posts a correctly signed event. */
  send(body: string, options?: PostOptions): Promise<Response>;
  close(): Promise<void>;
}

/** The real Bolt app on a real fastify server on a free port, answering through the stand-in. */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const core = options.core ?? (await bundledCore());
  const settings = readSlackSettings({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: options.standIn.apiUrl,
    SLACK_ALERT_CHANNEL: 'C0ALERTS',
    SLACK_RETRY_ATTEMPTS: '3',
    SLACK_RETRY_BASE_MS: '50',
    SLACK_OUTBOX_INTERVAL_MS: '250',
    SLACK_OUTBOX_MAX_BACKOFF_MS: '500',
    ...options.env,
  });
  if (!settings) throw new Error('Slack settings missing');
  const answers = createSlackAnswers({
    settings,
    redis: options.redis,
    log: testLog,
    prefix: options.prefix,
    ...(options.keyMetrics ? { keyMetrics: options.keyMetrics } : {}),
    ...(options.chart ? { chart: options.chart } : {}),
  });
  const pipeline: DiagnosisRequests & { idle?(): Promise<void> } = options.requests
    ? options.requests(answers, core)
    : (createInProcessDiagnosis({
        core,
        notifier: answers.notifier,
        log: testLog,
      }) satisfies InProcessDiagnosis);
  const chat = createChatHandler({
    dedupe: answers.state,
    notifier: answers.notifier,
    requests: pipeline,
    replies: answers.notifier,
    archive: answers.state,
    core,
    now: () => new Date(),
    log: testLog,
  });
  const bot = createSlackBot({
    settings,
    log: testLog,
    client: answers.client,
    chat,
    feedback: { store: answers.state, archive: answers.state, replies: answers.notifier, log: testLog },
    ruleSet: () => core.ruleSet,
  });
  const server = Fastify({ logger: false });
  if (bot.plugin) await server.register(bot.plugin);
  options.routes?.(server);
  await server.listen({ port: 0, host: '127.0.0.1' });
  await bot.start();
  answers.start();
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const eventsUrl = `http://127.0.0.1:${port}/slack/events`;
  return {
    server,
    eventsUrl,
    answers,
    bot,
    pipeline,
    core,
    send: (body, o) => postSigned(eventsUrl, body, o),
    async close() {
      await server.close();
      await bot.stop();
      await pipeline.idle?.();
      await answers.stop();
    },
  };
}

/** Polls until `check` resolves true, or fails after `timeoutMs`. */
export async function eventually(
  check: () => Promise<boolean> | boolean,
  timeoutMs = 10_000,
  what = 'a condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

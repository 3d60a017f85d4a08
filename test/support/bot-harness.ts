import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { z } from 'zod';
import { createLogger } from '../../src/adapters/logging/create-logger.js';
import type { DeliveryRef } from '../../src/app/diagnosis-store.js';
import type { Answer, Notifier } from '../../src/app/notifier.js';
import { type Bot, type BotParts, createBot } from '../../src/bot/create-bot.js';
import { type Config, type Role, readConfig } from '../../src/config.js';
import { bundledCore } from './core.js';
import { deletePrefix, SHARED_REDIS_URL, uniquePrefix } from './shared-redis.js';

export const TOKEN = 'test-token-123';

/** A notifier that remembers what it was asked to show (a hand-written fake of our own port). */
export class RecordingNotifier implements Notifier {
  readonly delivered: Answer[] = [];
  readonly updated: Answer[] = [];
  /** While set, deliveries throw it (a Slack outage). */
  failWith: Error | undefined;

  async deliver(answer: Answer): Promise<DeliveryRef> {
    if (this.failWith) throw this.failWith;
    this.delivered.push(answer);
    return { via: 'test', n: String(this.delivered.length) };
  }

  async update(answer: Answer, delivery: DeliveryRef): Promise<DeliveryRef | undefined> {
    if (this.failWith) throw this.failWith;
    this.updated.push(answer);
    return delivery;
  }

  /** The latest view of an incident: its last update, or its delivery. */
  latest(incidentId: string): Answer | undefined {
    return [...this.delivered, ...this.updated].filter((a) => a.incidentId === incidentId).at(-1);
  }
}

const LineSchema = z.record(z.string(), z.unknown());

/** Log lines kept in memory, parsed. */
export class LogLines extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim()) this.lines.push(LineSchema.parse(JSON.parse(line)));
    }
    done();
  }
}

export interface TestBot {
  readonly bot: Bot;
  readonly config: Config;
  readonly url: string;
  readonly notifier: RecordingNotifier;
  readonly logs: LogLines;
  readonly logger: Logger;
  /** POSTs a webhook body (an object is sent as JSON) with the right token unless told otherwise. */
  post(
    body: unknown,
    init?: { token?: string | null; raw?: string; contentType?: string },
  ): Promise<Response>;
  stop(): Promise<void>;
}

export interface TestBotOptions {
  readonly role?: Role;
  readonly prefix?: string;
  readonly redisUrl?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly notifier?: RecordingNotifier;
  readonly parts?: BotParts;
}

/** The real bot (real Redis, real HTTP on a free port) with a recording notifier. */
export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const role = options.role ?? 'all';
  const config = readConfig(
    {
      REDIS_URL: options.redisUrl ?? SHARED_REDIS_URL,
      QUEUE_PREFIX: options.prefix ?? uniquePrefix('bot'),
      ALERTMANAGER_TOKEN: TOKEN,
      LOG_LEVEL: 'debug',
      JOB_LOCK_MS: '2000',
      REDIS_TIMEOUT_MS: '1000',
      ...options.env,
    },
    { role },
  );
  const logs = new LogLines();
  const logger = createLogger({ level: config.logLevel, destination: logs });
  const notifier = options.notifier ?? new RecordingNotifier();
  const core = role === 'intake' ? undefined : await bundledCore();
  const bot = await createBot(config, logger, {
    notifier,
    ...(core ? { core: () => core } : {}),
    ...options.parts,
  });
  const url = await bot.listen(0, '127.0.0.1');
  return {
    bot,
    config,
    url,
    notifier,
    logs,
    logger,
    post(body, init = {}) {
      const headers: Record<string, string> = { 'content-type': init.contentType ?? 'application/json' };
      const token = init.token === undefined ? TOKEN : init.token;
      if (token !== null) headers.authorization = `Bearer ${token}`;
      return fetch(`${url}/alertmanager`, {
        method: 'POST',
        headers,
        body: init.raw ?? JSON.stringify(body),
      });
    },
    stop: () => bot.stop(),
  };
}

/** Stops the bots and deletes their keys from the shared Redis. */
export async function disposeBots(bots: readonly TestBot[], prefixes: readonly string[] = []): Promise<void> {
  await Promise.all(bots.map((b) => b.stop()));
  const all = new Set([...prefixes, ...bots.map((b) => b.config.queue.prefix)]);
  await Promise.all([...all].map((p) => deletePrefix(p)));
}

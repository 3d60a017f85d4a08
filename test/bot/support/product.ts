import type { Logger } from 'pino';
import { createLogger } from '../../../src/adapters/logging/create-logger.js';
import { type Config, type Role, readConfig } from '../../../src/config.js';
import { type AssembledBot, assembleBot } from '../../../src/main.js';
import { BOT_TOKEN, SIGNING_SECRET, sign } from '../../slack/support/bot-harness.js';
import type { SlackStandIn } from '../../slack/support/slack-stand-in.js';
import { LogLines, TOKEN } from '../../support/bot-harness.js';
import { deletePrefix, SHARED_REDIS_URL, uniquePrefix } from '../../support/shared-redis.js';
import { waitFor } from '../../support/wait-for.js';

/**
 * The whole product as `npm start` assembles it (`assembleBot` from src/main.ts: rules with hot reload,
 * Prometheus, Slack, playground, as the environment says), on the real Redis under a unique prefix and a
 * free port, its log lines kept in memory.
 */

export interface Product {
  readonly assembled: AssembledBot;
  readonly config: Config;
  readonly url: string;
  readonly logs: LogLines;
  readonly logger: Logger;
  /** POSTs an Alertmanager webhook body with the bearer token. */
  alert(body: unknown): Promise<Response>;
  /** POSTs a Slack event body to /slack/events, signed with the signing secret. */
  slackEvent(body: string, headers?: Record<string, string>): Promise<Response>;
  /** The bot's /metrics text. */
  metrics(): Promise<string>;
  /** Waits until no job is waiting, active or delayed. */
  settled(): Promise<void>;
  /** Stops the bot and deletes its keys. */
  stop(): Promise<void>;
}

/** Environment for Slack in HTTP mode against the stand-in (quick retries, a quick outbox). */
export function slackEnv(standIn: Pick<SlackStandIn, 'apiUrl'>): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: standIn.apiUrl,
    SLACK_ALERT_CHANNEL: 'C0ALERTS',
    SLACK_RETRY_ATTEMPTS: '2',
    SLACK_RETRY_BASE_MS: '50',
    SLACK_OUTBOX_INTERVAL_MS: '250',
    SLACK_OUTBOX_MAX_BACKOFF_MS: '500',
  };
}

export async function startProduct(
  env: Readonly<Record<string, string>> = {},
  options: { readonly role?: Role } = {},
): Promise<Product> {
  const prefix = env.QUEUE_PREFIX ?? uniquePrefix('product');
  const config = readConfig(
    {
      REDIS_URL: SHARED_REDIS_URL,
      QUEUE_PREFIX: prefix,
      ALERTMANAGER_TOKEN: TOKEN,
      LOG_LEVEL: 'debug',
      JOB_LOCK_MS: '2000',
      JOB_BACKOFF_MS: '100',
      REDIS_TIMEOUT_MS: '1000',
      ...env,
    },
    { role: options.role ?? 'all' },
  );
  const logs = new LogLines();
  const logger = createLogger({ level: config.logLevel, destination: logs });
  // Several bots share this test process: SIGHUP stays out of it (file changes reload the rules).
  const assembled = await assembleBot(config, logger, { reloadSignal: false });
  const url = await assembled.listen(0, '127.0.0.1');
  return {
    assembled,
    config,
    url,
    logs,
    logger,
    alert: (body) =>
      fetch(`${url}/alertmanager`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify(body),
      }),
    slackEvent(body, headers = {}) {
      const ts = Math.floor(Date.now() / 1000);
      return fetch(`${url}/slack/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': sign(body, ts),
          ...headers,
        },
        body,
      });
    },
    metrics: async () => (await fetch(`${url}/metrics`)).text(),
    settled: async () => {
      await waitFor(
        'the queue to drain',
        async () => {
          const c = await assembled.bot.queue?.counts();
          return c !== undefined && c.waiting === 0 && c.active === 0 && c.delayed === 0;
        },
        20_000,
      );
    },
    async stop() {
      await assembled.stop();
      await deletePrefix(prefix);
    },
  };
}

/** The value of one sample in /metrics text (0 when absent). */
export function sample(metrics: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  let total = 0;
  for (const line of metrics.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (!wanted.every((w) => line.includes(w))) continue;
    total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

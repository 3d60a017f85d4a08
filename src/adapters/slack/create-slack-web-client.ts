import { LogLevel, type Logger as SlackLogger, WebClient, type WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';

/**
 * Web API clients for the bot. The delivery layer does its own retrying (per channel, with an outbox
 * behind it), so the client itself never retries and reports rate limits at once with their Retry-After.
 */

export interface SlackClientSettings {
  readonly botToken: string;
  readonly apiUrl: string;
  /** Per-request timeout. */
  readonly timeoutMs?: number;
}

export function boltLogger(log: Logger): SlackLogger {
  let level: LogLevel = LogLevel.INFO;
  const text = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    debug: (...msg) => log.debug(text(msg)),
    info: (...msg) => log.info(text(msg)),
    warn: (...msg) => log.warn(text(msg)),
    error: (...msg) => log.error(text(msg)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

export function slackClientOptions(settings: SlackClientSettings, log: Logger): WebClientOptions {
  return {
    slackApiUrl: settings.apiUrl,
    logger: boltLogger(log.child({ component: 'slack-web-api' })),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: settings.timeoutMs ?? 15_000,
  };
}

export function createSlackWebClient(settings: SlackClientSettings, log: Logger): WebClient {
  return new WebClient(settings.botToken, slackClientOptions(settings, log));
}

import { RULES_DIR } from './paths.js';
import { REDIS_URL } from './redis.js';

export const BENCH_TOKEN = 'bench-token';

/** The environment of a measured bot process: the bot's own variables (DESIGN §5 and the queue tuning). */
export function botEnv(settings: {
  readonly prefix: string;
  readonly queue: string;
  readonly concurrency: number;
  readonly logLevel: string;
}): Record<string, string> {
  return {
    REDIS_URL,
    QUEUE_PREFIX: settings.prefix,
    QUEUE_NAME: settings.queue,
    WORKER_CONCURRENCY: String(settings.concurrency),
    // The bot's default, spelled out: the bare BullMQ worker of the floor reads it too.
    JOB_LOCK_MS: '30000',
    LOG_LEVEL: settings.logLevel,
    ALERTMANAGER_TOKEN: BENCH_TOKEN,
    PORT: '0',
    RULES_DIR,
  };
}

import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { ResetDoctorError } from '../../errors.js';

/**
 * Redis connections, one kind per use:
 * - `producer`: intake's queue and health checks. Fails fast when Redis is unreachable (no offline queue,
 *   one try per command) so the webhook answers 503 at once and Alertmanager retries later.
 * - `worker`: BullMQ's worker (blocking commands); waits out outages (`maxRetriesPerRequest: null`).
 * - `store`: the worker's diagnosis store; retries a while, then the job fails and is retried by BullMQ.
 *   (ioredis' auto-pipelining measured no faster here and raised the worker's peak memory by about 50 MB.)
 */
export type RedisKind = 'producer' | 'worker' | 'store';

export interface RedisSettings {
  readonly url: string;
  readonly kind: RedisKind;
  /** How long to wait for a connection (and, for the producer, for a command). */
  readonly timeoutMs: number;
  readonly name?: string;
}

/** Reconnect quickly after an outage: 100 ms, 200 ms, ... at most 2 s apart. */
const retryStrategy = (times: number) => Math.min(times * 100, 2000);

export function createRedis(settings: RedisSettings, log: Logger): Redis {
  const base: RedisOptions = {
    connectTimeout: settings.timeoutMs,
    retryStrategy,
    connectionName: settings.name ?? `reset-doctor-${settings.kind}`,
  };
  const options: RedisOptions =
    settings.kind === 'producer'
      ? { ...base, enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: settings.timeoutMs }
      : settings.kind === 'worker'
        ? { ...base, maxRetriesPerRequest: null }
        : { ...base, maxRetriesPerRequest: 3 };
  const client = new Redis(settings.url, options);
  let down = false;
  client.on('error', (err: Error) => {
    if (!down) log.warn({ redis: settings.kind, err: { message: err.message } }, 'redis unreachable');
    down = true;
  });
  client.on('ready', () => {
    if (down) log.info({ redis: settings.kind }, 'redis reachable again');
    down = false;
  });
  return client;
}

/** Closes a connection politely, or cuts it when Redis is not there to answer. */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  if (client.status !== 'ready') {
    client.disconnect();
    return;
  }
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}

/** Waits until the connection is ready; REDIS_UNAVAILABLE after `ms` (for tools that should not hang). */
export async function waitForRedis(client: Redis, ms: number, where: string): Promise<void> {
  if (client.status === 'ready') return;
  let timer: NodeJS.Timeout | undefined;
  let onReady: (() => void) | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      onReady = resolve;
      client.once('ready', onReady);
      timer = setTimeout(
        () =>
          reject(new ResetDoctorError('REDIS_UNAVAILABLE', `cannot reach Redis at ${where} within ${ms} ms`)),
        ms,
      );
    });
  } finally {
    clearTimeout(timer);
    if (onReady) client.removeListener('ready', onReady);
  }
}

import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/**
 * The shared Redis: the benchmark works under its own hash-tagged prefix and queue name and deletes its
 * keys afterwards (SCAN, never KEYS, never FLUSH).
 */

export const REDIS_URL = process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export function uniquePrefix(label: string): string {
  return `{rd-bench-${label}-${randomBytes(4).toString('hex')}}`;
}

export async function deletePrefix(prefix: string, url = REDIS_URL): Promise<number> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await client.del(...keys);
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
  return deleted;
}

/** CPU time the Redis server has used (user + system), milliseconds: every client's work, not only ours. */
export async function redisCpuMs(url = REDIS_URL): Promise<number> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const info = await client.info('cpu');
    const s = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? Number.NaN);
    return (s('used_cpu_user') + s('used_cpu_sys')) * 1000;
  } finally {
    client.disconnect();
  }
}

export async function redisVersion(url = REDIS_URL): Promise<string> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const info = await client.info('server');
    return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  } finally {
    client.disconnect();
  }
}

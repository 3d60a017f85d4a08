import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** The shared Redis of the machine: never flushed; each test works under its own prefix and deletes it. */
export const SHARED_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A hash-tagged key prefix no other test uses. */
export function uniquePrefix(label: string): string {
  return `{rdt-${label}-${randomBytes(4).toString('hex')}}`;
}

/** Deletes every key under the prefix (SCAN, never KEYS or FLUSH). */
export async function deletePrefix(prefix: string, url = SHARED_REDIS_URL): Promise<number> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) deleted += await client.del(...keys);
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
  return deleted;
}

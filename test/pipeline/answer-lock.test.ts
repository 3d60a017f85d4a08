import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisDiagnosisStore } from '../../src/adapters/redis/redis-diagnosis-store.js';
import { deletePrefix, SHARED_REDIS_URL, uniquePrefix } from '../support/shared-redis.js';
import { sleep } from '../support/wait-for.js';

/** Answers of one incident are delivered by one worker at a time, across processes (two connections here). */

const prefix = uniquePrefix('lock');
const one = new Redis(SHARED_REDIS_URL);
const two = new Redis(SHARED_REDIS_URL);
afterAll(async () => {
  one.disconnect();
  two.disconnect();
  await deletePrefix(prefix);
});

describe('withAnswerLock', () => {
  it('runs the deliveries of one incident one after the other, of different incidents side by side', async () => {
    const a = createRedisDiagnosisStore(one, { prefix, ttlS: 60 });
    const b = createRedisDiagnosisStore(two, { prefix, ttlS: 60 });
    const events: string[] = [];
    const work = (name: string, ms: number) => async () => {
      events.push(`${name} start`);
      await sleep(ms);
      events.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([
      a.withAnswerLock('inc-1', work('first', 150)),
      sleep(20).then(() => b.withAnswerLock('inc-1', work('second', 10))),
      sleep(20).then(() => b.withAnswerLock('inc-2', work('other', 10))),
    ]);
    expect(results).toEqual(['first', 'second', 'other']);
    const first = events.indexOf('first end');
    expect(events.indexOf('second start')).toBeGreaterThan(first);
    expect(events.indexOf('other end')).toBeLessThan(first);
  });

  it('is released when the work throws', async () => {
    const store = createRedisDiagnosisStore(one, { prefix, ttlS: 60 });
    await expect(
      store.withAnswerLock('inc-3', async () => {
        throw new Error('Slack refused');
      }),
    ).rejects.toThrow('Slack refused');
    expect(await store.withAnswerLock('inc-3', async () => 'again')).toBe('again');
  });
});

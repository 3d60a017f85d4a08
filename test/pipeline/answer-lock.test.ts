import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisDiagnosisStore } from '../../src/adapters/redis/redis-diagnosis-store.js';
import { deletePrefix, SHARED_REDIS_URL, uniquePrefix } from '../support/shared-redis.js';

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
    // No timing: `first` holds inc-1's lock until `other` (inc-2) has finished, which it can only do if
    // different incidents run side by side; `second` (inc-1) must wait for `first`.
    let releaseFirst: () => void = () => undefined;
    const otherDone = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    let firstHolds: () => void = () => undefined;
    const firstStarted = new Promise<void>((resolve) => {
      firstHolds = resolve;
    });
    const results = await Promise.all([
      a.withAnswerLock('inc-1', async () => {
        events.push('first start');
        firstHolds();
        await otherDone;
        events.push('first end');
        return 'first';
      }),
      firstStarted.then(() =>
        b.withAnswerLock('inc-1', async () => {
          events.push('second start');
          return 'second';
        }),
      ),
      firstStarted.then(() =>
        b.withAnswerLock('inc-2', async () => {
          events.push('other end');
          releaseFirst();
          return 'other';
        }),
      ),
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

import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createBullmqQueue } from '../../src/adapters/queue/bullmq-job-queue.js';
import { storeKeys } from '../../src/adapters/redis/store-keys.js';
import { deletePrefix, SHARED_REDIS_URL, uniquePrefix } from '../support/shared-redis.js';

/** The producer side on the shared Redis: job ids, redeliveries and a group's pending jobs. */

const prefix = uniquePrefix('job-queue');
const client = new Redis(SHARED_REDIS_URL, { maxRetriesPerRequest: 1 });
const settings = {
  name: `jq-${Date.now()}`,
  prefix,
  attempts: 3,
  backoffMs: 1000,
  keepCompletedS: 3600,
  keepFailedS: 3600,
};
const queue = createBullmqQueue(client, settings, { timeoutMs: 5000, groupTtlS: 600 });

afterAll(async () => {
  await queue.close();
  client.disconnect();
  await deletePrefix(prefix);
});

const job = (jobId: string) => ({ kind: 'sync' as const, jobId, incidentId: `inc-${jobId}`, receivedAt: 1 });

describe('the BullMQ job queue', () => {
  it('stores a job once: a redelivery under the same id is not created again', async () => {
    expect(await queue.jobs.add(job('once'))).toEqual({ created: true });
    expect(await queue.jobs.add(job('once'))).toEqual({ created: false });
    expect(await queue.jobs.isWaiting('once')).toBe(true);
  });

  it("notes each job of a group among the group's pending ones, in a set that expires", async () => {
    await queue.jobs.add(job('g1-a'), { groupId: 'g1' });
    await queue.jobs.add(job('g1-b'), { groupId: 'g1' });
    await queue.jobs.add(job('g2-a'), { groupId: 'g2' });
    expect([...(await queue.jobs.pendingOfGroup('g1'))].sort()).toEqual(['g1-a', 'g1-b']);
    expect(await queue.jobs.pendingOfGroup('g2')).toEqual(['g2-a']);
    const ttl = await client.ttl(storeKeys(prefix).groupPending('g1'));
    expect(ttl).toBeGreaterThan(590);
    expect(ttl).toBeLessThanOrEqual(600);
  });

  it('removes a job that no worker has taken', async () => {
    await queue.jobs.add(job('gone'));
    expect(await queue.jobs.removeIfWaiting('gone')).toBe(true);
    expect(await queue.jobs.isWaiting('gone')).toBe(false);
    expect(await queue.jobs.removeIfWaiting('gone')).toBe(false);
  });
});
